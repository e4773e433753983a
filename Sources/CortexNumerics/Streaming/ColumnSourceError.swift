/// A ``ColumnChunkSource`` could not deliver its columns: an HDF5 read failed, a file vanished
/// under a memory map, a user's source gave up. Carried to the caller inside the consumer's own
/// error type (see ``ColumnSourceFailure``).
public struct ColumnSourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, one line naming the file or dataset.
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
