/// Element types of the safetensors format that the engine reads and writes.
public enum SafetensorsDType: String, Sendable, Hashable, CaseIterable {
    case float32 = "F32"
    case float64 = "F64"
    case int64 = "I64"
    case int32 = "I32"

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .float32, .int32: return 4
        case .float64, .int64: return 8
        }
    }
}
