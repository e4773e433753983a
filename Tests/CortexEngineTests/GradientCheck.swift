import CortexNumerics
@testable import CortexEngine

/// Central-difference gradient checks in Double.
///
/// The checked function's output is contracted with fixed random weights R (loss = Σ f(x)·R), so
/// every output element's gradient is exercised; analytic gradients come from the graph.
enum GradientCheck {
    /// A constant tensor with standard-normal entries from `seed`.
    static func random(_ shape: [Int], seed: UInt64, scale: Double = 1) -> Tensor<Double> {
        var rng = SplittableRandom(seed: seed)
        return Tensor(shape: shape, generating: { _ in rng.standardNormal() * scale })
    }

    /// Largest |analytic − numeric| / max(1, |numeric|) over all input elements.
    static func maxError(_ inputs: [Tensor<Double>], step: Double = 1e-6, seed: UInt64 = 99,
                         _ f: ([Tensor<Double>]) -> Tensor<Double>) -> Double {
        let probe = f(inputs)
        let weights = random(probe.shape, seed: seed)
        func loss(_ xs: [Tensor<Double>]) -> Double {
            zip(f(xs).scalars, weights.scalars).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let graph = Graph<Double>()
        let leaves = inputs.map { graph.leaf($0) }
        graph.backward(from: (f(leaves) * weights).sum())
        var worst = 0.0
        for (index, input) in inputs.enumerated() {
            let analytic = graph.gradient(of: leaves[index])?.scalars ?? [Double](repeating: 0, count: input.count)
            for i in 0..<input.count {
                var plus = input.scalars, minus = input.scalars
                plus[i] += step
                minus[i] -= step
                var xp = inputs, xm = inputs
                xp[index] = Tensor(shape: input.shape, scalars: plus)
                xm[index] = Tensor(shape: input.shape, scalars: minus)
                let numeric = (loss(xp) - loss(xm)) / (2 * step)
                worst = max(worst, abs(analytic[i] - numeric) / max(1, abs(numeric)))
            }
        }
        return worst
    }
}
