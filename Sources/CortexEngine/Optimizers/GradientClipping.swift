/// Gradient clipping by global norm, as PyTorch's `clip_grad_norm_`:
///
///     n = √(Σ_all g²),   if n > max:  g ← g · max/(n + 10⁻⁶)
public enum GradientClipping {
    /// Clips `gradients` in place and returns the norm before clipping.
    @discardableResult
    public static func clipGlobalNorm<S: TensorScalar>(_ gradients: inout [String: Tensor<S>], maxNorm: Double) -> Double {
        var total = 0.0
        for g in gradients.values { for v in g.scalars { total += Double(v) * Double(v) } }
        let norm = total.squareRoot()
        let coefficient = maxNorm / (norm + 1e-6)
        if coefficient < 1 {
            for (name, g) in gradients {
                gradients[name] = Tensor(shape: g.shape, scalars: g.scalars.map { $0 * S(coefficient) })
            }
        }
        return norm
    }
}
