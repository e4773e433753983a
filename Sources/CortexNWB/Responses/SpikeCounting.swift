/// Counting a unit's spikes in time bins: the hot kernel behind ``StimulusResponses``.
///
/// Bins are half-open, `[start, stop)`: a spike exactly on a frame boundary belongs to the frame that
/// **starts** there. (AllenSDK's `presentationwise_spike_counts` uses closed intervals `[start, stop]`,
/// so such a spike counts in both frames there; the two conventions differ only for spikes exactly on
/// an edge.)
///
/// ``counts(_:in:)`` makes ONE merge pass over the sorted spikes and the sorted bins — both cursors only
/// move forward — instead of a binary search per bin:
///
///     for each bin b:  skip spikes < effectiveStart(b);  count spikes < stop(b)
///
/// The skip gallops (steps 1, 2, 4, … then a binary search), so the spikes between presentations —
/// most of a session: a movie shown 20 × 30 s in a 2.5 h Allen session — are jumped over, not read.
/// ``referenceCounts(_:in:)`` is the naive definition (two binary searches per bin), kept for tests.
///
/// ``firstDefect(_:)`` checks every spike (finite, non-decreasing) eight at a time with SIMD
/// compares, falling back to the scalar scan only in the eight-spike group that holds a defect.
///
/// Complexity: `counts` O(K + B log S) for K spikes inside bins, B bins and S spikes (at most
/// O(S + B)); `firstDefect` O(S); `referenceCounts` O(B log S).
public enum SpikeCounting {
    /// Where the spikes of a unit first break the rules: a non-finite time or a time smaller than the
    /// previous one.
    public enum Defect: Sendable, Hashable {
        /// Spike `position` is NaN or infinite.
        case nonFinite(position: Int)
        /// Spike `position` precedes spike `position − 1`.
        case outOfOrder(position: Int, time: Double, previous: Double)
    }

    /// The first defect of `spikes` (which must be finite and non-decreasing), or `nil`.
    /// - Complexity: O(S), vectorised: 8 spikes per compare.
    public static func firstDefect(_ spikes: ArraySlice<Double>) -> Defect? {
        spikes.withUnsafeBufferPointer { firstDefect($0) }
    }

    /// The first defect of the spikes in `times`, or `nil`; positions count from `times`' start.
    public static func firstDefect(_ times: UnsafeBufferPointer<Double>) -> Defect? {
        let n = times.count
        guard let base = times.baseAddress, n > 0 else { return nil }
        guard base[0].isFinite else { return .nonFinite(position: 0) }   // the groups see spike 0 only as a predecessor
        // Groups of 8 from position 1: each spike against its predecessor (loaded one element
        // earlier) and against ±∞. NaN fails `>=`, ±∞ fail `< ∞` or `> −∞`.
        var start = 1
        if n > 8 {
            let raw = UnsafeRawPointer(base)
            let infinity = SIMD8<Double>(repeating: .infinity)
            var i = 1
            while i + 8 <= n {
                // Up to 64 spikes per branch: the masks of eight groups are combined first.
                let end = Swift.min(n - 7, i + 64)
                var good = SIMDMask<SIMD8<Int64>>(repeating: true)
                var j = i
                while j < end {
                    let x = raw.loadUnaligned(fromByteOffset: j &* 8, as: SIMD8<Double>.self)
                    let previous = raw.loadUnaligned(fromByteOffset: (j &- 1) &* 8, as: SIMD8<Double>.self)
                    good = good .& (x .>= previous) .& (x .< infinity) .& (x .> -infinity)
                    j &+= 8
                }
                if !all(good) { break }
                i = j
            }
            start = i
        }
        // The scalar scan from the last clean position (the whole train when n ≤ 8) finds the
        // defect's exact position.
        var previous = base[start - 1]
        var position = start
        while position < n {
            let time = base[position]
            guard time.isFinite else { return .nonFinite(position: position) }
            guard time >= previous else { return .outOfOrder(position: position, time: time, previous: previous) }
            previous = time
            position += 1
        }
        return nil
    }

    /// Spike counts per bin by one merge pass.
    /// - Parameters:
    ///   - spikes: sorted, finite spike times (check with ``firstDefect(_:)``).
    ///   - bins: sorted bins.
    /// - Returns: one count per bin.
    public static func counts(_ spikes: ArraySlice<Double>, in bins: FrameBins) -> [Int32] {
        spikes.withUnsafeBufferPointer { counts($0, in: bins) }
    }

    /// Spike counts per bin of the sorted, finite spike times in `times`, by one merge pass.
    public static func counts(_ times: UnsafeBufferPointer<Double>, in bins: FrameBins) -> [Int32] {
        var result = [Int32](repeating: 0, count: bins.count)
        do {
            bins.starts.withUnsafeBufferPointer { starts in
                bins.stops.withUnsafeBufferPointer { stops in
                    result.withUnsafeMutableBufferPointer { out in
                        var i = 0
                        let n = times.count
                        var previousStop = -Double.infinity
                        for b in 0..<out.count {
                            let lower = Swift.max(starts[b], previousStop)
                            let upper = stops[b]
                            previousStop = upper
                            if i < n && times[i] < lower { i = firstIndex(notBelow: lower, in: times, from: i) }
                            var c: Int32 = 0
                            while i < n && times[i] < upper { i += 1; c += 1 }
                            out[b] = c
                        }
                    }
                }
            }
        }
        return result
    }

    /// The first index ≥ `from` whose time is not below `bound` (`times.count` if none), given
    /// `times[from] < bound`: galloping (1, 2, 4, … steps) then a binary search, so a jump over
    /// k spikes costs O(log k).
    @inline(__always)
    static func firstIndex(notBelow bound: Double, in times: UnsafeBufferPointer<Double>, from: Int) -> Int {
        let n = times.count
        var below = from            // times[below] < bound
        var step = 1
        var probe = from + 1
        while probe < n && times[probe] < bound {
            below = probe
            step &<<= 1
            probe = below &+ step
        }
        var (lo, hi) = (below + 1, Swift.min(probe, n))    // the answer is in lo...hi
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if times[mid] < bound { lo = mid &+ 1 } else { hi = mid }
        }
        return lo
    }

    /// The naive reference: for each bin, `#{spikes < stop} − #{spikes < effectiveStart}` by binary search.
    public static func referenceCounts(_ spikes: ArraySlice<Double>, in bins: FrameBins) -> [Int32] {
        let sorted = Array(spikes)
        func below(_ t: Double) -> Int {
            var (lo, hi) = (0, sorted.count)
            while lo < hi {
                let mid = (lo + hi) / 2
                if sorted[mid] < t { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        return (0..<bins.count).map { b in Int32(Swift.max(0, below(bins.stops[b]) - below(bins.effectiveStart(b)))) }
    }
}
