import CortexHDF5
@testable import CortexNWB
import Foundation
import Testing

/// How units are grouped into hyperslab reads, and files without stimulus tables.
@Suite struct ReadBlockTests {
    @Test func blocksRespectTheUnitCountAndTheSpikeBudget() throws {
        // Units hold 3, 0 and 4 spikes.
        let url = try SyntheticSession().write(in: Fixtures.temporaryDirectory())
        let units = try reopen(url).units()
        func rows(_ blocks: [[UnitRecord]]) -> [[Int]] { blocks.map { $0.map(\.row) } }
        let all = units.records
        #expect(rows(StimulusResponses.readBlocks(all, spikes: units.spikeTimes, unitsPerRead: 256)) == [[0, 1, 2]])
        #expect(rows(StimulusResponses.readBlocks(all, spikes: units.spikeTimes, unitsPerRead: 2)) == [[0, 1], [2]])
        #expect(rows(StimulusResponses.readBlocks(all, spikes: units.spikeTimes, unitsPerRead: 9, spikeBudget: 3))
                == [[0, 1], [2]])
        #expect(rows(StimulusResponses.readBlocks(all, spikes: units.spikeTimes, unitsPerRead: 9, spikeBudget: 2))
                == [[0], [1], [2]])
        // Sparse candidates: the span includes the rows in between.
        #expect(rows(StimulusResponses.readBlocks([all[0], all[2]], spikes: units.spikeTimes, unitsPerRead: 9,
                                                  spikeBudget: 6)) == [[0], [2]])
    }

    @Test func aFileWithoutIntervalsHasNoStimulusTable() throws {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("no-intervals.nwb")
        let file = try HDF5File.create(url)
        try file.root.createGroup("units")
        let error = capturedError { try NWBSession(file: file).stimuli() }
        guard case .noStimulusTable(let path, let reason)? = error else {
            Issue.record("expected noStimulusTable, got \(String(describing: error))"); return
        }
        #expect(path == url.path && reason.contains("/intervals"))
    }
}
