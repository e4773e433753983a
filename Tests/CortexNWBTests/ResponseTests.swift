import CortexHDF5
import CortexNumerics
import CortexNWB
import Foundation
import Testing

/// Stimulus-aligned counts against the h5py + numpy reference (exact integers).
@Suite struct ResponseTests {
    static let cases: [(String, URL, SessionReference)] = [
        ("session-a", Fixtures.sessionA, Fixtures.reference.sessionA),
        ("session-b", Fixtures.sessionB, Fixtures.reference.sessionB),
    ]

    @Test(arguments: [0, 1])
    func countsPerFrameEqualTheReferenceExactly(which: Int) throws {
        let (_, url, expected) = Self.cases[which]
        let responses = try StimulusResponses(session: NWBSession.open(url))
        #expect(responses.unitIDs == expected.unitIds)
        #expect(responses.repeatCount == expected.repeatCount && responses.frameCount == expected.frameCount)
        #expect(responses.trials.shape == [expected.repeatCount, expected.unitIds.count, expected.frameCount])
        let (r, u, f) = (responses.repeatCount, responses.units.count, responses.frameCount)
        var sums = [[Int]](repeating: [Int](repeating: 0, count: f), count: u)
        for rep in 0..<r { for unit in 0..<u { for b in 0..<f { sums[unit][b] += Int(responses.trials[rep, unit, b]) } } }
        #expect(sums == expected.bins1.trialSum)
        let first = (0..<r).map { rep in (0..<3).map { unit in (0..<f).map { Int(responses.trials[rep, unit, $0]) } } }
        #expect(first == expected.bins1.trialsFirstUnits)
        #expect(responses.trialAverage.scalars == expected.bins1.trialSum.flatMap { $0 }.map { Double($0) / Double(r) })
        #expect(responses.responses.scalars == responses.trialAverage.scalars)
    }

