/// One way a checkpoint disagrees with the model loading it.
public enum CheckpointMismatch: Sendable, Hashable, CustomStringConvertible {
    /// The model has a tensor the file lacks.
    case missing(name: String)
    /// The file has a tensor the model lacks.
    case unexpected(name: String)
    case shape(name: String, expected: [Int], found: [Int])
    case dtype(name: String, expected: SafetensorsDType, found: SafetensorsDType)

    /// "missing", "unexpected", "shape" or "dtype".
    public var kind: String {
        switch self {
        case .missing: return "missing"
        case .unexpected: return "unexpected"
        case .shape: return "shape"
        case .dtype: return "dtype"
        }
    }

    public var description: String {
        switch self {
        case .missing(let name): return "missing tensor '\(name)'"
        case .unexpected(let name): return "unexpected tensor '\(name)'"
        case .shape(let name, let expected, let found): return "'\(name)': expected shape \(expected), found \(found)"
        case .dtype(let name, let expected, let found):
            return "'\(name)': expected \(expected.rawValue), found \(found.rawValue)"
        }
    }
}
