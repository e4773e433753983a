/// An input file identified by its path and SHA-256 digest (lower-case hex).
public struct ProvenanceInput: Sendable, Hashable {
    public var path: String
    public var sha256: String
    /// Size in bytes, when known.
    public var byteCount: Int?

    public init(path: String, sha256: String, byteCount: Int? = nil) {
        self.path = path
        self.sha256 = sha256
        self.byteCount = byteCount
    }
}
