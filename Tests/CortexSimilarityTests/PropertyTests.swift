import CortexNumerics
import Foundation
import Testing
@testable import CortexSimilarity

@Suite("Properties of RDMs, comparisons, TSRSA and CKA")
struct PropertyTests {
    @Test("an RDM is symmetric with zero diagonal and its upper triangle round-trips", arguments: [
        RDMDistance.correlation, .euclidean, .squaredEuclideanPerChannel, .cosine,
    ])
    func rdmSymmetric(distance: RDMDistance) throws {
        let rdm = try RDM(responses: gaussian(9, 5, seed: 3), distance: distance)
        let full = rdm.matrix()
        for i in 0..<9 {
            #expect(full[i, i] == 0 && rdm[i, i] == 0)
            for j in 0..<9 { #expect(full[i, j] == full[j, i] && rdm[i, j] == full[i, j]) }
        }
        #expect(RDM(matrix: full) == rdm)
        #expect(rdm.dissimilarities.allSatisfy { $0 >= 0 })
        #expect(rdm[0, 1] == rdm.dissimilarities[0] && rdm[1, 2] == rdm.dissimilarities[8])
    }

    @Test("the Gram-based RDM equals the pairwise-loop reference", arguments: [
        RDMDistance.correlation, .euclidean, .squaredEuclideanPerChannel, .cosine,
    ])
    func rdmMatchesReference(distance: RDMDistance) throws {
        // Large offset: centring before the product must avoid cancellation.
        let x = gaussian(12, 300, seed: 11).map { $0 + 1000 }
        let fast = try RDM(responses: x, distance: distance)
        let slow = RDM.reference(x, distance: distance)
        let scale = slow.dissimilarities.map(abs).max()!
        #expect(maxAbsDifference(fast.dissimilarities, slow.dissimilarities) <= 1e-9 * max(1, scale), "\(distance)")
    }

    @Test("compare(r, r) = 1 for every comparison", arguments: [
        RDMComparison.spearman(ties: .average), .spearman(ties: .ordinal), .pearson, .kendallTauA, .kendallTauB, .cosine,
    ])
    func selfComparison(comparison: RDMComparison) throws {
        let rdm = try RDM(responses: gaussian(15, 6, seed: 5), distance: .correlation)
        #expect(abs(try comparison.compare(rdm, rdm) - 1) < 1e-12)
        // ρ_a of a tie-free vector with itself is 1 as well.
        #expect(abs(try RDMComparison.rhoA.compare(rdm, rdm) - 1) < 1e-12)
    }

    @Test("Knight's O(n log n) Kendall counts equal the O(n²) pair classification, with heavy ties")
    func kendallMatchesBruteForce() throws {
        var rng = SplittableRandom(seed: 9)
        for trial in 0..<6 {
            let n = [2, 3, 17, 200, 513, 700][trial]
            let levels = [2, 3, 5, 1000, 7, 40][trial]
            let x = (0..<n).map { _ in Double(rng.uniformInt(below: levels)) }
            let y = (0..<n).map { _ in Double(rng.uniformInt(below: levels + 1)) - 0.5 * Double(trial) }
            #expect(try KendallTau.counts(x, y) == KendallTau.referenceCounts(x, y), "n = \(n)")
        }
    }

    @Test("fast Spearman (radix ranks, one pass) equals the naive O(n²) ranking", arguments: [TiePolicy.average, .ordinal])
    func spearmanMatchesNaive(ties: TiePolicy) throws {
        var rng = SplittableRandom(seed: 21)
        let x = (0..<600).map { _ in Double(rng.uniformInt(below: 30)) }
        let y = (0..<600).map { i in x[i] + Double(rng.uniformInt(below: 20)) }
        let fast = try VectorCorrelation.spearman(x, y, ties: ties)
        #expect(abs(fast - VectorCorrelation.referenceSpearman(x, y, ties: ties)) < 1e-12)
    }

    @Test("CKA(X, X) = 1 for every kernel and estimator")
    func ckaSelf() throws {
        let x = gaussian(20, 7, seed: 8)
        for kernel in [CKAKernel.linear, .rbf(threshold: 1), .rbf(threshold: 0.3)] {
            for estimator in HSICEstimator.allCases {
                #expect(abs(try CKA.score(x, x, kernel: kernel, estimator: estimator) - 1) < 1e-12, "\(kernel) \(estimator)")
            }
        }
    }

    @Test("CKA is invariant to orthogonal rotation and isotropic scaling of either side")
    func ckaInvariance() throws {
        let x = gaussian(25, 6, seed: 12)
        let y = LinearAlgebra.matmul(x, gaussian(6, 9, seed: 13)).map { tanh($0) }
        let q = try randomOrthogonal(9, seed: 14)
        let rotated = LinearAlgebra.matmul(y, q).map { 3.7 * $0 }
        let xScaled = x.map { -0.02 * $0 + 5 }   // scaling plus a shift (removed by centring)
        for kernel in [CKAKernel.linear, .rbf(threshold: 1)] {
            for estimator in HSICEstimator.allCases {
                let base = try CKA.score(x, y, kernel: kernel, estimator: estimator)
                #expect(base < 0.999)
                #expect(abs(try CKA.score(x, rotated, kernel: kernel, estimator: estimator) - base) < 1e-10)
                #expect(abs(try CKA.score(xScaled, y, kernel: kernel, estimator: estimator) - base) < 1e-10)
            }
        }
        // A non-orthogonal, non-isotropic map changes the score (the test can fail).
        let stretched = y.map { $0 } .enumeratedScale { j in j == 0 ? 25.0 : 1.0 }
        #expect(abs(try CKA.score(x, stretched) - (try CKA.score(x, y))) > 1e-3)
    }

    @Test("TSRSA is invariant to per-frame affine changes (row scale and shift) on either side")
    func tsrsaAffineInvariance() throws {
        let model = gaussian(30, 20, seed: 31)
        let brain = LinearAlgebra.matmul(model, gaussian(20, 15, seed: 32)).map { $0 + 0 }
        let base = try TSRSA.score(model: model, brain: brain).score
        var rng = SplittableRandom(seed: 33)
        let scales = (0..<30).map { _ in rng.uniformDouble(in: 0.1..<10) }
        let shifts = (0..<30).map { _ in rng.uniformDouble(in: -50..<50) }
        let affine = NDArray<Double>(shape: [30, 15]) { k in brain.scalars[k] * scales[k / 15] + shifts[k / 15] }
        for comparison in [RDMComparison.spearman(ties: .ordinal), .spearman(ties: .average), .pearson] {
            let options = TSRSAOptions(comparison: comparison)
            let reference = try TSRSA.score(model: model, brain: brain, options: options).score
            #expect(abs(try TSRSA.score(model: model, brain: affine, options: options).score - reference) < 1e-9)
        }
        // A per-unit (column) scaling is not an allowed change: the score moves.
        let columnScaled = NDArray<Double>(shape: [30, 15]) { k in brain.scalars[k] * Double(1 + (k % 15) * (k % 15)) }
        #expect(abs(try TSRSA.score(model: model, brain: columnScaled).score - base) > 1e-3)
    }

    @Test("planted structure: a shared latent scores higher than an unrelated brain (TSRSA, CKA, RSA)")
    func plantedStructure() throws {
        let latent = gaussian(60, 4, seed: 41)
        let model = LinearAlgebra.matmul(latent, gaussian(4, 50, seed: 42)) .adding(gaussian(60, 50, seed: 43), scale: 0.5)
        let related = LinearAlgebra.matmul(latent, gaussian(4, 30, seed: 44)).adding(gaussian(60, 30, seed: 45), scale: 0.5)
        let unrelated = gaussian(60, 30, seed: 46)
        let tsrsaRelated = try TSRSA.score(model: model, brain: related).score
        let tsrsaUnrelated = try TSRSA.score(model: model, brain: unrelated).score
        #expect(tsrsaRelated > 0.3 && abs(tsrsaUnrelated) < 0.15 && tsrsaRelated > tsrsaUnrelated + 0.2)
        #expect(try CKA.score(model, related) > (try CKA.score(model, unrelated)) + 0.2)
        #expect(try CKA.score(model, related, estimator: .unbiased) > (try CKA.score(model, unrelated, estimator: .unbiased)) + 0.2)
    }

    @Test("lag recovery: a brain that is the model delayed by 2 frames has its best lag at 2")
    func lagRecovery() throws {
        let frames = 50
        let source = gaussian(frames + 2, 40, seed: 51)
        let model = source.rows(2..<(frames + 2))
        // brain frame t + 2 = model frame t, plus noise.
        let brain = source.rows(0..<frames).adding(gaussian(frames, 40, seed: 52), scale: 0.3)
        let result = try TSRSA.score(model: model, brain: brain, options: TSRSAOptions(lags: -4...4))
        #expect(result.lagScores.map(\.lag) == Array(-4...4))
        // Brain frame t + 2 = source[t + 2] = model frame t: lag 2.
        #expect(result.best.lag == 2)
        #expect(result.best.score > 0.5)
        let exact = try TSRSA.score(model: model, brain: source.rows(0..<frames), options: TSRSAOptions(lags: -4...4))
        #expect(exact.best.lag == 2 && abs(exact.best.score - 1) < 1e-12)
        #expect(exact.best.frameCount == frames - 1 - 2)
        #expect(exact.lagScores.filter { $0.lag != 2 }.allSatisfy { $0.score < 0.5 })
    }
}

extension NDArray where Scalar == Double {
    /// self + scale · other.
    func adding(_ other: NDArray<Double>, scale: Double) -> NDArray<Double> {
        NDArray(shape: shape) { scalars[$0] + scale * other.scalars[$0] }
    }
}
