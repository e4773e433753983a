/// The sorting kernel behind ``Statistics/ranks(_:ties:nans:)``: orders (value, index) pairs and turns the
/// order into ranks.
///
/// Values are first mapped to unsigned integers whose order is the numeric order
/// (``orderedBits(_:)``), then sorted by (key, index) — a total order. Large inputs use a stable
/// least-significant-digit radix sort on the key's top 31 bits (11-bit digits, at most three
/// passes, constant passes skipped: for distances in [2⁻⁷, 2) the top digit is constant, so two),
/// then sort each run of entries sharing those bits by the whole key and index (insertion sort for
/// short runs, a comparison sort for long ones). With 19 mantissa bits in the radix digits such
/// runs are a few entries long for real-valued data, so this is O(n) and needs two scatters of the
/// data where a full 64-bit LSD sort needs five or six; small inputs use the standard comparison
/// sort with an explicit index tiebreak. All paths give the identical order, and the tests compare
/// them with a naive O(n²) rank definition.
///
/// Reference: D. E. Knuth, TAOCP vol. 3, §5.2.5 (radix sorting); P. M. Herf, "Radix tricks"
/// (2001), for the IEEE 754 key transform.
@usableFromInline
enum RankOrder {
    /// A value's order-preserving key and its position in the input.
    @usableFromInline
    struct Entry {
        @usableFromInline var key: UInt64
        @usableFromInline var index: Int

        @usableFromInline
        init(key: UInt64, index: Int) {
            self.key = key
            self.index = index
        }
    }

    /// Below this many entries the comparison sort is used (radix passes have a fixed cost).
    static let radixThreshold = 512

    /// An unsigned key with the numeric order of a non-NaN `value`: flip every bit of negatives,
    /// set the sign bit of positives. `-0.0` is folded into `0.0` first, so they tie.
    @inlinable
    static func orderedBits(_ value: Double) -> UInt64 {
        let bits = (value == 0 ? 0.0 : value).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// Sorts NaN-free `entries` by (key, index) and writes each entry's rank to `output[index]`.
    @usableFromInline
    static func assignRanks(_ entries: inout [Entry], into output: UnsafeMutableBufferPointer<Double>,
                            ties: TiePolicy) {
        sort(&entries, useRadix: entries.count >= radixThreshold)
        entries.withUnsafeBufferPointer { sorted in
            switch ties {
            case .ordinal:
                for position in 0..<sorted.count {
                    output[sorted[position].index] = Double(position + 1)
                }
            case .average:
                var start = 0
                while start < sorted.count {
                    var end = start + 1
                    while end < sorted.count && sorted[end].key == sorted[start].key { end += 1 }
                    // Positions start..<end hold ranks start+1 … end, whose mean is (start+1+end)/2.
                    let rank = Double(start + 1 + end) / 2
                    for position in start..<end { output[sorted[position].index] = rank }
                    start = end
                }
            }
        }
    }

    /// Sorts `entries` by (key, index). The input must be in increasing index order for the
    /// radix path (its stability then supplies the index tiebreak).
    static func sort(_ entries: inout [Entry], useRadix: Bool) {
        if useRadix {
            radixSort(&entries)
        } else {
            entries.withUnsafeMutableBufferPointer { buffer in
                buffer.sort { $0.key < $1.key || ($0.key == $1.key && $0.index < $1.index) }
            }
        }
    }

    /// Key bits below the radix digits (three 11-bit digits): runs sharing the bits above are
    /// finished by ``refineRuns(_:lowBits:)``.
    static let refinedLowBits = 33

    /// Sorts by (key, index): a stable LSD radix sort on the key bits above ``refinedLowBits``
    /// (11 bits per pass, three passes cover bits 33…63), then ``refineRuns(_:lowBits:)``.
    static func radixSort(_ entries: inout [Entry]) {
        let n = entries.count
        guard n > 1 else { return }
        let digitBits = 11
        let buckets = 1 << digitBits
        let passes = (64 + digitBits - 1) / digitBits
        let firstPass = refinedLowBits / digitBits
        let mask = UInt64(buckets - 1)
        // One read of the data fills the histograms of all passes.
        var counts = [Int](repeating: 0, count: passes * buckets)
        counts.withUnsafeMutableBufferPointer { counts in
            entries.withUnsafeBufferPointer { source in
                for entry in source {
                    var key = entry.key >> UInt64(firstPass * digitBits)
                    for pass in firstPass..<passes {
                        counts[pass * buckets + Int(key & mask)] += 1
                        key >>= UInt64(digitBits)
                    }
                }
            }
        }
        // Scratch space for the scatters (every slot is written before it is read).
        var scratch = [Entry](repeating: Entry(key: 0, index: 0), count: n)
        var sortedIsInEntries = true
        for pass in firstPass..<passes {
            let shift = UInt64(pass * digitBits)
            let isConstantDigit = counts.withUnsafeBufferPointer { counts in
                let digit = Int((entries[0].key >> shift) & mask)
                return counts[pass * buckets + digit] == n
            }
            if isConstantDigit { continue }   // every key has the same digit: order unchanged
            counts.withUnsafeMutableBufferPointer { counts in
                // Exclusive prefix sums turn counts into each bucket's first output slot.
                var total = 0
                for b in 0..<buckets {
                    let c = counts[pass * buckets + b]
                    counts[pass * buckets + b] = total
                    total += c
                }
                if sortedIsInEntries {
                    scatter(from: entries, to: &scratch, shift: shift, mask: mask, offsets: counts, base: pass * buckets)
                } else {
                    scatter(from: scratch, to: &entries, shift: shift, mask: mask, offsets: counts, base: pass * buckets)
                }
            }
            sortedIsInEntries.toggle()
        }
        if !sortedIsInEntries { entries = scratch }
        refineRuns(&entries, lowBits: UInt64(firstPass * digitBits))
    }

    /// Sorts each run of consecutive entries whose keys agree above `lowBits` by (key, index).
    /// The runs are in index order (the radix passes are stable), so equal keys keep it.
    static func refineRuns(_ entries: inout [Entry], lowBits: UInt64) {
        entries.withUnsafeMutableBufferPointer { e in
            let n = e.count
            var start = 0
            while start < n {
                let high = e[start].key >> lowBits
                var end = start + 1
                while end < n && e[end].key >> lowBits == high { end += 1 }
                if end - start > 32 {
                    var run = UnsafeMutableBufferPointer<Entry>(rebasing: e[start..<end])
                    run.sort { (a: Entry, b: Entry) -> Bool in a.key < b.key || (a.key == b.key && a.index < b.index) }
                } else if end - start > 1 {
                    for i in (start + 1)..<end {
                        let entry = e[i]
                        var j = i
                        // Index order already holds among equal keys: move only past larger keys.
                        while j > start && e[j - 1].key > entry.key {
                            e[j] = e[j - 1]
                            j -= 1
                        }
                        e[j] = entry
                    }
                }
                start = end
            }
        }
    }

    /// One counting-sort pass: moves each entry to the next free slot of its digit's bucket.
    private static func scatter(from source: [Entry], to destination: inout [Entry], shift: UInt64,
                                mask: UInt64, offsets: UnsafeMutableBufferPointer<Int>, base: Int) {
        source.withUnsafeBufferPointer { source in
            destination.withUnsafeMutableBufferPointer { destination in
                for entry in source {
                    let slot = base + Int((entry.key >> shift) & mask)
                    destination[offsets[slot]] = entry
                    offsets[slot] += 1
                }
            }
        }
    }
}
