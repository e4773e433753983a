import CortexIO
import CortexNumerics
import Foundation
import Testing
@testable import CortexSimilarity

@Suite("Exact streaming: column blocks and memory-mapped .npy equal the in-memory results")
struct StreamingTests {
    @Test("Gram accumulation over blocks of any width equals the one-shot Gram (all centrings)")
    func blockWidths() throws {
        let x = gaussian(11, 97, seed: 61).map { $0 * 3 + 40 }
        for centring in GramCentring.allCases {
            let whole = try GramAccumulator<Double>.gram(of: x, centring: centring, blockColumns: 97)
            let centred: NDArray<Double>
            switch centring {
            case .none: centred = x
            case .columns: centred = x.columnCentred()
            case .rows: centred = x.rowCentred()
            }
            let direct = LinearAlgebra.gram(centred)
            #expect(maxAbsDifference(whole.scalars, direct.scalars) < 1e-9 * 40 * 40 * 97, "\(centring)")
            for width in [1, 5, 32, 96] {
                let blocked = try GramAccumulator<Double>.gram(of: x, centring: centring, blockColumns: width)
                let scale = whole.scalars.map(abs).max()!
                #expect(maxAbsDifference(blocked.scalars, whole.scalars) < 1e-12 * scale, "\(centring) width \(width)")
            }
        }
    }

    @Test("blocks large enough to be split across cores give the same Gram matrices (all centrings, Float and Double)")
    func parallelBlocks() throws {
        // 100 rows × 2048-column blocks: the copy-and-centre step runs in several ParallelFor tasks.
        let x = gaussian(100, 5000, seed: 65).map { $0 + 3 }
        for centring in GramCentring.allCases {
            let centred: NDArray<Double>
            switch centring {
            case .none: centred = x
            case .columns: centred = x.columnCentred()
            case .rows: centred = x.rowCentred()
            }
            let direct = LinearAlgebra.gram(centred)
            let scale = direct.scalars.map(abs).max()!
            let streamed = try GramAccumulator<Double>.gram(of: x, centring: centring)
            #expect(maxAbsDifference(streamed.scalars, direct.scalars) < 1e-11 * scale, "\(centring)")
            let single = try GramAccumulator<Float>.gram(of: x.map { Float($0) }, centring: centring)
            #expect(maxAbsDifference(single.scalars, direct.scalars) < 1e-4 * scale, "\(centring) Float")
        }
    }

    @Test("TSRSA, linear CKA and debiased CKA streamed from .npy files (float32 and float64) equal in-memory to 1e-6")
    func npyStreaming() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let latent = gaussian(40, 5, seed: 71)
        let model = LinearAlgebra.matmul(latent, gaussian(5, 3000, seed: 72)).adding(gaussian(40, 3000, seed: 73), scale: 1)
            .map { $0 + 2 }
        let brain = LinearAlgebra.matmul(latent, gaussian(5, 120, seed: 74)).adding(gaussian(40, 120, seed: 75), scale: 1)
        let model32 = model.map { Float($0) }
        let modelURL = dir.appendingPathComponent("model64.npy"), model32URL = dir.appendingPathComponent("model32.npy")
        let brainURL = dir.appendingPathComponent("brain.npy")
        try NPYFile.write(model, to: modelURL)
        try NPYFile.write(model32, to: model32URL)
        // A rank-3 brain file: (frames, 10, 12) is read as frames × 120.
        try NPYFile.write(brain.reshaped([40, 10, 12]), to: brainURL)

        let options = TSRSAOptions(comparison: .spearman(ties: .average), blockColumns: 256)
        let inMemory = try TSRSA.score(model: model, brain: brain).score
        let inMemory32 = try TSRSA.score(model: model32, brain: brain).score
        let brainSource = try NPYColumnSource<Double>(url: brainURL)
        #expect(brainSource.rowCount == 40 && brainSource.columnCount == 120)
        let streamed = try TSRSA.score(modelSource: try NPYColumnSource<Double>(url: modelURL), brainSource: brainSource).score
        let streamed32 = try TSRSA.score(modelSource: try NPYColumnSource<Float>(url: model32URL), brainSource: brainSource).score
        let converted = try TSRSA.score(modelSource: try NPYColumnSource<Double>(url: model32URL), brainSource: brainSource).score
        #expect(abs(streamed - inMemory) < 1e-6)
        #expect(abs(streamed32 - inMemory32) < 1e-6)
        #expect(abs(converted - inMemory32) < 1e-6)
        #expect(abs(inMemory32 - inMemory) < 1e-3)
        #expect(abs(try TSRSA.score(modelSource: try NPYColumnSource<Double>(url: modelURL), brainSource: brainSource,
                                    options: options).score - (try TSRSA.score(model: model, brain: brain, options: options).score)) < 1e-6)

        for estimator in HSICEstimator.allCases {
            let memory = try CKA.score(model, brain, estimator: estimator)
            let streamedCKA = try CKA.score(source: try NPYColumnSource<Double>(url: modelURL), brainSource,
                                            estimator: estimator, blockColumns: 300)
            let streamedCKA32 = try CKA.score(source: try NPYColumnSource<Float>(url: model32URL), brainSource,
                                              estimator: estimator, blockColumns: 1000)
            #expect(abs(streamedCKA - memory) < 1e-6, "\(estimator)")
            #expect(abs(streamedCKA32 - (try CKA.score(model32, brain, estimator: estimator))) < 1e-6, "\(estimator)")
        }
        // The mapped reader itself returns exactly the stored columns.
        let mapped = try NPYMappedMatrix(url: model32URL)
        let block = try mapped.columns(100..<105, as: Float.self)
        #expect(block.shape == [40, 5] && block[7, 3] == model32[7, 103])
        mapped.releasePages(beforeColumn: 3000)
        #expect(try mapped.columns(2999..<3000, as: Double.self)[39, 0] == Double(model32[39, 2999]))
    }

    @Test("a non-finite entry deep inside a streamed file is reported with its row and column")
    func streamedNonFinite() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var x = gaussian(10, 500, seed: 81)
        x[6, 433] = .infinity
        let url = dir.appendingPathComponent("bad.npy")
        try NPYFile.write(x, to: url)
        let source = try NPYColumnSource<Double>(url: url)
        #expect(throws: SimilarityError.nonFiniteEntry(operand: .second, row: 6, column: 433)) {
            try TSRSA.score(modelSource: gaussian(10, 4, seed: 1), brainSource: source,
                            options: TSRSAOptions(blockColumns: 100))
        }
        #expect(throws: NPYError.self) { try NPYColumnSource<Double>(url: dir.appendingPathComponent("missing.npy")) }
        let vector = dir.appendingPathComponent("vector.npy")
        try NPYFile.write(NDArray<Double>(shape: [4], scalars: [1, 2, 3, 4]), to: vector)
        #expect(throws: NPYError.self) { try NPYColumnSource<Float>(url: vector) }
    }
}
