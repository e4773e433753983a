import CortexHDF5
import CortexIO
import CortexNumerics
import CortexSimilarity
import Foundation
import Testing
@testable import CortexPipeline

@Suite("Streaming from HDF5 hyperslabs")
struct HDF5StreamingTests {
    @Test("readColumns equals the columns of a full read, for blocks at the edges and in the middle")
    func readColumns() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("m.h5")
        let m = NDArray<Float>(shape: [7, 23], generating: { Float($0) * 0.5 - 3 })
        try HDF5File.writeAtomically(to: url) { try $0.root.writeDataset("x", m) }
        let dataset = try HDF5File.open(url).dataset("x")
        for range in [0..<1, 0..<23, 5..<17, 22..<23, 3..<3] {
            let block = try dataset.readColumns(range, as: Double.self)
            #expect(block.shape == [7, range.count])
            for i in 0..<7 { for (j, c) in range.enumerated() { #expect(block[i, j] == Double(m[i, c])) } }
        }
        #expect(throws: HDF5Error.self) { try dataset.readColumns(20..<24, as: Float.self) }
    }

    @Test("TSRSA and linear CKA streamed from an HDF5 feature file equal the in-memory results")
    func streamedEqualsInMemory() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SplittableRandom(seed: 21)
        let latent = NDArray<Double>.normal(shape: [40, 3], using: &rng)
        let layer = LinearAlgebra.matmul(latent, NDArray<Double>.normal(shape: [3, 5000], using: &rng)).map { Float($0) }
        let area = LinearAlgebra.matmul(latent, NDArray<Double>.normal(shape: [3, 30], using: &rng))
        let url = dir.appendingPathComponent("f.h5")
        try FeatureFile.write(to: url, model: "m", layers: [(.init(name: "big", depth: 0, unitShape: [5000]), layer)])
        let source = try HDF5ColumnSource<Float>(url: url, datasetPath: "/big/features")
        #expect(source.rowCount == 40 && source.columnCount == 5000)
        let streamed = try TSRSA.score(modelSource: source, brainSource: area, options: TSRSAOptions()).score
        let inMemory = try TSRSA.score(model: layer, brain: area, options: TSRSAOptions()).score
        #expect(abs(streamed - inMemory) < 1e-9)
        #expect(streamed > 0.5)
        let ckaStreamed = try CKA.score(source: source, area)
        let ckaInMemory = try CKA.score(layer, area)
        #expect(abs(ckaStreamed - ckaInMemory) < 1e-6)
    }
}
