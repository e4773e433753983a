import CortexHDF5
import CortexNWB
import CortexNumerics
import Foundation
import Testing

/// DynamicTable and ragged columns on files written at test time (index as uint16, uint32, int64).
@Suite struct DynamicTableTests {
    @Test(arguments: SyntheticSession.IndexWidth.allCases)
    func raggedRowsEqualTheUnitsSpikesForEveryIndexWidth(width: SyntheticSession.IndexWidth) throws {
        var synthetic = SyntheticSession()
        synthetic.indexWidth = width
        let url = try synthetic.write(in: Fixtures.temporaryDirectory())
        let table = try DynamicTable(group: reopenFile(url).group("/units"))
        let ragged = try table.ragged("spike_times")
        #expect(ragged.ends == [3, 3, 7])
        #expect(ragged.range(ofRow: 1) == 3..<3)
        for row in 0..<3 { #expect(try ragged.readRow(row, as: Double.self) == synthetic.spikes[row], "row \(row)") }
        let (values, ranges) = try ragged.readRows(1..<3, as: Double.self)
        #expect(values == synthetic.spikes[1] + synthetic.spikes[2])
        #expect(ranges == [0..<0, 0..<4])
    }

    @Test func columnsAreFoundByNameWhateverTheColnamesOrder() throws {
        let url = try SyntheticSession().write(in: Fixtures.temporaryDirectory())
        let table = try DynamicTable(group: reopenFile(url).group("/units"))
        #expect(table.columnNames == ["quality", "spike_times", "amplitude_cutoff", "location"])
        #expect(table.rowCount == 3)
        #expect(try table.ids() == [10, 11, 12])
        #expect(try table.strings("quality") == ["good", "good", "noise"])
        // float32 and int32 columns convert to the requested type.
        #expect(try table.doubles("amplitude_cutoff") == [0, 0.05, 0.1].map { Double(Float($0)) })
        #expect(try table.doubles("cluster_id") == [0, 3, 6])
        #expect(try table.integers("cluster_id") == [0, 3, 6])
        #expect(table.isRagged("spike_times"))
        #expect(!table.isRagged("quality"))
        #expect(try table.numericScalarColumns() == ["amplitude_cutoff", "cluster_id", "isi_violations", "presence_ratio"])
    }

    @Test func aMissingColumnNamesTheTableAndListsTheColumns() throws {
        let url = try SyntheticSession().write(in: Fixtures.temporaryDirectory())
        let table = try DynamicTable(group: reopenFile(url).group("/units"))
        let error = capturedError { try table.doubles("snr") }
        guard case .columnMissing(let file, let path, let column, let available)? = error else {
            Issue.record("expected columnMissing, got \(String(describing: error))"); return
        }
        #expect(file == url.path && path == "/units" && column == "snr" && available.contains("quality"))
        #expect(error!.description.contains(url.path) && error!.description.contains("/units"))
    }

    @Test func decreasingOffsetsAreRejectedNamingTheIndexDataset() throws {
        var synthetic = SyntheticSession()
        synthetic.indexOverride = [3, 2, 7]
        let url = try synthetic.write(in: Fixtures.temporaryDirectory())
        let error = capturedError { try UnitTable(file: reopenFile(url)) }
        guard case .invalidRaggedIndex(let file, let path, let reason)? = error else {
            Issue.record("expected invalidRaggedIndex, got \(String(describing: error))"); return
        }
        #expect(file == url.path && path == "/units/spike_times_index")
        #expect(reason.contains("row 1"))
    }

    @Test(arguments: SyntheticSession.IndexWidth.allCases)
    func anIndexPastTheDataIsRejected(width: SyntheticSession.IndexWidth) throws {
        var synthetic = SyntheticSession()
        synthetic.indexWidth = width
        synthetic.indexOverride = [3, 3, 9]
        let url = try synthetic.write(in: Fixtures.temporaryDirectory())
        let error = capturedError { try reopen(url).units() }
        guard case .invalidRaggedIndex(_, let path, let reason)? = error else {
            Issue.record("expected invalidRaggedIndex, got \(String(describing: error))"); return
        }
        #expect(path == "/units/spike_times_index")
        #expect(reason.contains("9") && reason.contains("7 elements"))
        #expect(error!.description.contains(url.path))
    }

    @Test func anIndexWithTheWrongRowCountIsRejected() throws {
        var synthetic = SyntheticSession()
        synthetic.indexOverride = [3, 7]
        let url = try synthetic.write(in: Fixtures.temporaryDirectory())
        let error = capturedError { try reopen(url).units() }
        guard case .columnShape(_, let path, _, let found)? = error else {
            Issue.record("expected columnShape, got \(String(describing: error))"); return
        }
        #expect(path == "/units/spike_times_index" && found == [2])
    }

    @Test func multiDimensionalRaggedRowsAreFlattenedPerRow() throws {
        // waveform_mean-like: 5 rows of 3 samples, rows 0..<2 for unit 0, none for unit 1, 2..<5 for unit 2.
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("waveforms.nwb")
        do {
            let file = try HDF5File.create(url)
            try file.root.writeDataset("units/id", NDArray(shape: [3], scalars: [Int64(1), 2, 3]))
            try file.root.writeDataset("units/waveform_mean", NDArray(shape: [5, 3], scalars: (0..<15).map(Double.init)))
            try file.root.writeDataset("units/waveform_mean_index", NDArray(shape: [3], scalars: [UInt32(2), 2, 5]))
        }
        let table = try DynamicTable(group: reopenFile(url).group("/units"))
        let waveforms = try table.ragged("waveform_mean")
        #expect(try waveforms.readRow(0, as: Double.self) == [0, 1, 2, 3, 4, 5])
        #expect(try waveforms.readRow(1, as: Double.self) == [])
        let (values, ranges) = try waveforms.readRows(1..<3, as: Float.self)
        #expect(values == (6..<15).map(Float.init) && ranges == [0..<0, 0..<9])
    }
}
