import CortexHDF5
import CortexNumerics
import Foundation
import Testing

/// Rows used in place through a memory map: the same values as a read where the storage allows it,
/// and `nil` (so callers read) where it does not.
@Suite final class MappedRowsTests {
    let directory: URL

    init() throws { directory = try Fixtures.temporaryDirectory() }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// h5py's contiguous float64 spike times (ragged.h5), every unit's rows and all of them.
    @Test func contiguousFloat64FromH5pyMapsToTheValuesARead() throws {
        let times = try HDF5File.open(Fixtures.url("ragged.h5")).group("units_int64").dataset("spike_times")
        let all = try times.readVector(as: Double.self)
        let n = all.count
        for rows in [0..<n, 0..<1, 3..<(n - 2), (n - 1)..<n, 5..<5] {
            let mapped = try #require(times.withMappedRows(rows, as: Double.self) { Array($0) })
            #expect(mapped == Array(all[rows]), "rows \(rows)")
        }
        // Asked as another type: not mapped (a read converts instead).
        #expect(times.withMappedRows(0..<n, as: Float.self) { $0.count } == nil)
        #expect(times.withMappedRows(0..<n, as: Int64.self) { $0.count } == nil)
    }

    @Test func twoDimensionalRowsMapRowMajor() throws {
        let url = directory.appendingPathComponent("plain.h5")
        let cube = NDArray<Float>(shape: [50, 3, 4]) { Float($0) * 0.5 - 7 }
        do {
            let file = try HDF5File.create(url, mode: .exclusive)
            try file.root.writeDataset("plain", cube)
            try file.root.writeDataset("chunked", cube, options: HDF5DatasetOptions(layout: .chunked([8, 3, 4])))
            try file.root.writeDataset("gzip", cube, options: .gzip)
            try file.flush()
        }
        let file = try HDF5File.open(url)
        let plain = try file.dataset("plain")
        let rows = try #require(plain.withMappedRows(10..<13, as: Float.self) { Array($0) })
        #expect(rows == Array(cube.scalars[(10 * 12)..<(13 * 12)]))
        #expect(rows == (try plain.readRows(10..<13, as: Float.self).scalars))
        #expect(try file.dataset("chunked").withMappedRows(0..<2, as: Float.self) { $0.count } == nil)
        #expect(try file.dataset("gzip").withMappedRows(0..<2, as: Float.self) { $0.count } == nil)
        #expect(plain.withMappedRows(0..<51, as: Float.self) { $0.count } == nil)    // past the extent
    }

    @Test func aFileCutShortIsNotMapped() throws {
        let url = directory.appendingPathComponent("cut.h5")
        let values = NDArray<Double>(shape: [100_000]) { Double($0) }
        do {
            let file = try HDF5File.create(url, mode: .exclusive)
            try file.root.writeDataset("x", values)
            try file.flush()
        }
        let file = try HDF5File.open(url)
        let x = try file.dataset("x")
        #expect(x.withMappedRows(0..<100_000, as: Double.self) { $0.last } == 99_999)
        // Truncate the file under the open dataset: the bytes past the end are not mapped.
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! Int
        #expect(truncate(url.path, off_t(size - 4096)) == 0)
        #expect(x.withMappedRows(0..<100_000, as: Double.self) { $0.last } == nil)
        #expect(x.withMappedRows(0..<10, as: Double.self) { $0.last } == 9)
    }
}
