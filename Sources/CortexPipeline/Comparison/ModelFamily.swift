/// The architecture family of a compared model, as reports mark it: feedforward (SEW-ResNet and
/// other ResNets), recurrent (LoRaFB-SNet with its long-range feedback), spiking transformers, or
/// other. Taken from the network a feature file records (a registry name), else from the model's
/// label; the report says so.
public enum ModelFamily: String, Sendable, CaseIterable, Codable {
    case feedforward, recurrent, transformer, other

    /// The family of a registry network name (`sew-resnet18-w8`, `lorafb-snet18-w16`,
    /// `spikformer-2-64`, …) or, when that is unknown, of the model's label.
    public static func of(network: String?, label: String) -> ModelFamily {
        for text in [network, label].compactMap({ $0?.lowercased() }) {
            if text.contains("spikformer") || text.contains("spike-driven") || text.contains("transformer") { return .transformer }
            if text.contains("lorafb") || text.contains("recurrent") { return .recurrent }
            if text.contains("resnet") || text.contains("sew") || text.contains("vgg") || text.contains("feedforward") {
                return .feedforward
            }
        }
        return .other
    }

    /// Legend text.
    public var label: String {
        switch self {
        case .feedforward: return "feedforward"
        case .recurrent: return "recurrent (feedback)"
        case .transformer: return "spiking transformer"
        case .other: return "other"
        }
    }
}
