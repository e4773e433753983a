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
    mutating func normalize(_ x: Tensor<Float>, mode: ExecutionMode, renormalize: Bool) -> Tensor<Float> {
        guard renormalize, mode == .training else { return callAsFunction(x, mode: mode) }
        if x.rank == 5 { return normalize(x.foldingTime(), mode: mode, renormalize: true).unfoldingTime(steps: x.shape[0]) }
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
        // running statistics exactly as BatchNorm2d's training mode
        let m = Float(momentum)
        let samples = Float(x.count / channels)
        let correction = samples > 1 ? samples / (samples - 1) : 1
        self.runningMean = Tensor(shape: [channels], scalars: zip(runningMean, mean).map { (1 - m) * $0 + m * $1 })
        self.runningVariance = Tensor(shape: [channels], scalars: zip(runningVariance, variance).map { (1 - m) * $0 + m * $1 * correction })
        batchesTracked = Tensor(shape: [], scalars: [batchesTracked.scalars[0] + 1])
        return y
    }
}
