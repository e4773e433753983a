/// An error type that can carry a ``ColumnSourceError``: what the consumers of a
/// ``ColumnChunkSource`` throw, so a streamed computation keeps one typed error whether its own
/// arithmetic or the source failed (`SimilarityError.source(_:)` is the case CortexSimilarity uses).
public protocol ColumnSourceFailure: Error {
    /// The error that reports a source's failure to deliver columns.
    static func source(_ error: ColumnSourceError) -> Self
}
