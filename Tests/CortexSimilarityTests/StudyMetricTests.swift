import CortexNumerics
import Foundation
import Testing
@testable import CortexSimilarity

/// The study's regression, SVCCA/PWCCA with capped dimensions, the shuffled-frames control and
/// the frame policy, against `scripts/reference/metrics_reference.py`.
@Suite("Study regression, capped CCA, controls and the frame policy")
struct StudyMetricTests {
    @Test("ridge-study equals scikit-learn PCA(40) + Ridge(α = 1) in-sample mean R², with and without PCA, frame 0 dropped or not")
    func ridgeStudy() throws {
        let cases = try MetricsFixtures.reference().ridgeStudy
        #expect(cases.count == 3)
        for item in cases {
            let (x, y) = (matrix(item.model), matrix(item.brain))
            let result = try RidgeStudy.score(model: x, brain: y, pcaDimensions: item.pcaDims)
            #expect(abs(result.score - item.full) < 1e-9, "\(item.name): \(result.score) vs \(item.full)")
            #expect(abs(result.score - item.studyDefaultSolver) < 1e-9, "\(item.name): the study's own PCA call")
            let dropped = FramePolicyMetric(RidgeStudyMetric(pcaDimensions: item.pcaDims), policy: .dropFirstFrame)
            #expect(abs(try dropped.score(x, y) - item.firstFrameDropped) < 1e-9, "\(item.name)")
            // In-sample: never below the cross-validated ridge on the same data.
            let cv = try RidgePredictivity.score(model: x, brain: y, alpha: 1, evaluation: .crossValidated(folds: 5)).score
            #expect(result.score > cv * cv, "\(item.name)")
        }
    }

    @Test("SVCCA and PWCCA cap k_x + k_y at (n − 1)/2 as the numpy re-implementation; the warning names the cap")
    func cappedCCA() throws {
        let cases = try MetricsFixtures.reference().cca
        for item in cases {
            let (x, y) = (matrix(item.x), matrix(item.y))
            let s = try SVCCA.analysis(x, y, dimensions: .varianceFraction(0.99), cap: .halfOfFrames)
            #expect((s.kx, s.ky, s.uncappedKx, s.uncappedKy, s.frames) == (item.kx, item.ky, item.uncappedKx, item.uncappedKy, item.n),
                    "\(item.name)")
            #expect(abs(s.score - item.svcca) < 1e-10, "\(item.name): \(s.score) vs \(item.svcca)")
            #expect(zip(s.canonicalCorrelations, item.canonical).allSatisfy { abs($0 - $1) < 1e-10 })
            let p = try PWCCA.analysis(x, y, dimensions: .varianceFraction(0.99), cap: .halfOfFrames)
            #expect(abs(p.score - item.pwcca) < 1e-10, "\(item.name): \(p.score) vs \(item.pwcca)")
            #expect((s.warning != nil) == (item.kx != item.uncappedKx || item.ky != item.uncappedKy))
            #expect(s.kx + s.ky <= (item.n - 1) / 2 || !s.capBinds)
            // The metrics use the cap by default.
            #expect(abs(try SVCCAMetric().score(x, y) - item.svcca) < 1e-10)
            #expect(abs(try PWCCAMetric().score(x, y) - item.pwcca) < 1e-10)
            // Without the cap, correlations tie at 1 whenever k_x + k_y > n − 1.
            let uncapped = try SVCCA.analysis(x, y, dimensions: .varianceFraction(0.99), cap: .none)
            #expect(uncapped.unitCorrelations == item.uncappedUnitCorrelations, "\(item.name)")
            if item.uncappedUnitCorrelations > 0 { #expect(uncapped.warning?.contains("canonical correlations are 1") == true) }
        }
        #expect(try MetricsFixtures.reference().cca[0].uncappedUnitCorrelations > 0)
    }

    @Test("the cap rule: within the cap unchanged, else shrunk in proportion to at most ⌊(n − 1)/2⌋, each side ≥ 1")
    func capRule() {
        #expect(CCADimensionCap.halfOfFrames.apply(5, 4, frames: 60) == (5, 4))
        #expect(CCADimensionCap.halfOfFrames.apply(21, 18, frames: 30) == (7, 7))
        #expect(CCADimensionCap.none.apply(21, 18, frames: 30) == (21, 18))
        for n in 5...80 {
            for (kx, ky) in [(1, 40), (40, 1), (30, 30), (3, 2)] {
                let (x, y) = CCADimensionCap.halfOfFrames.apply(kx, ky, frames: n)
                #expect(x >= 1 && y >= 1 && x <= kx && y <= ky && x + y <= max(2, (n - 1) / 2))
            }
        }
    }

    @Test("the shuffled-frames control is the metric on A with its compared frames permuted; frame 0 stays put; shared structure scores above it")
    func shuffledControl() throws {
        let shared = gaussian(50, 3, seed: 21)
        let a = LinearAlgebra.matmul(shared, gaussian(3, 20, seed: 22))
        let b = LinearAlgebra.matmul(shared, gaussian(3, 15, seed: 23))
        let metric = FramePolicyMetric(CKAMetric(), policy: .dropFirstFrame)
        let order = ShuffledFramesControl.order(rows: 50, compared: metric.comparedFrames(rows: 50), seed: 9)
        #expect(order[0] == 0 && Set(order) == Set(0..<50) && order != Array(0..<50))
        let control = try ShuffledFramesControl.score(metric: metric, a, b, seed: 9)
        #expect(control == (try metric.score(a.selectingRows(order), b)))
        #expect(try metric.score(a, b) > control + 0.3)
        #expect(control == (try ShuffledFramesControl.score(metric: metric, a, b, seed: 9)))
    }

    @Test("the frame policy drops row 0 in memory and streamed alike, and reports the compared frames")
    func framePolicy() throws {
        let x = gaussian(20, 7, seed: 31), y = gaussian(20, 5, seed: 32)
        for policy in FramePolicy.allCases {
            let metric = FramePolicyMetric(CKAMetric(), policy: policy)
            let kept = policy == .dropFirstFrame ? 1..<20 : 0..<20
            #expect(try metric.score(x, y) == (try CKAMetric().score(x.rows(kept), y.rows(kept))))
            let streamed = try metric.score(prepared: try metric.prepare(source: x.map(Float.init)), try metric.prepare(y))
            #expect(abs(streamed - (try metric.score(x, y))) < 1e-6)
            #expect(metric.comparedFrames(rows: 20) == kept.count)
            let rsa = FramePolicyMetric(RSAMetric(distance: .euclidean), policy: policy)
            #expect(try rsa.prepare(source: x) == (try rsa.prepare(x)))
        }
        #expect(FramePolicy.allCases.map(\.rawValue) == ["drop-first-frame", "all-frames"])
    }
}
