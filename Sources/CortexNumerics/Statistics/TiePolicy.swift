/// How ``Statistics/ranks(_:ties:nans:)`` assigns ranks to equal values (`-0.0` and `0.0` are equal).
///
/// Ranks are 1-based, as `scipy.stats.rankdata` returns them: the smallest value has rank 1.
///
/// ```swift
/// try Statistics.ranks([10, 20, 10, 30], ties: .average)   // [1.5, 3, 1.5, 4]
/// try Statistics.ranks([10, 20, 10, 30], ties: .ordinal)   // [1, 3, 2, 4]
/// ```
///
/// The raw value is the spelling of the command line, batch specs and JSON (`average`, `ordinal`).
public enum TiePolicy: String, Sendable, Hashable, CaseIterable, Codable {
    /// Equal values share the mean of the ranks they occupy (scipy's default `method='average'`).
    /// The ranks of n values always sum to n(n + 1)/2.
    case average
    /// Equal values get distinct ranks in order of position: the argsort of a stable argsort,
    /// plus 1 (scipy's `method='ordinal'`). The ranks are a permutation of 1…n.
    case ordinal
}
