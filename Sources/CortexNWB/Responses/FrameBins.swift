/// The time bins of a movie response: every displayed frame of every repeat, each split into
/// `binsPerFrame` equal sub-bins, as half-open intervals `[start, stop)` in time order.
///
/// Bin `b = (r · F + f) · N + s` (repeat `r`, frame `f`, sub-bin `s`) spans
///
///     start_s = t₀ + (t₁ − t₀) · s / N        stop_s = start_{s+1}  (stop_{N−1} = t₁ exactly)
///
/// for the frame's presentation `[t₀, t₁)`. With `N = 1` the bins are the presentation rows
/// themselves, so sub-bin counts of a frame always sum to its `N = 1` count.
///
/// Bins must be sorted and non-overlapping for the one-pass merge of ``SpikeCounting``; presentations
/// that overlap within ``StimulusPresentations/overlapTolerance`` are clipped: a bin starts no earlier
/// than the previous bin stops (``effectiveStart(_:)``).
public struct FrameBins: Sendable, Hashable {
    /// Bin start times (s), non-decreasing.
    public let starts: [Double]
    /// Bin stop times (s).
    public let stops: [Double]
    /// Sub-bins per displayed frame (`N ≥ 1`).
    public let binsPerFrame: Int
    /// Frames per repeat (`F`).
    public let frameCount: Int
    /// Number of repeats (`R`).
    public let repeatCount: Int

    /// The bins of `repeats`, each frame split into `binsPerFrame` sub-bins.
    /// - Precondition: `binsPerFrame ≥ 1`.
    public init(repeats: MovieRepeats, binsPerFrame: Int = 1) {
        precondition(binsPerFrame >= 1, "FrameBins: binsPerFrame must be ≥ 1, got \(binsPerFrame)")
        let presentations = repeats.presentations
        var starts: [Double] = []
        var stops: [Double] = []
        starts.reserveCapacity(repeats.repeatCount * repeats.frameCount * binsPerFrame)
        stops.reserveCapacity(starts.capacity)
        let n = Double(binsPerFrame)
        for range in repeats.rowRanges {
            for k in range {
                let (t0, t1) = (presentations.startTimes[k], presentations.stopTimes[k])
                // Same operation order as the reference script: t0 + ((t1 - t0) * s) / N.
                for s in 0..<binsPerFrame {
                    starts.append(t0 + (t1 - t0) * Double(s) / n)
                    stops.append(s == binsPerFrame - 1 ? t1 : t0 + (t1 - t0) * Double(s + 1) / n)
                }
            }
        }
        self.init(starts: starts, stops: stops, binsPerFrame: binsPerFrame, frameCount: repeats.frameCount,
                  repeatCount: repeats.repeatCount)
    }

    /// Bins from explicit edges (`R · F · N` of each), e.g. for tests.
    public init(starts: [Double], stops: [Double], binsPerFrame: Int, frameCount: Int, repeatCount: Int) {
        precondition(starts.count == stops.count && starts.count == binsPerFrame * frameCount * repeatCount,
                     "FrameBins: \(starts.count) starts, \(stops.count) stops for \(repeatCount) × \(frameCount) × "
                        + "\(binsPerFrame) bins")
        self.starts = starts
        self.stops = stops
        self.binsPerFrame = binsPerFrame
        self.frameCount = frameCount
        self.repeatCount = repeatCount
    }

    /// Number of bins, `R · F · N`.
    public var count: Int { starts.count }

    /// Bins per repeat, `F · N`.
    public var binsPerRepeat: Int { frameCount * binsPerFrame }

    /// Where bin `b` effectively starts: `max(starts[b], stops[b − 1])`.
    @inlinable public func effectiveStart(_ b: Int) -> Double {
        b == 0 ? starts[0] : Swift.max(starts[b], stops[b - 1])
    }

    /// Seconds per movie frame: the median bin duration × bins per frame (nil without bins).
    public var framePeriod: Double? {
        let durations = zip(starts, stops).map { $1 - $0 }.filter { $0.isFinite && $0 > 0 }.sorted()
        guard !durations.isEmpty else { return nil }
        let n = durations.count
        let median = n % 2 == 1 ? durations[n / 2] : (durations[n / 2 - 1] + durations[n / 2]) / 2
        return median * Double(binsPerFrame)
    }
}
