/// Errors reading, writing or applying a safetensors checkpoint.
public enum CheckpointError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bytes are not a valid safetensors file (`reason` says where).
    case malformed(path: String?, reason: String)
    /// Reading or writing the file failed.
    case io(path: String, reason: String)
    /// The file is valid but does not fit the model: every mismatch, sorted by name.
    case mismatches([CheckpointMismatch])

    /// How many mismatches a description quotes; the rest are counted.
    public static var quotedMismatches: Int { 3 }

    /// One line: the count by kind and the first few (a width mismatch touches every tensor).
    static func summary(of list: [CheckpointMismatch]) -> String {
        guard list.count > quotedMismatches else { return list.map(\.description).joined(separator: "; ") }
        var kinds: [String: Int] = [:]
        for mismatch in list { kinds[mismatch.kind, default: 0] += 1 }
        let counts = kinds.keys.sorted().map { "\(kinds[$0]!) \($0)" }.joined(separator: ", ")
        return "\(list.count) tensors differ (\(counts)), e.g. "
            + list.prefix(quotedMismatches).map(\.description).joined(separator: "; ")
            + "; … (\(list.count - quotedMismatches) more); does the checkpoint's width or depth match the model?"
    }

    public var description: String {
        switch self {
        case .malformed(let path, let reason): return "malformed safetensors\(path.map { " file \($0)" } ?? ""): \(reason)"
        case .io(let path, let reason): return "\(path): \(reason)"
        case .mismatches(let list): return "checkpoint does not fit the model: " + Self.summary(of: list)
        }
    }
}
