/// Why a checkpoint's metadata record (``CheckpointMetadata``) cannot be read.
public enum CheckpointMetadataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The entry under `key` is not the JSON the schema describes.
    case malformed(key: String, reason: String)
    /// The recorded configuration has a field outside its allowed values (`reason` names it).
    case invalidConfiguration(key: String, reason: String)
    /// Written by a newer CortexKit (schema `found` > `newest`).
    case unsupportedSchema(found: Int, newest: Int)
    /// The checkpoint holds a network of another family than the one asked for.
    case familyMismatch(expected: String, found: String)

    public var description: String {
        switch self {
        case .malformed(let key, let reason): return "checkpoint metadata '\(key)' cannot be read: \(reason)"
        case .invalidConfiguration(let key, let reason):
            return "checkpoint metadata '\(key)' records an invalid configuration: \(reason)"
        case .unsupportedSchema(let found, let newest):
            return "checkpoint metadata schema \(found) is newer than this CortexKit reads (\(newest)); update CortexKit"
        case .familyMismatch(let expected, let found): return "checkpoint holds a '\(found)' network, not '\(expected)'"
        }
    }
}
