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
        let loaded = try MatrixReference(parsing: dir.appendingPathComponent("cube.npy").path).load()
        let m = loaded.matrix
        #expect(m.shape == [4, 6])
        #expect(m[3, 5] == 23)
        #expect(loaded.adjustments == [.flattened(from: [4, 2, 3], to: [4, 6])] && loaded.dataset == nil)
        #expect(throws: MatrixInputError.cannotTranspose(source: dir.appendingPathComponent("cube.npy").path, shape: [4, 2, 3])) {
            try MatrixReference(parsing: dir.appendingPathComponent("cube.npy").path).load(.unitsByFrames)
        }
        let file = try HDF5File.create(dir.appendingPathComponent("r.h5"), mode: .truncate)
        let g = try file.root.createGroup("VISp")
        try g.writeDataset("ids", NDArray<Int64>(shape: [5], scalars: [1, 2, 3, 4, 5]))
        let v = try MatrixReference(parsing: dir.appendingPathComponent("r.h5").path + ":/VISp/ids").load().matrix
        #expect(v.shape == [5, 1])
        #expect(v.column(0) == [1, 2, 3, 4, 5])
    }

    /// Writes `root` attributes `format` (if given) and a units × frames `/VISp/counts`, a 3-D
    /// `/VISp/trials` and a frames × units `/sn1/features`.
    static func writeFile(_ url: URL, format: String?) throws -> NDArray<Double> {
        let counts = NDArray<Double>(shape: [3, 5], generating: { Double($0) })
        let file = try HDF5File.create(url, mode: .truncate)
        let visp = try file.root.createGroup("VISp")
        try visp.writeDataset("counts", counts)
        try visp.writeDataset("trials", NDArray<Int32>(shape: [2, 3, 5], repeating: 1))
        try file.root.createGroup("sn1").writeDataset("features", NDArray<Float>(shape: [5, 4], generating: { Float($0) }))
        if let format { try file.attributes.write("format", string: format) }
        return counts
    }

    @Test("CortexKit datasets are recognised from the root format attribute and the path, and oriented frames × units")
    func cortexDatasets() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-matrixref-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let responses = dir.appendingPathComponent("r.h5"), features = dir.appendingPathComponent("f.h5")
        let other = dir.appendingPathComponent("other.h5")
        let counts = try Self.writeFile(responses, format: ResponseFile.format)
        _ = try Self.writeFile(features, format: FeatureFile.format)
        _ = try Self.writeFile(other, format: nil)

        let file = try HDF5File.open(responses)
        #expect(try CortexDataset.recognise("/VISp/counts", in: file) == .responseCounts(area: "VISp"))
        #expect(try CortexDataset.recognise("VISp/trials", in: file) == .responseTrials(area: "VISp"))
        #expect(try CortexDataset.recognise("/sn1/features", in: file) == nil)
        #expect(try CortexDataset.recognise("/sn1/features", in: HDF5File.open(features)) == .features(layer: "sn1"))
        #expect(try CortexDataset.recognise("/VISp/counts", in: HDF5File.open(other)) == nil)

        let source = responses.path + ":/VISp/counts"
        let loaded = try MatrixReference(parsing: source).load()
        #expect(loaded.matrix == counts.transposed() && loaded.storedShape == [3, 5])
        #expect(loaded.adjustments == [.oriented(dataset: .responseCounts(area: "VISp"), from: [3, 5])])
        #expect(throws: MatrixInputError.alreadyOriented(source: source, dataset: .responseCounts(area: "VISp"))) {
            try MatrixReference(parsing: source).load(.unitsByFrames)
        }
        #expect(MatrixInputError.alreadyOriented(source: source, dataset: .responseCounts(area: "VISp")).hint
                == .omitOption(name: "MatrixOrientation"))
        #expect(throws: MatrixInputError.self) { try MatrixReference(parsing: responses.path + ":/VISp/trials").load() }

        let feature = try MatrixReference(parsing: features.path + ":/sn1/features").load()
        #expect(feature.matrix.shape == [5, 4] && feature.adjustments.isEmpty && feature.dataset == .features(layer: "sn1"))
        // The same layout in a file CortexKit did not write is read as stored, or transposed on request.
        #expect(try MatrixReference(parsing: other.path + ":/VISp/counts").load().matrix == counts)
        let asked = try MatrixReference(parsing: other.path + ":/VISp/counts").load(.unitsByFrames)
        #expect(asked.matrix == counts.transposed() && asked.adjustments == [.transposed(from: [3, 5])])
    }
}
