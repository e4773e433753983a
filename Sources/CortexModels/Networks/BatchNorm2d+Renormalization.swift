import CortexEngine

/// How the step-by-step (recurrent) parts of LoRaFB-SNet normalise while training.
///
/// LoRaFB-SNet runs its stages one time step at a time, so in training each BatchNorm sees one
/// step's batch statistics, while inference uses running averages over all steps. Spiking
/// activity changes over the steps (membranes start at rest, the feedback starts at zero), so
/// the two differ and a network trained with per-step batch statistics can fall to chance in
/// inference mode (observed: 75 % test accuracy with batch statistics, 10 % with running ones).
/// Batch renormalisation removes the mismatch.
public enum StepNormalization: String, Sendable, Hashable, CaseIterable, Codable {
    /// Plain batch statistics per step (the reference code).
    case batchStatistics = "batch"
    /// Batch renormalisation (Ioffe 2017, arXiv 1702.03275) without clipping: with r = σ_B/σ_R
    /// and d = (μ_B − μ_R)/σ_R held constant, y = γ·(r·x̂_B + d) + β, which equals the
    /// inference-mode output γ·(x − μ_R)/σ_R + β while gradients still flow through the batch
    /// statistics; running statistics are updated as usual.
    case renormalized = "renorm"
}

extension BatchNorm2d where Scalar == Float {
    /// Normalises `x` in `mode`, using batch renormalisation in training when `renormalize`.
    ///
    /// With renormalisation the running statistics are **not** updated here: the batch statistics
    /// of each call are appended to `pending`, and ``applyPending(_:)`` makes one update with their
    /// mean after the whole forward pass. (Updating at every time step would let the statistics
    /// track the current clip within one forward pass, which inference cannot do.)
    mutating func normalize(_ x: Tensor<Float>, mode: ExecutionMode, renormalize: Bool,
                            pending: inout [BatchStatistics]) -> Tensor<Float> {
        guard renormalize, mode == .training else { return callAsFunction(x, mode: mode) }
        if x.rank == 5 {
            return normalize(x.foldingTime(), mode: mode, renormalize: true, pending: &pending).unfoldingTime(steps: x.shape[0])
        }
        let channels = x.shape[1]
        let eps = Float(epsilon)
        let ones = Tensor<Float>(shape: [channels], repeating: 1), zeros = Tensor<Float>(shape: [channels], repeating: 0)
        let (_, mean, variance) = x.detached().batchNormalized(scale: ones, shift: zeros, statistics: nil, epsilon: eps)
        let runningMean = self.runningMean.scalars, runningVariance = self.runningVariance.scalars
        var r = [Float](repeating: 1, count: channels), d = [Float](repeating: 0, count: channels)
        for c in 0..<channels {
            let sigmaBatch = (variance[c] + eps).squareRoot(), sigmaRunning = (runningVariance[c] + eps).squareRoot()
            r[c] = sigmaBatch / sigmaRunning
            d[c] = (mean[c] - runningMean[c]) / sigmaRunning
        }
        let rT = Tensor<Float>(shape: [channels], scalars: r), dT = Tensor<Float>(shape: [channels], scalars: d)
        let y = x.batchNormalized(scale: weight * rT, shift: bias + weight * dT, statistics: nil, epsilon: eps).output
        pending.append(BatchStatistics(mean: mean, variance: variance, samples: x.count / channels))
        return y
    }

    /// One running-statistics update, as BatchNorm2d's training mode, with the mean of the
    /// pending batch statistics (variance made unbiased with the per-call sample count).
    mutating func applyPending(_ pending: [BatchStatistics]) {
        guard !pending.isEmpty else { return }
        let channels = runningMean.count
        let n = Float(pending.count)
        let m = Float(momentum)
        var mean = [Float](repeating: 0, count: channels), variance = mean
        for p in pending {
            let samples = Float(p.samples)
            let correction = samples > 1 ? samples / (samples - 1) : 1
            for c in 0..<channels {
                mean[c] += p.mean[c] / n
                variance[c] += p.variance[c] * correction / n
            }
        }
        runningMean = Tensor(shape: [channels], scalars: zip(runningMean.scalars, mean).map { (1 - m) * $0 + m * $1 })
        runningVariance = Tensor(shape: [channels], scalars: zip(runningVariance.scalars, variance).map { (1 - m) * $0 + m * $1 })
        batchesTracked = Tensor(shape: [], scalars: [batchesTracked.scalars[0] + 1])
    }
}

/// Per-channel batch mean and (biased) variance of one normalisation call.
public struct BatchStatistics: Sendable {
    public var mean: [Float]
    public var variance: [Float]
    public var samples: Int
}
