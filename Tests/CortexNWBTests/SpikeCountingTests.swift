import Testing
@testable import CortexNWB

/// The vectorised defect check and the galloping merge against their plain definitions.
@Suite struct SpikeCountingTests {
    /// The definition: the first non-finite spike, or the first smaller than its predecessor.
    static func plainDefect(_ spikes: [Double]) -> SpikeCounting.Defect? {
        var previous = -Double.infinity
        for (position, time) in spikes.enumerated() {
            if !time.isFinite { return .nonFinite(position: position) }
            if time < previous { return .outOfOrder(position: position, time: time, previous: previous) }
            previous = time
        }
        return nil
    }

    @Test func defectCheckFindsEveryPlantedDefectAtItsPosition() {
        var rng = SplitMix(seed: 11)
        let planted: [Double] = [.nan, .infinity, -.infinity, -1]
        for n in [0, 1, 2, 7, 8, 9, 15, 16, 17, 64, 65, 72, 73, 200, 1000] {
            var clean = (0..<n).map { _ in rng.next() * 100 }
            clean.sort()
            #expect(SpikeCounting.firstDefect(clean[...]) == nil, "n = \(n)")
            for position in 0..<n {
                for value in planted {
                    var spikes = clean
                    // -1 makes the train decrease at `position` (or at position + 1 when position is 0).
                    spikes[position] = value
                    #expect(SpikeCounting.firstDefect(spikes[...]) == Self.plainDefect(spikes),
                            "n = \(n), \(value) at \(position)")
                }
            }
        }
    }

    @Test func defectCheckReportsTheFirstOfTwoDefects() {
        var spikes = (0..<300).map(Double.init)
        spikes[200] = .nan
        spikes[150] = 149.5 - 1
        #expect(SpikeCounting.firstDefect(spikes[...]) == .outOfOrder(position: 150, time: 148.5, previous: 149))
        // Positions count from the slice's start.
        #expect(SpikeCounting.firstDefect(spikes[151...]) == .nonFinite(position: 49))
    }

    @Test func gallopingMergeEqualsTheBinarySearchReferenceAcrossLongGaps() {
        var rng = SplitMix(seed: 5)
        for trial in 0..<40 {
            // Presentations of 30 one-unit bins separated by gaps of 0–5,000 units of time; spikes
            // everywhere, some exactly on edges, runs of equal times.
            var starts: [Double] = [], stops: [Double] = []
            var t = rng.next() * 1000
            for _ in 0..<(1 + Int(rng.next() * 6)) {
                for _ in 0..<30 { starts.append(t); stops.append(t + 1); t += 1 }
                t += (rng.next() < 0.2 ? 0 : rng.next() * 5000)
            }
            let bins = FrameBins(starts: starts, stops: stops, binsPerFrame: 1, frameCount: starts.count, repeatCount: 1)
            var spikes = (0..<Int(rng.next() * 20000)).map { _ in rng.next() * (t + 2000) - 500 }
            spikes += starts.filter { _ in rng.next() < 0.3 }
            spikes += Array(repeating: starts[starts.count / 2] + 0.5, count: Int(rng.next() * 5))
            spikes.sort()
            #expect(SpikeCounting.counts(spikes[...], in: bins) == SpikeCounting.referenceCounts(spikes[...], in: bins),
                    "trial \(trial)")
        }
    }

    @Test func gallopingFindsTheFirstIndexNotBelowTheBound() {
        let times = (0..<1000).map { Double($0 / 3) }   // runs of three equal times
        times.withUnsafeBufferPointer { p in
            for from in [0, 1, 2, 3, 500, 997] {
                for bound in [Double(from / 3) + 0.5, Double(from / 3) + 1, 100, 332.9, 333, 400] where Double(from / 3) < bound {
                    let want = times.firstIndex { $0 >= bound } ?? times.count
                    #expect(SpikeCounting.firstIndex(notBelow: bound, in: p, from: from) == want, "from \(from), bound \(bound)")
                }
            }
        }
    }
}

