import CortexKit
import Foundation
import Testing

@Suite("Matrix references on the command line")
struct MatrixReferenceTests {
    @Test("parses .npy files and FILE.h5:/dataset references")
    func parsing() throws {
        #expect(try MatrixReference(parsing: "a/layer1.npy") == .npy(URL(fileURLWithPath: "a/layer1.npy")))
        #expect(try MatrixReference(parsing: "out.h5:/VISp/counts")
                == .hdf5(URL(fileURLWithPath: "out.h5"), datasetPath: "/VISp/counts"))
        #expect(try MatrixReference(parsing: "C:dir/x.h5:/a") == .hdf5(URL(fileURLWithPath: "C:dir/x.h5"), datasetPath: "/a"))
        #expect(throws: MatrixInputError.missingDatasetPath("out.h5")) { try MatrixReference(parsing: "out.h5") }
        #expect(throws: MatrixInputError.unrecognised("notes.txt")) { try MatrixReference(parsing: "notes.txt") }
    }

    @Test("loads .npy and HDF5 matrices as Double; rank 1 → one column, rank 3 → flattened per frame")
    func loading() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-matrixref-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = NDArray<Float>(shape: [4, 2, 3], generating: { Float($0) })
        try NPYFile.write(cube, to: dir.appendingPathComponent("cube.npy"))
        let m = try MatrixReference(parsing: dir.appendingPathComponent("cube.npy").path).load()
        #expect(m.shape == [4, 6])
        #expect(m[3, 5] == 23)
        let file = try HDF5File.create(dir.appendingPathComponent("r.h5"), mode: .truncate)
        let g = try file.root.createGroup("VISp")
        try g.writeDataset("ids", NDArray<Int64>(shape: [5], scalars: [1, 2, 3, 4, 5]))
        let v = try MatrixReference(parsing: dir.appendingPathComponent("r.h5").path + ":/VISp/ids").load()
        #expect(v.shape == [5, 1])
        #expect(v.column(0) == [1, 2, 3, 4, 5])
    }
}
