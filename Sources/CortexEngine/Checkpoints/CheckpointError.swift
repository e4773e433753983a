/// Errors reading, writing or applying a safetensors checkpoint.
public enum CheckpointError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bytes are not a valid safetensors file (`reason` says where).
    case malformed(path: String?, reason: String)
    /// Reading or writing the file failed.
    case io(path: String, reason: String)
    /// The file is valid but does not fit the model: every mismatch, sorted by name.
    case mismatches([CheckpointMismatch])

    public var description: String {
        switch self {
        case .malformed(let path, let reason): return "malformed safetensors\(path.map { " file \($0)" } ?? ""): \(reason)"
        case .io(let path, let reason): return "\(path): \(reason)"
        case .mismatches(let list): return "checkpoint does not fit the model: " + list.map(\.description).joined(separator: "; ")
        }
    }
}