    @Test(arguments: [0, 1])
    func ratesEqualTheReference(which: Int) throws {
        let (_, url, expected) = Self.cases[which]
        let responses = try StimulusResponses(session: NWBSession.open(url))
        #expect(responses.meanRates.count == expected.rates.count)
        for (got, want) in zip(responses.meanRates, expected.rates) { #expect(abs(got - want) <= 1e-12 * max(1, want)) }
        if which == 0 { #expect(responses.meanRates.contains(0)) }   // session A's empty unit
    }

    @Test func minimumRateFilterKeepsTheReferenceUnits() throws {
        for (_, url, expected) in Self.cases {
            let options = ResponseOptions(filter: .minimumRate(spikesPerSecond: expected.minRate))
            let responses = try StimulusResponses(session: NWBSession.open(url), options: options)
            #expect(responses.unitIDs == expected.minRateIds)
            #expect(responses.meanRates.allSatisfy { $0 >= expected.minRate })
        }
        let all = try StimulusResponses(session: NWBSession.open(Fixtures.sessionA))
        #expect(all.units.count > Fixtures.reference.sessionA.minRateIds.count)
    }

    @Test func unitsDroppedByTheRateFilterLeaveTheOthersCountsUnchanged() throws {
        // Kept units' rows are moved down in place over the dropped ones: compare with the unfiltered run.
        var dropped = 0
        for (_, url, expected) in Self.cases {
            let session = try NWBSession.open(url)
            let all = try StimulusResponses(session: session)
            let kept = try StimulusResponses(session: session,
                                             options: ResponseOptions(filter: .minimumRate(spikesPerSecond: expected.minRate)))
            dropped += all.units.count - kept.units.count
            #expect(kept.trials.shape == [all.repeatCount, kept.units.count, all.bins.binsPerRepeat])
            for (column, unit) in kept.units.enumerated() {
                let w = try #require(all.units.firstIndex { $0.id == unit.id })
                for rep in 0..<all.repeatCount {
                    for b in 0..<all.bins.binsPerRepeat { #expect(kept.trials[rep, column, b] == all.trials[rep, w, b]) }
                }
                for b in 0..<all.bins.binsPerRepeat { #expect(kept.trialAverage[column, b] == all.trialAverage[w, b]) }
            }
        }
        #expect(dropped > 0)
    }

    @Test func spikeTimesStoredContiguouslyAreReadInPlaceWithTheSameCounts() throws {
        // pynwb stores spike_times chunked (read through libhdf5); h5py and AllenSDK-style writers
        // may store it contiguous (memory-mapped in place). Rewrite session A's column contiguous.
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("contiguous.nwb")
        try FileManager.default.copyItem(at: Fixtures.sessionA, to: copy)
        let chunkedTimes = try HDF5File.open(Fixtures.sessionA).dataset("/units/spike_times")
        #expect(chunkedTimes.chunkShape != nil)
        #expect(chunkedTimes.withMappedRows(0..<10, as: Double.self) { $0.count } == nil)
        let times = try chunkedTimes.read(as: Double.self)
        do {
            let file = try HDF5File.open(copy, mode: .readWrite)
            try file.group("/units").writeDataset("spike_times", times,
                                                  options: HDF5DatasetOptions(layout: .contiguous, ifExists: .replace))
            try file.flush()
        }
        let contiguous = try HDF5File.open(copy).dataset("/units/spike_times")
        #expect(contiguous.chunkShape == nil)
        #expect(contiguous.withMappedRows(0..<times.count, as: Double.self) { Array($0) } == times.scalars)
        let want = try StimulusResponses(session: NWBSession.open(Fixtures.sessionA))
        let got = try StimulusResponses(session: NWBSession.open(copy))
        #expect(got.unitIDs == want.unitIDs)
        #expect(got.trials == want.trials)
        #expect(got.meanRates == want.meanRates)

        // A file cut short while its rows are mapped: the result is rejected, naming the dataset.
        let table = try NWBSession.open(copy).units()
        #expect(contiguous.mappedRowsAreIntact(0..<times.count, as: Double.self))
        do {
            _ = try table.spikeTimes.withRows(0..<table.count, as: Double.self) { (values, _) throws(NWBError) -> Int in
                #expect(truncate(copy.path, 4096) == 0)          // well before the data
                return values.count
            }
            Issue.record("a file cut short while mapped was accepted")
        } catch let error {
            #expect(error.description.contains("/units/spike_times") && error.description.contains("cut short"))
        }
        #expect(!contiguous.mappedRowsAreIntact(0..<times.count, as: Double.self))
    }

    @Test func combinedFilterIsTheIntersection() throws {
        let expected = Fixtures.reference.sessionA
        let options = ResponseOptions(filter: .all([.allenDefault, .minimumRate(spikesPerSecond: expected.minRate)]))
        let responses = try StimulusResponses(session: NWBSession.open(Fixtures.sessionA), options: options)
        #expect(responses.unitIDs == expected.allenDefaultIds.filter(expected.minRateIds.contains))
    }

    @Test(arguments: [0, 1])
    func twoBinsPerFrameEqualTheReferenceAndSumToFrameCounts(which: Int) throws {
        let (_, url, expected) = Self.cases[which]
        let session = try NWBSession.open(url)
        let one = try StimulusResponses(session: session)
        let two = try StimulusResponses(session: session, options: ResponseOptions(binsPerFrame: 2))
        #expect(two.trials.shape == [one.repeatCount, one.units.count, 2 * one.frameCount])
        let (r, u, f) = (one.repeatCount, one.units.count, one.frameCount)
        var sums = [[Int]](repeating: [Int](repeating: 0, count: 2 * f), count: u)
        for rep in 0..<r {
            for unit in 0..<u {
                for frame in 0..<f {
                    let pair = two.trials[rep, unit, 2 * frame] + two.trials[rep, unit, 2 * frame + 1]
                    #expect(pair == one.trials[rep, unit, frame])
                    sums[unit][2 * frame] += Int(two.trials[rep, unit, 2 * frame])
                    sums[unit][2 * frame + 1] += Int(two.trials[rep, unit, 2 * frame + 1])
                }
            }
        }
        #expect(sums == expected.bins2.trialSum)
        #expect(two.meanRates == one.meanRates)
    }

    @Test func smoothingIsGaussianSmoothingOfTheAverages() throws {
        let session = try NWBSession.open(Fixtures.sessionA)
        let raw = try StimulusResponses(session: session)
        let smooth = try StimulusResponses(session: session, options: ResponseOptions(smoothing: .gaussian(sigmaFrames: 2)))
        let expected = GaussianSmoothing.smooth(raw.trialAverage, along: .eachRow, sigma: 2)
        #expect(smooth.trialAverage.scalars == raw.trialAverage.scalars)
        #expect(smooth.responses.scalars == expected.scalars)
        #expect(smooth.responses.scalars != raw.responses.scalars)
        let twoBins = try StimulusResponses(session: session,
                                            options: ResponseOptions(binsPerFrame: 2, smoothing: .gaussian(sigmaFrames: 2)))
        #expect(twoBins.responses.scalars == GaussianSmoothing.smooth(twoBins.trialAverage, along: .eachRow, sigma: 4).scalars)
    }

    @Test func perAreaMatricesHoldTheReferenceUnits() throws {
        let expected = Fixtures.reference.sessionA
        let responses = try StimulusResponses(session: NWBSession.open(Fixtures.sessionA))
        let areas = responses.byArea()
        #expect(areas.map(\.name) == expected.idsByArea.keys.sorted())
        for area in areas {
            #expect(area.unitIDs == expected.idsByArea[area.name], "\(area.name)")
            #expect(area.matrix.shape == [expected.frameCount, area.unitCount], "frames × units")
            for (column, id) in area.unitIDs.enumerated() {
                let u = expected.unitIds.firstIndex(of: id)!
                let want = expected.bins1.trialSum[u].map { Double($0) / Double(expected.repeatCount) }
                #expect((0..<expected.frameCount).map { area.matrix[$0, column] } == want)
            }
        }
    }

    @Test func spikesOnFrameBoundariesCountInTheFrameStartingThere() throws {
        #expect(Fixtures.reference.sessionA.boundarySpikes > 0)   // the fixture really plants them
        let bins = FrameBins(starts: [0, 1, 2], stops: [1, 2, 3], binsPerFrame: 1, frameCount: 3, repeatCount: 1)
        let spikes: ArraySlice<Double> = [0, 0.5, 1, 1, 2.999, 3]
        #expect(SpikeCounting.counts(spikes, in: bins) == [2, 2, 1])
        #expect(SpikeCounting.referenceCounts(spikes, in: bins) == [2, 2, 1])
    }

    @Test func mergePassEqualsTheBinarySearchReference() throws {
        var rng = SplitMix(seed: 7)
        for trial in 0..<50 {
            var edges = [0.0]
            for _ in 0..<40 { edges.append(edges.last! + (rng.next() < 0.2 ? 0.5 : 0.1) * (rng.next() + 0.1)) }
            var starts: [Double] = [], stops: [Double] = []
            for k in 0..<40 where k % 7 != 3 { starts.append(edges[k]); stops.append(edges[k + 1]) }
            let bins = FrameBins(starts: starts, stops: stops, binsPerFrame: 1, frameCount: starts.count, repeatCount: 1)
            var spikes = (0..<Int(rng.next() * 200)).map { _ in rng.next() * (edges.last! + 1) - 0.5 }
            spikes += edges.filter { _ in rng.next() < 0.3 }
            spikes.sort()
            #expect(SpikeCounting.counts(spikes[...], in: bins) == SpikeCounting.referenceCounts(spikes[...], in: bins),
                    "trial \(trial)")
        }
    }

    @Test func unitsPerReadDoesNotChangeTheResult() throws {
        let session = try NWBSession.open(Fixtures.sessionA)
        let whole = try StimulusResponses(session: session)
        let small = try StimulusResponses(session: session, options: ResponseOptions(filter: .allenDefault, unitsPerRead: 3))
        #expect(small.unitIDs == Fixtures.reference.sessionA.allenDefaultIds)
        for (column, unit) in small.units.enumerated() {
            let w = whole.units.firstIndex { $0.id == unit.id }!
            for rep in 0..<whole.repeatCount {
                for b in 0..<whole.frameCount { #expect(small.trials[rep, column, b] == whole.trials[rep, w, b]) }
            }
        }
    }
}

/// A tiny deterministic generator of doubles in [0, 1) for property tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}
