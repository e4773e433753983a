/// The outcome of ``RidgePredictivity/score(model:brain:alpha:evaluation:blockColumns:)``.
public struct RidgeResult: Sendable, Hashable {
    /// Mean of ``perNeuron`` over the neurons that vary.
    public var score: Double
    /// Held-out Pearson r (or in-sample R²) per brain neuron; NaN for a neuron with zero variance
    /// (it cannot be correlated), which is listed in ``constantNeurons`` and left out of the mean.
    public var perNeuron: [Double]
    /// Neurons (columns of the brain matrix) with zero variance over frames.
    public var constantNeurons: [Int]
}
