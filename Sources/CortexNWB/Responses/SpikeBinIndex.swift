/// Finds the frame bin of each spike directly, for counting a unit's spikes without the merge's
/// serial dependency between bins.
///
/// The merge of ``SpikeCounting/counts(_:in:)`` walks bins and spikes together: where a bin's count
/// ends decides where the next one starts, and a bin holds about one spike, so it runs at one
/// mispredicted branch per bin. Here every spike is placed on its own: a spike at `t` belongs to the
/// first bin whose stop is after `t` — when the stops never decrease — and counts there if
/// `t ≥ effectiveStart(b)` (spikes between presentations belong to no bin). A grid of cells
/// (a quarter of the median stop spacing wide) gives, per cell, the first bin whose stop is after
/// the cell's start; two short correction loops make the answer exact whatever the rounding of the
/// cell, so the counts equal ``SpikeCounting/referenceCounts(_:in:)`` exactly (tests compare).
///
/// ```swift
/// if let index = SpikeBinIndex(bins: bins) { counts = index.counts(spikes) }   // else SpikeCounting.counts
/// ```
///
/// Complexity: building O(B log B + C) for B bins and C ≤ 4 Mi cells; counting O(log S + K) for
/// S spikes of which K lie between the first bin's start and the last bin's stop.
public struct SpikeBinIndex: Sendable, Equatable {
    /// Number of bins.
    public let binCount: Int
    private let effectiveStarts: [Double]
    private let stops: [Double]
    /// Start of the first bin and stop of the last: spikes outside are not looked at.
    private let origin: Double, end: Double
    /// Cells per second.
    private let cellsPerSecond: Double
    /// Per cell `g`: the first bin whose stop is after `origin + g / cellsPerSecond`.
    private let firstBin: [Int32]

    /// Most cells of the grid (16 MiB of indices).
    static let maximumCells = 1 << 22

    /// The index of `bins`, or `nil` when the direct placement does not apply (no bins, stops that
    /// decrease somewhere, more than `Int32.max` bins, or a zero time span); count with
    /// ``SpikeCounting/counts(_:in:)`` then.
    public init?(bins: FrameBins) {
        let count = bins.count
        guard count > 0, count < Int(Int32.max) else { return nil }
        var spacings: [Double] = []
        spacings.reserveCapacity(count)
        for b in 1..<max(1, count) {
            let step = bins.stops[b] - bins.stops[b - 1]
            guard step >= 0 else { return nil }       // stops must not decrease
            if step > 0 { spacings.append(step) }
        }
        let origin = bins.starts[0], end = bins.stops[count - 1]
        guard origin.isFinite, end.isFinite, end > origin else { return nil }
        spacings.sort()
        let median = spacings.isEmpty ? end - origin : spacings[spacings.count / 2]
        let span = end - origin
        let cells = Int(Swift.min(Double(Self.maximumCells), (span / (median / 4)).rounded(.up))) + 1
        let cellsPerSecond = Double(cells - 1) / span
        var firstBin = [Int32](repeating: 0, count: cells)
        var b = 0
        for g in 0..<cells {
            let cellStart = origin + Double(g) / cellsPerSecond
            while b < count && bins.stops[b] <= cellStart { b += 1 }
            firstBin[g] = Int32(truncatingIfNeeded: b)
        }
        binCount = count
        effectiveStarts = (0..<count).map(bins.effectiveStart)
        stops = bins.stops
        self.origin = origin
        self.end = end
        self.cellsPerSecond = cellsPerSecond
        self.firstBin = firstBin
    }

    /// Spike counts per bin, equal to ``SpikeCounting/counts(_:in:)`` for the same bins.
    /// - Parameter spikes: sorted, finite spike times (check with ``SpikeCounting/firstDefect(_:)``).
    public func counts(_ spikes: ArraySlice<Double>) -> [Int32] {
        spikes.withUnsafeBufferPointer { counts($0) }
    }

    /// Spike counts per bin of the sorted, finite spike times in `times`.
    public func counts(_ times: UnsafeBufferPointer<Double>) -> [Int32] {
        var result = [Int32](repeating: 0, count: binCount)
        do {
            let lower = Self.firstIndex(notBelow: origin, in: times)
            let upper = Self.firstIndex(notBelow: end, in: times)
            guard lower < upper, let base = times.baseAddress else { return result }
            result.withUnsafeMutableBufferPointer { out in
                effectiveStarts.withUnsafeBufferPointer { starts in
                    stops.withUnsafeBufferPointer { stops in
                        firstBin.withUnsafeBufferPointer { grid in
                            let lastCell = grid.count - 1
                            for k in lower..<upper {
                                // origin ≤ t < end, so the bin found is in 0..<binCount.
                                let t = base[k]
                                let cell = Swift.min(lastCell, Int((t - origin) * cellsPerSecond))
                                var b = Int(grid[cell])
                                while b > 0 && stops[b - 1] > t { b &-= 1 }
                                while stops[b] <= t { b &+= 1 }
                                out[b] &+= t >= starts[b] ? 1 : 0
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// The first index whose time is not below `bound` (`times.count` if none).
    private static func firstIndex(notBelow bound: Double, in times: UnsafeBufferPointer<Double>) -> Int {
        guard let first = times.first, first < bound else { return 0 }
        return SpikeCounting.firstIndex(notBelow: bound, in: times, from: 0)
    }
}
