/// Gradient clipping by global norm, as PyTorch's `clip_grad_norm_`:
///
///     n = √(Σ_all g²),   if n > max:  g ← g · max/(n + 10⁻⁶)
public enum GradientClipping {
    /// Clips `gradients` in place and returns the norm before clipping.
    @discardableResult
    public static func clipGlobalNorm<S: TensorScalar>(_ gradients: inout [String: Tensor<S>], maxNorm: Double) -> Double {
        let norm = gradients.values.reduce(0.0) { $0 + sumOfSquares($1.scalars) }.squareRoot()
        let coefficient = maxNorm / (norm + 1e-6)
        if coefficient < 1 {
            for (name, g) in gradients {
                gradients[name] = Tensor(shape: g.shape, scalars: scaled(g.scalars, by: S(coefficient)))
            }
        }
        return norm
    }

    /// Σ x² accumulated in Double.
    @_specialize(where S == Float)
    static func sumOfSquares<S: TensorScalar>(_ x: [S]) -> Double {
        x.withUnsafeBufferPointer { p in
            var total = 0.0
            for v in p { total += Double(v) * Double(v) }
            return total
        }
    }

    @_specialize(where S == Float)
    static func scaled<S: TensorScalar>(_ x: [S], by c: S) -> [S] { Elementwise.map(x) { $0 * c } }
}
