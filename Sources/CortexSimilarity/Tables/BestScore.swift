/// The one rule CortexKit uses to pick the best of several scores (the best layer of an area,
/// the best lag of a layer): the highest **finite** score wins; on equal scores the first
/// (shallowest layer, first lag) wins; when no score is finite there is no best.
///
/// ```swift
/// BestScore.index(of: [0.2, .nan, 0.5, 0.5])   // 2
/// BestScore.index(of: [.nan, .nan])            // nil
/// ```
///
/// Every summary — score tables, comparison results, lag profiles, RDM images, the statistics of
/// best layers — goes through this rule, so no two places can disagree about which layer is best.
public enum BestScore {
    /// The position of the best score in `scores`, or nil when none is finite.
    /// - Complexity: O(n).
    public static func index<C: Collection>(of scores: C) -> C.Index? where C.Element == Double {
        var best: C.Index?
        var bestValue = -Double.infinity
        var i = scores.startIndex
        while i != scores.endIndex {
            let value = scores[i]
            if value.isFinite && (best == nil || value > bestValue) {
                best = i
                bestValue = value
            }
            i = scores.index(after: i)
        }
        return best
    }
}
