import CortexHDF5
import CortexNumerics
import Foundation
import Testing

/// Datasets created at full extent and filled row range by row range (hyperslab writes).
@Suite final class RowWritingTests {
    let directory: URL

    init() throws { directory = try Fixtures.temporaryDirectory() }

    deinit { try? FileManager.default.removeItem(at: directory) }

    @Test("rows written in chunks read back as the whole matrix; chunk layout kept; a partly written dataset is refused")
    func chunkedRows() throws {
        let url = directory.appendingPathComponent("rows.h5")
        let values = NDArray<Float>(shape: [25, 5000], generating: { Float($0 % 97) / 7 })
        func write(rows total: Int, to url: URL) throws {
            let file = try HDF5File.create(url, mode: .exclusive)
            let dataset = try file.root.createDataset("layer/features", shape: [25, 5000], of: Float.self,
                                                      options: HDF5DatasetOptions(layout: .chunked([6, 2048])))
            for start in stride(from: 0, to: total, by: 6) {
                let rows = start..<min(total, start + 6)
                try dataset.writeRows(rows, Array(values.scalars[(rows.lowerBound * 5000)..<(rows.upperBound * 5000)]))
            }
            try file.flush()
        }
        try write(rows: 25, to: url)
        let dataset = try HDF5File.open(url).dataset("layer/features")
        #expect(dataset.shape == [25, 5000])
        #expect(dataset.chunkShape == [6, 2048])
        #expect(try dataset.readRows(0..<25, as: Float.self) == values)
        #expect(try dataset.readColumns(2000..<2100, as: Double.self).shape == [25, 100])
        // Rows 24… never written: their chunks are unallocated, so fill values would pass for data.
        let partial = directory.appendingPathComponent("partial.h5")
        try write(rows: 23, to: partial)
        #expect(throws: HDF5Error.self) { try HDF5File.open(partial).dataset("layer/features").readRows(0..<6, as: Float.self) }
    }

    @Test("a wrong element count or row range is a shape mismatch naming the dataset")
    func badWrites() throws {
        let file = try HDF5File.create(directory.appendingPathComponent("bad.h5"), mode: .exclusive)
        let dataset = try file.root.createDataset("x", shape: [4, 3], of: Double.self)
        #expect(throws: HDF5Error.self) { try dataset.writeRows(0..<2, [Double](repeating: 1, count: 5)) }
        #expect(throws: HDF5Error.self) { try dataset.writeRows(3..<5, [Double](repeating: 1, count: 6)) }
        do {
            try dataset.writeRows(3..<5, [Double](repeating: 1, count: 6))
        } catch {
            #expect("\(error)".contains("/x"))
        }
    }
}
