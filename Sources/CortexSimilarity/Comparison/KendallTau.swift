import CortexNumerics

/// Pair counts for Kendall's τ by Knight's O(n log n) algorithm.
///
/// 1. Replace x and y by integer keys with the same order and ties (twice their average ranks,
///    from the radix-sorted `Statistics.ranks`).
/// 2. Sort the pairs by (x, y). Runs of equal x give n₁ = Σ t(t − 1)/2; runs of equal (x, y) give
///    the joint ties n₃.
/// 3. Merge-sort the y sequence, counting swaps: each swap is one discordant pair D (pairs tied in
///    x are already in y order, so they never swap). Runs of equal y in the result give n₂.
///
/// Then C − D = n₀ − n₁ − n₂ + n₃ − 2D with n₀ = n(n − 1)/2, and
/// τ_a = (C − D)/n₀,  τ_b = (C − D)/√((n₀ − n₁)(n₀ − n₂)).
///
/// - Complexity: O(n log n) time, O(n) memory (403,651 pairs: a few tens of milliseconds).
/// - Reference: W. R. Knight, "A computer method for calculating Kendall's tau with ungrouped
///   data", JASA 61(314), 1966; scipy.stats.kendalltau uses the same counts.
struct KendallTau: Sendable, Hashable {
    /// n(n − 1)/2.
    var totalPairs: Int64
    /// Pairs tied in x (including those tied in both).
    var tiedInFirst: Int64
    /// Pairs tied in y (including those tied in both).
    var tiedInSecond: Int64
    /// Pairs tied in both.
    var tiedInBoth: Int64
    /// Discordant pairs.
    var discordant: Int64

    /// C − D.
    var concordantMinusDiscordant: Int64 { totalPairs - tiedInFirst - tiedInSecond + tiedInBoth - 2 * discordant }

    /// τ_a = (C − D)/n₀.
    var tauA: Double { VectorCorrelation.clamp(Double(concordantMinusDiscordant) / Double(totalPairs)) }

    /// τ_b = (C − D)/√((n₀ − n₁)(n₀ − n₂)).
    /// - Throws: `.constantInput` when every pair is tied in x or in y.
    func tauB() throws(SimilarityError) -> Double {
        guard totalPairs > tiedInFirst else { throw .constantInput(operand: .first) }
        guard totalPairs > tiedInSecond else { throw .constantInput(operand: .second) }
        let denominator = (Double(totalPairs - tiedInFirst) * Double(totalPairs - tiedInSecond)).squareRoot()
        return VectorCorrelation.clamp(Double(concordantMinusDiscordant) / denominator)
    }

    /// Knight's counts for finite x, y of equal length (≥ 2, < 2³¹).
    static func counts(_ x: [Double], _ y: [Double]) throws(SimilarityError) -> KendallTau {
        let n = x.count
        let (rx, ry) = try VectorCorrelation.ranks(x, y, ties: .average)
        // 2 × average rank is an integer in 2…2n with the order and ties of the values.
        var keys = [UInt64](repeating: 0, count: n)
        for k in 0..<n { keys[k] = UInt64(2 * rx[k]) << 32 | UInt64(2 * ry[k]) }
        keys.withUnsafeMutableBufferPointer { $0.sort() }

        var tiedX: Int64 = 0, tiedXY: Int64 = 0
        var runX: Int64 = 1, runXY: Int64 = 1
        var sequence = [UInt32](repeating: 0, count: n)
        sequence[0] = UInt32(truncatingIfNeeded: keys[0])
        for k in 1..<n {
            sequence[k] = UInt32(truncatingIfNeeded: keys[k])
            if keys[k] >> 32 == keys[k - 1] >> 32 { runX += 1 } else { tiedX += runX * (runX - 1) / 2; runX = 1 }
            if keys[k] == keys[k - 1] { runXY += 1 } else { tiedXY += runXY * (runXY - 1) / 2; runXY = 1 }
        }
        tiedX += runX * (runX - 1) / 2
        tiedXY += runXY * (runXY - 1) / 2

        let swaps = mergeSortCountingSwaps(&sequence)
        var tiedY: Int64 = 0, runY: Int64 = 1
        for k in 1..<n {
            if sequence[k] == sequence[k - 1] { runY += 1 } else { tiedY += runY * (runY - 1) / 2; runY = 1 }
        }
        tiedY += runY * (runY - 1) / 2
        let total = Int64(n) * Int64(n - 1) / 2
        return KendallTau(totalPairs: total, tiedInFirst: tiedX, tiedInSecond: tiedY, tiedInBoth: tiedXY,
                          discordant: swaps)
    }

    /// Sorts `values` ascending (bottom-up merge sort) and returns the number of pairs i < j with
    /// values[i] > values[j] (strict inversions; equal values are not counted).
    static func mergeSortCountingSwaps(_ values: inout [UInt32]) -> Int64 {
        let n = values.count
        var buffer = [UInt32](repeating: 0, count: n)
        var swaps: Int64 = 0
        var width = 1
        var sourceIsValues = true
        while width < n {
            values.withUnsafeMutableBufferPointer { v in
                buffer.withUnsafeMutableBufferPointer { b in
                    let (src, dst) = sourceIsValues ? (v, b) : (b, v)
                    var start = 0
                    while start < n {
                        let mid = min(start + width, n), end = min(start + 2 * width, n)
                        var i = start, j = mid, k = start
                        while i < mid && j < end {
                            if src[j] < src[i] {
                                dst[k] = src[j]; j += 1
                                swaps += Int64(mid - i)   // src[j] jumps over every remaining left element
                            } else {
                                dst[k] = src[i]; i += 1
                            }
                            k += 1
                        }
                        while i < mid { dst[k] = src[i]; i += 1; k += 1 }
                        while j < end { dst[k] = src[j]; j += 1; k += 1 }
                        start = end
                    }
                }
            }
            sourceIsValues.toggle()
            width *= 2
        }
        if !sourceIsValues { values = buffer }
        return swaps
    }

    /// O(n²) reference: classifies every pair.
    static func referenceCounts(_ x: [Double], _ y: [Double]) -> KendallTau {
        let n = x.count
        var t = KendallTau(totalPairs: Int64(n) * Int64(n - 1) / 2, tiedInFirst: 0, tiedInSecond: 0, tiedInBoth: 0,
                           discordant: 0)
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                let tx = x[i] == x[j], ty = y[i] == y[j]
                if tx { t.tiedInFirst += 1 }
                if ty { t.tiedInSecond += 1 }
                if tx && ty { t.tiedInBoth += 1 }
                if !tx && !ty && (x[i] < x[j]) != (y[i] < y[j]) { t.discordant += 1 }
            }
        }
        return t
    }
}
