/// How many weights pruning removed, per parameter and in total.
public struct SparsityReport: Sendable, Hashable, Codable {
    public struct Layer: Sendable, Hashable, Codable {
        /// The parameter's state-dict name (`layer2.0.conv1.weight`).
        public var name: String
        public var weights: Int
        public var pruned: Int
        /// pruned / weights.
        public var sparsity: Double { weights == 0 ? 0 : Double(pruned) / Double(weights) }
    }

    /// One entry per prunable parameter, by name.
    public var layers: [Layer]

    /// All prunable weights together.
    public var total: Layer {
        Layer(name: "total", weights: layers.reduce(0) { $0 + $1.weights }, pruned: layers.reduce(0) { $0 + $1.pruned })
    }
}
