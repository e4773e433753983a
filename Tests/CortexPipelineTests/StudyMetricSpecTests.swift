import Foundation
import Testing
import CortexNumerics
import CortexSimilarity
@testable import CortexPipeline

/// Issue 13's spec keys and metric choices: ridge-study with pca-dims, rdm for TSRSA, the frame
/// policy of every metric.
@Suite("Batch specs and metric choices: the study's metrics")
struct StudyMetricSpecTests {
    func parse(_ yaml: String) throws -> BatchSpec {
        try BatchSpec(yaml: yaml, file: "spec.yaml", directory: URL(fileURLWithPath: "/data/study"))
    }

    @Test("ridge-study with pca-dims and ridge-alpha, tsrsa with rdm spearman, drop-first-frame false parse into the choice")
    func specKeys() throws {
        let spec = try parse("""
            responses: [r.h5]
            models:
              - name: sew
                features: f/sew.h5
            metrics:
              - kind: ridge-study
                pca-dims: 20
                ridge-alpha: 2
              - kind: tsrsa
                rdm: spearman
              - kind: cka-linear
                drop-first-frame: false
            """)
        #expect(spec.metrics[0].kind == .ridgeStudy && spec.metrics[0].pcaDims == 20 && spec.metrics[0].ridgeAlpha == 2)
        #expect(spec.metrics[1].tsrsaOptions.distance == .spearman)
        #expect(spec.metrics[1].description == "tsrsa (spearman frame RDM, spearman, ordinal ties, first frame dropped)")
        #expect(spec.metrics[2].framePolicy == .allFrames)
        #expect(spec.metrics[0].metric() is FramePolicyMetric<RidgeStudyMetric>)
        #expect(spec.metrics[2].metric() is CKAMetric)
        #expect(spec.metrics[1].metric() is TSRSAMetric)
    }

    @Test("pca-dims out of range is an error naming the key and the allowed range")
    func badPCADims() throws {
        #expect(throws: (any Error).self) {
            _ = try parse("""
                responses: [r.h5]
                models:
                  - name: sew
                    features: f/sew.h5
                metrics:
                  - kind: ridge-study
                    pca-dims: 0
                """)
        }
        #expect(throws: OptionLimits.Violation.self) {
            var choice = MetricChoice(.ridgeStudy)
            choice.pcaDims = 200_000
            try OptionLimits.validate(choice)
        }
    }

    @Test("every built-in metric but TSRSA drops frame 0 through the frame policy, and streams where its base does")
    func framePolicyOfChoices() throws {
        var rng = SplittableRandom(seed: 8)
        let x = NDArray<Double>.normal(shape: [25, 6], using: &rng), y = NDArray<Double>.normal(shape: [25, 4], using: &rng)
        for kind in MetricChoice.Kind.allCases where kind != .tsrsa {
            let metric = MetricChoice(kind).metric()
            #expect(metric.comparedFrames(rows: 25) == 24, "\(kind)")
            let base = MetricChoice(kind).baseMetric()
            // Same inputs; BLAS may block a product differently from run to run, hence the tolerance.
            #expect(abs(try metric.score(x, y) - (try base.score(x.rows(1..<25), y.rows(1..<25)))) < 1e-12, "\(kind)")
            let streams = base is any StreamableSimilarityMetric
            #expect((metric is any StreamableSimilarityMetric) == streams, "\(kind)")
        }
        #expect(MetricChoice(.tsrsa).metric().comparedFrames(rows: 25) == 24)
    }
}
