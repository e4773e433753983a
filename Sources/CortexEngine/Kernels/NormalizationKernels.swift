/// Batch normalisation over `[N, C, S]` (S = H·W; S = 1 for `[N, C]`), per channel c:
///
///     x̂ = (x − μ_c) / √(σ²_c + ε),   y = γ_c·x̂ + β_c
///
/// In training μ, σ² are the batch mean and biased variance over N·S values; in inference the
/// running statistics. Training backward (M = N·S):
///
///     dx = γ/(M·√(σ²+ε)) · (M·dy − Σdy − x̂·Σ(dy·x̂)),   dγ = Σ dy·x̂,   dβ = Σ dy
enum NormalizationKernels {
    struct Forward<S> {
        var output: [S]
        var normalized: [S]
        var inverseStd: [S]
        var mean: [S]
        var variance: [S]
    }

    static func forward<S: TensorScalar>(_ x: [S], batch: Int, channels: Int, spatial: Int,
                                         scale: [S], shift: [S], statistics: (mean: [S], variance: [S])?,
                                         epsilon: S) -> Forward<S> {
        let m = batch * spatial
        var mean = [S](repeating: 0, count: channels)
        var variance = [S](repeating: 0, count: channels)
        if let statistics {
            mean = statistics.mean
            variance = statistics.variance
        } else {
            for c in 0..<channels {
                var s: S = 0
                for n in 0..<batch { let b = (n * channels + c) * spatial; for i in 0..<spatial { s += x[b + i] } }
                let mu = s / S(m)
                var q: S = 0
                for n in 0..<batch {
                    let b = (n * channels + c) * spatial
                    for i in 0..<spatial { let d = x[b + i] - mu; q += d * d }
                }
                mean[c] = mu
                variance[c] = q / S(m)
            }
        }
        let inverseStd = variance.map { 1 / ($0 + epsilon).squareRoot() }
        var normalized = [S](repeating: 0, count: x.count)
        var output = [S](repeating: 0, count: x.count)
        for n in 0..<batch {
            for c in 0..<channels {
                let b = (n * channels + c) * spatial
                for i in 0..<spatial {
                    let h = (x[b + i] - mean[c]) * inverseStd[c]
                    normalized[b + i] = h
                    output[b + i] = scale[c] * h + shift[c]
                }
            }
        }
        return Forward(output: output, normalized: normalized, inverseStd: inverseStd, mean: mean, variance: variance)
    }

    /// Returns (dx, dγ, dβ).
    static func backward<S: TensorScalar>(_ dy: [S], normalized: [S], inverseStd: [S], scale: [S],
                                          batch: Int, channels: Int, spatial: Int, training: Bool) -> ([S], [S], [S]) {
        let m = S(batch * spatial)
        var dScale = [S](repeating: 0, count: channels)
        var dShift = [S](repeating: 0, count: channels)
        for n in 0..<batch {
            for c in 0..<channels {
                let b = (n * channels + c) * spatial
                for i in 0..<spatial { dShift[c] += dy[b + i]; dScale[c] += dy[b + i] * normalized[b + i] }
            }
        }
        var dx = [S](repeating: 0, count: dy.count)
        for n in 0..<batch {
            for c in 0..<channels {
                let b = (n * channels + c) * spatial
                let k = scale[c] * inverseStd[c]
                for i in 0..<spatial {
                    dx[b + i] = training
                        ? k / m * (m * dy[b + i] - dShift[c] - normalized[b + i] * dScale[c])
                        : k * dy[b + i]
                }
            }
        }
        return (dx, dScale, dShift)
    }
}
