import CortexHDF5
import Testing

/// NWB ragged columns (`ragged.h5`): `spike_times` + `spike_times_index` where `index[i]` is the
/// exclusive end offset of unit i, with the index stored as uint16, uint32 or int64.
@Suite struct RaggedColumnTests {
    let expected = Fixtures.expected.ragged

    @Test(arguments: ["uint16", "uint32", "int64"])
    func indexOfAnyIntegerWidthReadsAsInt64(flavour: String) throws {
        let units = try HDF5File.open(Fixtures.url("ragged.h5")).group("units_\(flavour)")
        let index = try units.dataset("spike_times_index")
        let bytes = ["uint16": 2, "uint32": 4, "int64": 8][flavour]!
        #expect(index.dataType == .integer(bytes: bytes, signed: flavour == "int64"))
        #expect(try index.readVector(as: Int64.self) == expected.spike_times_index)
        #expect(try index.readVector(as: Int.self) == expected.spike_times_index.map(Int.init))
    }

    @Test(arguments: ["uint16", "uint32", "int64"])
    func perUnitRowReadsEqualSlicesOfTheFullColumn(flavour: String) throws {
        let units = try HDF5File.open(Fixtures.url("ragged.h5")).group("units_\(flavour)")
        let times = try units.dataset("spike_times")
        let all = try times.readVector(as: Double.self)
        #expect(all == expected.spike_times)
        let ends = try units.dataset("spike_times_index").readVector(as: Int.self)
        var start = 0
        for (unit, end) in ends.enumerated() {
            let spikes = try times.readRows(start..<end, as: Double.self)
            #expect(spikes.shape == [end - start], "unit \(unit)")
            #expect(spikes.scalars == Array(all[start..<end]), "unit \(unit)")
            #expect(spikes.scalars == spikes.scalars.sorted(), "unit \(unit) sorted")
            start = end
        }
        #expect(start == all.count)
    }
}
