extension RankOrder {
    /// Buckets of the most-significant-digit pass: 2¹⁶, so that the 403,651 distances of an
    /// 899-frame RDM fall about six to a bucket.
    static let bucketBits = 16

    /// Largest bucket sorted by insertion; a larger bucket (many equal or near-equal keys) is
    /// sorted by the comparison sort with the index tiebreak.
    static let insertionLimit = 48

    /// Sorts `entries` by (key, index) with one most-significant-digit counting pass over the top
    /// ``bucketBits`` bits of key − min(key) and an insertion sort of each bucket, or returns false
    /// (entries unchanged) when the keys crowd into few buckets (then ``radixSort(_:)`` is faster).
    ///
    /// Why: the LSD radix sort moves every 16-byte entry once per non-constant 11-bit digit —
    /// five passes for distances in (0, 2) — and dominated `cortex ceiling` (ranking 2 × 403,651
    /// distances per split). One stable scatter into buckets of a few entries each, then sorting
    /// inside buckets that fit in cache, moves each entry once. The input must be in increasing
    /// index order (the scatter is stable, so equal keys keep index order: the same total order
    /// as ``sort(_:useRadix:)``).
    /// - Complexity: O(n) passes plus O(Σ bucket²) comparisons, bounded by the crowding check.
    static func bucketSort(_ entries: inout [Entry]) -> Bool {
        @inline(__always) func precedes(_ x: Entry, _ y: Entry) -> Bool {
            x.key < y.key || (x.key == y.key && x.index < y.index)
        }
        let n = entries.count
        guard n > 1 else { return true }
        var (low, high) = (UInt64.max, UInt64.min)
        entries.withUnsafeBufferPointer { source in
            for entry in source {
                low = min(low, entry.key)
                high = max(high, entry.key)
            }
        }
        let span = high - low
        if span == 0 { return true }   // all keys equal: index order is the order
        let width = UInt64.bitWidth - span.leadingZeroBitCount
        let shift = UInt64(max(0, width - bucketBits))
        let buckets = Int(span >> shift) + 1
        var offsets = [Int](repeating: 0, count: buckets + 1)
        let crowded = offsets.withUnsafeMutableBufferPointer { counts -> Bool in
            entries.withUnsafeBufferPointer { source in
                for entry in source { counts[Int((entry.key - low) >> shift) + 1] += 1 }
            }
            // Crowded: more than an eighth of the entries in buckets too big for insertion.
            var inBig = 0
            for b in 1...buckets where counts[b] > insertionLimit { inBig += counts[b] }
            if inBig > n / 8 { return true }
            for b in 1...buckets { counts[b] += counts[b - 1] }
            return false
        }
        if crowded { return false }
        var sorted = entries
        offsets.withUnsafeMutableBufferPointer { offsets in
            entries.withUnsafeBufferPointer { source in
                sorted.withUnsafeMutableBufferPointer { destination in
                    var next = Array(offsets[0..<buckets])
                    next.withUnsafeMutableBufferPointer { next in
                        for entry in source {
                            let b = Int((entry.key - low) >> shift)
                            destination[next[b]] = entry
                            next[b] += 1
                        }
                    }
                    for b in 0..<buckets {
                        let (start, end) = (offsets[b], offsets[b + 1])
                        if end - start < 2 { continue }
                        if end - start > insertionLimit {
                            var bucket = UnsafeMutableBufferPointer<Entry>(rebasing: destination[start..<end])
                            bucket.sort(by: precedes)
                            continue
                        }
                        // Insertion sort on the key alone: stable, so equal keys stay in index order.
                        for i in (start + 1)..<end {
                            let entry = destination[i]
                            var j = i
                            while j > start && destination[j - 1].key > entry.key {
                                destination[j] = destination[j - 1]
                                j -= 1
                            }
                            destination[j] = entry
                        }
                    }
                }
            }
        }
        entries = sorted
        return true
    }
}
