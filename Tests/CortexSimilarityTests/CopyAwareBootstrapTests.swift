import CortexNumerics
import Foundation
import Testing
@testable import CortexSimilarity

/// scripts/reference/copy_aware_bootstrap_reference.py → Fixtures/copy_aware_bootstrap.json.
struct CopyAwareBootstrapReference: Decodable {
    let x, y: [[Double]]
    let resamples: [[Int]]
    let rbfThreshold: Double
    let ckaLinear, ckaDebiased, ckaRBF, rsa: [Double]

    static func load() throws -> CopyAwareBootstrapReference {
        try JSONDecoder().decode(CopyAwareBootstrapReference.self,
                                 from: Data(contentsOf: Fixtures.directory.appendingPathComponent("copy_aware_bootstrap.json")))
    }

    static func matrix(_ rows: [[Double]]) -> NDArray<Double> {
        NDArray(shape: [rows.count, rows[0].count], scalars: rows.flatMap { $0 })
    }
}

@Suite("Copy-aware frame bootstrap (CKA, RSA)")
struct CopyAwareBootstrapTests {
    @Test("CKA (linear, RBF, debiased) and RSA on resamples with copies equal the numpy/scipy reference")
    func reference() throws {
        let r = try CopyAwareBootstrapReference.load()
        let (x, y) = (CopyAwareBootstrapReference.matrix(r.x), CopyAwareBootstrapReference.matrix(r.y))
        let ckas: [(CKAMetric, [Double])] = [
            (CKAMetric(kernel: .linear, estimator: .biased), r.ckaLinear),
            (CKAMetric(kernel: .rbf(threshold: r.rbfThreshold), estimator: .biased), r.ckaRBF),
            (CKAMetric(kernel: .linear, estimator: .unbiased), r.ckaDebiased),
        ]
        for (metric, expected) in ckas {
            let (k, l) = (try metric.prepare(x), try metric.prepare(y))
            for (frames, value) in zip(r.resamples, expected) {
                let score = try Bootstrap.ckaScore(kernelX: k, kernelY: l, frames: frames, estimator: metric.estimator)
                #expect(abs(score - value) < 1e-12, "\(metric.name) \(frames): \(score) vs \(value)")
            }
        }
        let rsa = RSAMetric(distance: .correlation, comparison: .spearman(ties: .average))
        let (ra, rb) = (try rsa.prepare(x), try rsa.prepare(y))
        for (frames, value) in zip(r.resamples, r.rsa) {
            let score = try Bootstrap.rsaScore(model: ra, brain: rb, frames: frames, comparison: rsa.comparison)
            #expect(abs(score - value) < 1e-12, "RSA \(frames): \(score) vs \(value)")
        }
    }

    @Test("With every frame drawn once, in order, the copy-aware score is the full-data score (bit for bit)")
    func identityResample() throws {
        let (x, y) = (planted(frames: 30, units: 12, noise: 1, seed: 11), planted(frames: 30, units: 9, noise: 2, seed: 11))
        let all = Array(0..<30)
        for metric in [CKAMetric(), CKAMetric(kernel: .rbf(threshold: 1)), CKAMetric(estimator: .unbiased)] {
            let score = try Bootstrap.ckaScore(kernelX: try metric.prepare(x), kernelY: try metric.prepare(y), frames: all,
                                               estimator: metric.estimator)
            #expect(score == (try metric.score(x, y)), "\(metric.name)")
        }
        let rsa = RSAMetric()
        #expect(try Bootstrap.rsaScore(model: try rsa.prepare(x), brain: try rsa.prepare(y), frames: all, comparison: rsa.comparison)
            == (try rsa.score(x, y)))
    }

    @Test("Linear-kernel CKA: without copies the reindexed score equals CKA of the selected rows; a copied frame changes only the left-out pairs")
    func reindexingIsSelection() throws {
        let (x, y) = (planted(frames: 25, units: 8, noise: 1, seed: 3), planted(frames: 25, units: 6, noise: 1, seed: 3))
        let metric = CKAMetric()
        let (k, l) = (try metric.prepare(x), try metric.prepare(y))
        let rows = [7, 2, 19, 4, 11, 0, 23, 15, 8, 16]
        let direct = try CKA.score(x.selectingRows(rows), y.selectingRows(rows), space: .gram)
        #expect(abs(try Bootstrap.ckaScore(kernelX: k, kernelY: l, frames: rows, estimator: .biased) - direct) < 1e-12)
        // A plain resample with a duplicated frame counts the copy pair; the copy-aware one does not.
        let copied = rows + [7]
        let plain = try CKA.score(x.selectingRows(copied), y.selectingRows(copied), space: .gram)
        let aware = try Bootstrap.ckaScore(kernelX: k, kernelY: l, frames: copied, estimator: .biased)
        #expect(plain != aware)
    }

    @Test("CKA (linear, RBF, debiased) and RSA: BCa intervals over blocks of frames contain their estimate (4 planted data sets)")
    func containsEstimate() throws {
        let metrics: [any SimilarityMetric] = [CKAMetric(), CKAMetric(kernel: .rbf(threshold: 1)), CKAMetric(estimator: .unbiased),
                                               RSAMetric()]
        for seed in UInt64(1)...4 {
            let model = planted(frames: 60, units: 40, noise: 1, seed: seed)
            let brain = planted(frames: 60, units: 25, noise: 3, seed: seed)
            for metric in metrics {
                let ci = try Bootstrap.confidenceInterval(metric: metric, model, brain, scheme: .frames(blockLength: 6),
                                                          resamples: 60, method: .bca, seed: seed)
                #expect(ci.containsEstimate, "\(metric.name) seed \(seed): \(ci.lower) ≤ \(ci.estimate) ≤ \(ci.upper)")
            }
        }
    }
}
