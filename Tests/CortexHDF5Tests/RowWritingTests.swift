import CortexHDF5
import CortexNumerics
import Foundation
import Testing

/// Datasets created at full extent and filled row range by row range (hyperslab writes).
@Suite final class RowWritingTests {
    let directory: URL

    init() throws { directory = try Fixtures.temporaryDirectory() }

    deinit { try? FileManager.default.removeItem(at: directory) }

    @Test("rows written in chunks read back as the whole matrix; unwritten rows read 0; chunk layout kept")
    func chunkedRows() throws {
        let url = directory.appendingPathComponent("rows.h5")
        let values = NDArray<Float>(shape: [23, 5000], generating: { Float($0 % 97) / 7 })
        do {
            let file = try HDF5File.create(url, mode: .exclusive)
            let dataset = try file.root.createDataset("layer/features", shape: [25, 5000], of: Float.self,
                                                      options: HDF5DatasetOptions(layout: .chunked([6, 2048])))
            for start in stride(from: 0, to: 23, by: 6) {
                let rows = start..<min(23, start + 6)
                try dataset.writeRows(rows, Array(values.scalars[(rows.lowerBound * 5000)..<(rows.upperBound * 5000)]))
            }
            try file.flush()
        }
        let dataset = try HDF5File.open(url).dataset("layer/features")
        #expect(dataset.shape == [25, 5000])
        #expect(try dataset.readRows(0..<23, as: Float.self) == values)
        #expect(try dataset.readRows(23..<25, as: Float.self).scalars.allSatisfy { $0 == 0 })
        #expect(try dataset.readColumns(2000..<2100, as: Double.self).shape == [25, 100])
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
