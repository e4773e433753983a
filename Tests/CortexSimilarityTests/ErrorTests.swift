import CortexNumerics
import Testing
@testable import CortexSimilarity

@Suite("Bad inputs give typed errors, never a silent NaN")
struct ErrorTests {
    @Test("different frame counts")
    func frameCountMismatch() {
        #expect(throws: SimilarityError.rowCountMismatch(first: 10, second: 9)) {
            try TSRSA.score(model: gaussian(10, 3, seed: 1), brain: gaussian(9, 3, seed: 2))
        }
        #expect(throws: SimilarityError.rowCountMismatch(first: 10, second: 9)) {
            try CKA.score(gaussian(10, 3, seed: 1), gaussian(9, 3, seed: 2))
        }
        #expect(throws: SimilarityError.lengthMismatch(first: 3, second: 6)) {
            try RDMComparison.pearson.compare(RDM(conditionCount: 3, dissimilarities: [1, 2, 3]),
                                             RDM(conditionCount: 4, dissimilarities: [1, 2, 3, 4, 5, 6]))
        }
    }

    @Test("fewer than 3 frames (after dropping the first), and too few rows for debiased CKA")
    func tooFewFrames() {
        #expect(throws: SimilarityError.tooFewRows(found: 2, minimum: 3)) {
            try TSRSA.score(model: gaussian(3, 4, seed: 1), brain: gaussian(3, 4, seed: 2))
        }
        #expect(throws: Never.self) {
            try TSRSA.score(model: gaussian(3, 4, seed: 1), brain: gaussian(3, 4, seed: 2),
                            options: TSRSAOptions(dropsFirstFrame: false))
        }
        #expect(throws: SimilarityError.tooFewRows(found: 3, minimum: 4)) {
            try CKA.score(gaussian(3, 4, seed: 1), gaussian(3, 4, seed: 2), estimator: .unbiased)
        }
        #expect(throws: SimilarityError.lagTooLarge(lag: 8, frames: 10, minimum: 3)) {
            try TSRSA.score(model: gaussian(11, 4, seed: 1), brain: gaussian(11, 4, seed: 2), options: TSRSAOptions(lags: 0...8))
        }
    }

    @Test("NaN and infinite entries are reported with operand, row and column")
    func nonFinite() {
        var bad = gaussian(8, 5, seed: 3)
        bad[4, 2] = .nan
        #expect(throws: SimilarityError.nonFiniteEntry(operand: .first, row: 4, column: 2)) {
            try TSRSA.score(model: bad, brain: gaussian(8, 5, seed: 4))
        }
        #expect(throws: SimilarityError.nonFiniteEntry(operand: .second, row: 4, column: 2)) {
            try CKA.score(gaussian(8, 5, seed: 4), bad, space: .gram)
        }
        #expect(throws: SimilarityError.nonFiniteEntry(operand: .second, row: 4, column: 2)) {
            try CKA.score(gaussian(8, 5, seed: 4), bad, space: .features)
        }
        bad[4, 2] = -.infinity
        #expect(throws: SimilarityError.nonFiniteEntry(operand: .first, row: 4, column: 2)) {
            try RDM(responses: bad, distance: .euclidean)
        }
        #expect(throws: SimilarityError.nonFiniteValue(operand: .second, index: 1)) {
            try RDMComparison.spearman(ties: .average).compare([1, 2, 3], [1, .nan, 3])
        }
    }

    @Test("empty matrices and non-matrices")
    func empty() {
        #expect(throws: SimilarityError.emptyInput(operand: .first, shape: [0, 4])) {
            try TSRSA.score(model: NDArray<Double>(rows: 0, columns: 4, scalars: []), brain: NDArray<Double>(rows: 0, columns: 4, scalars: []))
        }
        #expect(throws: SimilarityError.emptyInput(operand: .second, shape: [6, 0])) {
            try CKA.score(gaussian(6, 2, seed: 1), NDArray<Double>(rows: 6, columns: 0, scalars: []))
        }
        #expect(throws: SimilarityError.notAMatrix(operand: .first, shape: [6])) {
            try TSRSA.score(model: NDArray<Double>(shape: [6], scalars: [1, 2, 3, 4, 5, 6]), brain: gaussian(6, 2, seed: 1))
        }
        #expect(throws: SimilarityError.notAMatrix(operand: .second, shape: [2, 3, 1])) {
            try SVCCA.score(gaussian(2, 3, seed: 1), NDArray<Double>(shape: [2, 3, 1], repeating: 1))
        }
        #expect(throws: SimilarityError.notAMatrix(operand: .first, shape: [6])) {
            try Procrustes.similarity(NDArray<Float>(shape: [6], repeating: 1), gaussian(6, 2, seed: 1))
        }
        #expect(throws: SimilarityError.notAMatrix(operand: .first, shape: [4, 2, 2])) {
            try FrameCorrelations(source: NDArray<Double>(shape: [4, 2, 2], repeating: 1), dropsFirstFrame: false)
        }
        #expect(throws: SimilarityError.emptyInput(operand: .first, shape: [0, 0])) {
            try RDM(responses: NDArray<Float>(rows: 0, columns: 0, scalars: []), distance: .correlation)
        }
    }

    @Test("a silent (zero-variance) frame: .error names it, .dropFrame drops it, .propagate flags NaN")
    func zeroVarianceFrame() throws {
        var model = gaussian(12, 6, seed: 5)
        for j in 0..<6 { model[7, j] = 0 }
        let brain = gaussian(12, 6, seed: 6)
        #expect(throws: SimilarityError.zeroVarianceRow(operand: .first, row: 7)) {
            try TSRSA.score(model: model, brain: brain)
        }
        let dropped = try TSRSA.score(model: model, brain: brain, options: TSRSAOptions(zeroVariance: .dropFrame))
        #expect(dropped.best.frameCount == 10 && !dropped.score.isNaN)
        #expect(dropped.zeroVarianceModelFrames == [7] && dropped.zeroVarianceBrainFrames.isEmpty)
        // Dropping equals removing the frame by hand.
        let keep = (0..<12).filter { $0 != 7 }
        let byHand = try TSRSA.score(model: NDArray(rowArrays: keep.map { model.row($0) }),
                                     brain: NDArray(rowArrays: keep.map { brain.row($0) }))
        #expect(abs(byHand.score - dropped.score) < 1e-12)
        let propagated = try TSRSA.score(model: model, brain: brain, options: TSRSAOptions(zeroVariance: .propagate))
        #expect(propagated.score.isNaN && propagated.zeroVarianceModelFrames == [7])
        // A constant frame 0 is dropped with the first frame and is harmless.
        var first = gaussian(12, 6, seed: 7)
        for j in 0..<6 { first[0, j] = 3 }
        #expect(!(try TSRSA.score(model: first, brain: brain).score.isNaN))
        #expect(throws: SimilarityError.zeroVarianceRow(operand: .first, row: 7)) {
            try RDM(responses: model, distance: .correlation)
        }
        #expect(throws: SimilarityError.zeroNormRow(operand: .first, row: 7)) {
            try RDM(responses: model, distance: .cosine)
        }
    }

    @Test("constant vectors and degenerate representations throw instead of returning NaN")
    func degenerate() {
        #expect(throws: SimilarityError.constantInput(operand: .first)) {
            try RDMComparison.spearman(ties: .average).compare([2, 2, 2, 2], [1, 2, 3, 4])
        }
        #expect(throws: SimilarityError.constantInput(operand: .second)) {
            try RDMComparison.kendallTauB.compare([1, 2, 3, 4], [5, 5, 5, 5])
        }
        let constantRows = NDArray<Double>(shape: [6, 3]) { $0 % 3 == 0 ? 1 : 2 }   // every row equal
        #expect(throws: SimilarityError.degenerateRepresentation(operand: .first, selfSimilarity: 0)) {
            try CKA.score(constantRows, gaussian(6, 3, seed: 1), space: .gram)
        }
        #expect(throws: SimilarityError.self) {
            try CKA.score(gaussian(6, 3, seed: 1), constantRows, kernel: .rbf(threshold: 1))
        }
    }

    @Test("a zero-variance row carries a typed hint naming ZeroVariancePolicy's other cases; its description stays one line without it")
    func zeroVarianceHint() {
        let error = SimilarityError.zeroVarianceRow(operand: .first, row: 7)
        #expect(error.hint == .option(name: "ZeroVariancePolicy", values: ["dropFrame", "propagate"]))
        #expect(error.description == "first (model) input: row (frame) 7 has zero variance")
        #expect(error.hintedDescription
                == "first (model) input: row (frame) 7 has zero variance (choose ZeroVariancePolicy.dropFrame or .propagate)")
        #expect(SimilarityError.zeroNormRow(operand: .second, row: 1).hint == nil)
        #expect(SimilarityError.tooFewRows(found: 2, minimum: 3).hintedDescription == "2 rows (frames) remain, at least 3 needed")
    }
}
