/// The outcome of scoring a network straight from a movie (`Comparison.scores(network:…)`):
/// the layers × areas scores, the kept layer outputs (for statistics; drop the value to free
/// them), and where the time went.
public struct StreamedComparison: Sendable {
    /// The layers × areas table, as from a feature file.
    public var scores: ModelScores
    /// The layer outputs kept during the forward pass.
    public var layers: StreamedLayers
    /// Wall-clock seconds of the forward pass (preprocessing and encoding included).
    public var forwardSeconds: Double
    /// Wall-clock seconds of the similarity part: Gram matrices, RDMs, scores of every layer × area
    /// (the brain side's preparation included).
    public var similaritySeconds: Double
    /// Bytes held by the kept layer outputs.
    public var keptBytes: Int { layers.keptBytes }

    public init(scores: ModelScores, layers: StreamedLayers, forwardSeconds: Double, similaritySeconds: Double) {
        self.scores = scores
        self.layers = layers
        self.forwardSeconds = forwardSeconds
        self.similaritySeconds = similaritySeconds
    }
}