/// The direct placement of spikes in bins against the reference counts.
@Suite struct SpikeBinIndexTests {
    /// Bins like a movie's: repeats of frames with jittered durations, gaps between repeats (some
    /// none), sub-bins, overlapping presentations clipped, zero-length bins.
    static func movieBins(_ rng: inout SplitMix, binsPerFrame: Int) -> FrameBins {
        var edges: [(Double, Double)] = []
        var t = rng.next() * 100
        let repeats = 1 + Int(rng.next() * 5), frames = 1 + Int(rng.next() * 40)
        for _ in 0..<repeats {
            for _ in 0..<frames {
                let d = rng.next() < 0.05 ? 0 : (1 + 0.2 * (rng.next() - 0.5)) / 30
                let overlap = rng.next() < 0.05 ? 0.001 : 0
                edges.append((t - overlap, t + d))
                t += d
            }
            t += rng.next() < 0.3 ? 0 : rng.next() * 50
        }
        var starts: [Double] = [], stops: [Double] = []
        for (t0, t1) in edges {
            let n = Double(binsPerFrame)
            for s in 0..<binsPerFrame {
                starts.append(t0 + (t1 - t0) * Double(s) / n)
                stops.append(s == binsPerFrame - 1 ? t1 : t0 + (t1 - t0) * Double(s + 1) / n)
            }
        }
        return FrameBins(starts: starts, stops: stops, binsPerFrame: binsPerFrame, frameCount: frames, repeatCount: repeats)
    }

    @Test func directPlacementEqualsTheReferenceCounts() {
        var rng = SplitMix(seed: 23)
        var indexed = 0
        for trial in 0..<60 {
            let bins = Self.movieBins(&rng, binsPerFrame: 1 + trial % 3)
            let decreasing = zip(bins.stops, bins.stops.dropFirst()).contains { $1 < $0 }
            // Sub-bins of clipped overlapping presentations can have decreasing stops: merge only.
            let index = SpikeBinIndex(bins: bins)
            #expect((index == nil) == decreasing, "trial \(trial)")
            let span = bins.stops.last! - bins.starts[0]
            var spikes = (0..<Int(rng.next() * 5000)).map { _ in bins.starts[0] - 5 + rng.next() * (span + 10) }
            spikes += bins.starts.filter { _ in rng.next() < 0.2 }          // exactly on edges
            spikes += bins.stops.filter { _ in rng.next() < 0.2 }
            spikes += [bins.starts[0], bins.stops.last!, bins.stops.last!.nextDown]
            spikes.sort()
            let want = SpikeCounting.referenceCounts(spikes[...], in: bins)
            // (With decreasing stops the clipped bins still overlap the bin before the previous
            // one; the reference then counts a spike twice and the merge once.)
            guard let index else { continue }
            indexed += 1
            #expect(index.counts(spikes[...]) == want, "trial \(trial)")
            #expect(SpikeCounting.counts(spikes[...], in: bins) == want, "trial \(trial)")
        }
        #expect(indexed >= 40)
    }

    @Test func decreasingStopsFallBackToTheMerge() {
        let bins = FrameBins(starts: [0, 1, 1.5], stops: [2, 1.8, 3], binsPerFrame: 1, frameCount: 3, repeatCount: 1)
        #expect(SpikeBinIndex(bins: bins) == nil)
        let single = FrameBins(starts: [1], stops: [1], binsPerFrame: 1, frameCount: 1, repeatCount: 1)
        #expect(SpikeBinIndex(bins: single) == nil)     // zero span
    }

    @Test func spikesOnFrameBoundariesCountInTheFrameStartingThere() throws {
        let bins = FrameBins(starts: [0, 1, 2], stops: [1, 2, 3], binsPerFrame: 1, frameCount: 3, repeatCount: 1)
        let index = try #require(SpikeBinIndex(bins: bins))
        #expect(index.counts([0, 0.5, 1, 1, 2.999, 3]) == [2, 2, 1])
        #expect(index.counts([]) == [0, 0, 0])
        #expect(index.counts([-1, 3, 4]) == [0, 0, 0])
    }
}
