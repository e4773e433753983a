/// A named value in a provenance record (a version, an option, a seed).
public struct ProvenanceEntry: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
