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
/// ``referenceCounts(_:in:)`` is the naive definition (two binary searches per bin), kept for tests.
///
/// Complexity: `counts` O(S + B) for S spikes and B bins; `referenceCounts` O(B log S).
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
    /// - Complexity: O(S).
    public static func firstDefect(_ spikes: ArraySlice<Double>) -> Defect? {
        var previous = -Double.infinity
        for (position, time) in spikes.enumerated() {
            guard time.isFinite else { return .nonFinite(position: position) }
            guard time >= previous else { return .outOfOrder(position: position, time: time, previous: previous) }
            previous = time
        }
        return nil
    }

    /// Spike counts per bin by one merge pass.
    /// - Parameters:
    ///   - spikes: sorted, finite spike times (check with ``firstDefect(_:)``).
    ///   - bins: sorted bins.
    /// - Returns: one count per bin.
    public static func counts(_ spikes: ArraySlice<Double>, in bins: FrameBins) -> [Int32] {
        var result = [Int32](repeating: 0, count: bins.count)
        spikes.withUnsafeBufferPointer { times in
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
                            while i < n && times[i] < lower { i += 1 }
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
