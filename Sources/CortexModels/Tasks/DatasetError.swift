/// Problems reading a training data set, with the file and what was expected.
public enum DatasetError: Error, Sendable, Hashable, CustomStringConvertible {
    case missing(path: String, hint: String)
    case decompression(path: String, reason: String)
    case malformed(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path, let hint): return "\(path): not found (\(hint))"
        case .decompression(let path, let reason): return "\(path): cannot decompress: \(reason)"
        case .malformed(let path, let reason): return "\(path): not an IDX file: \(reason)"
        }
    }
}
