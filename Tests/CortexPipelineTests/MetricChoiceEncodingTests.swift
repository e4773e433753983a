import CortexNumerics
import CortexSimilarity
import Foundation
import Testing
@testable import CortexPipeline

/// The JSON of a metric choice goes into results.json (`metric_options`) and, through
/// ``MetricEntry/id``, into every batch job key: it must not change when the types behind it do.
/// The expected strings were printed by CortexKit before `MetricChoice` used CortexSimilarity's
/// enums (commit ed76169, its own `Ties`/`Comparison`/`ZeroVariance`/`Distance` mirrors). Issue 13
/// added `"framePolicy"` to every metric but TSRSA (they drop frame 0 since, so their job keys
/// changed on purpose); TSRSA's keys are unchanged.
@Suite("Metric choice encoding (pinned)")
struct MetricChoiceEncodingTests {
    static var pinned: [(choice: MetricChoice, id: String, label: String)] {
        var pearson = MetricChoice(.tsrsa)
        pearson.comparison = .pearson
        pearson.lags = -3...3
        pearson.zeroVariance = .dropFrame
        pearson.dropFirstFrame = false
        var rsa = MetricChoice(.rsa)
        rsa.distance = .squaredEuclideanPerChannel
        rsa.comparison = .kendallTauB
        var rbf = MetricChoice(.ckaRBF)
        rbf.rbfThreshold = 0.5
        var ridge = MetricChoice(.ridge)
        ridge.ridgeAlpha = 10
        ridge.ridgeFolds = 3
        var averageTies = MetricChoice(.tsrsa)
        averageTies.ties = .average
        averageTies.zeroVariance = .propagate
        return [
            (.studyTSRSA, #"builtin:{"comparison":"spearman","distance":"correlation","dropFirstFrame":true,"kind":"tsrsa","lags":[0,0],"rbfThreshold":1,"ridgeAlpha":1,"ridgeFolds":5,"ties":"ordinal","zeroVariance":"error"}"#,
             "tsrsa (spearman, ordinal ties, first frame dropped)"),
            (MetricChoice(.rsa), #"builtin:{"comparison":"spearman","distance":"correlation","dropFirstFrame":true,"framePolicy":"drop-first-frame","kind":"rsa","lags":[0,0],"rbfThreshold":1,"ridgeAlpha":1,"ridgeFolds":5,"ties":"average","zeroVariance":"error"}"#,
             "rsa (correlation RDM, spearman)"),
            (pearson, #"builtin:{"comparison":"pearson","distance":"correlation","dropFirstFrame":false,"kind":"tsrsa","lags":[-3,3],"rbfThreshold":1,"ridgeAlpha":1,"ridgeFolds":5,"ties":"ordinal","zeroVariance":"drop-frame"}"#,
             "tsrsa (pearson, ordinal ties, all frames, lags -3…3)"),
            (rsa, #"builtin:{"comparison":"kendall-tau-b","distance":"sqeuclidean-per-channel","dropFirstFrame":true,"framePolicy":"drop-first-frame","kind":"rsa","lags":[0,0],"rbfThreshold":1,"ridgeAlpha":1,"ridgeFolds":5,"ties":"average","zeroVariance":"error"}"#,
             "rsa (sqeuclidean-per-channel RDM, kendall-tau-b)"),
            (rbf, #"builtin:{"comparison":"spearman","distance":"correlation","dropFirstFrame":true,"framePolicy":"drop-first-frame","kind":"cka-rbf","lags":[0,0],"rbfThreshold":0.5,"ridgeAlpha":1,"ridgeFolds":5,"ties":"ordinal","zeroVariance":"error"}"#,
             "cka-rbf (threshold 0.5)"),
            (ridge, #"builtin:{"comparison":"spearman","distance":"correlation","dropFirstFrame":true,"framePolicy":"drop-first-frame","kind":"ridge","lags":[0,0],"rbfThreshold":1,"ridgeAlpha":10,"ridgeFolds":3,"ties":"ordinal","zeroVariance":"error"}"#,
             "ridge (α = 10.0, 3-fold)"),
            (averageTies, #"builtin:{"comparison":"spearman","distance":"correlation","dropFirstFrame":true,"kind":"tsrsa","lags":[0,0],"rbfThreshold":1,"ridgeAlpha":1,"ridgeFolds":5,"ties":"average","zeroVariance":"propagate"}"#,
             "tsrsa (spearman, average ties, first frame dropped)"),
        ]
    }

    @Test("a choice's JSON (metric_options, job keys) and label are byte-identical to before", arguments: 0..<7)
    func pinnedJSON(_ index: Int) {
        let (choice, id, label) = Self.pinned[index]
        #expect(choice.entry.id == id)
        #expect(choice.description == label)
    }

    @Test("a choice decodes from its JSON to the same choice and metric options", arguments: 0..<7)
    func roundTrip(_ index: Int) throws {
        let (choice, id, _) = Self.pinned[index]
        let decoded = try JSONDecoder().decode(MetricChoice.self, from: Data(id.dropFirst("builtin:".count).utf8))
        #expect(decoded == choice)
        #expect(decoded.tsrsaOptions == choice.tsrsaOptions)
    }

    @Test("the option enums are CortexSimilarity's own, spelled as on the command line")
    func spellings() {
        #expect(ZeroVariancePolicy.allCases.map(\.rawValue) == ["error", "drop-frame", "propagate"])
        #expect(RDMDistance.allCases.map(\.rawValue) == ["correlation", "euclidean", "sqeuclidean-per-channel", "cosine", "spearman"])
        #expect(TiePolicy.allCases.map(\.rawValue) == ["average", "ordinal"])
        #expect(RDMComparison.spellings.map { RDMComparison(spelling: $0, ties: .ordinal)?.spelling } == RDMComparison.spellings)
        #expect(RDMComparison(spelling: "spearman", ties: .average) == .spearman(ties: .average))
        #expect(RDMComparison(spelling: "kendall", ties: .average) == nil)
        var choice = MetricChoice(.tsrsa)
        choice.ties = .average
        #expect(choice.comparison == .spearman(ties: .average) && choice.tsrsaOptions.comparison == .spearman(ties: .average))
    }

    @Test("options written before the frame policy decode as what was computed: all frames for non-TSRSA metrics")
    func legacyFramePolicy() throws {
        let old = #"{"comparison":"spearman","distance":"correlation","dropFirstFrame":true,"kind":"cka-linear","lags":[0,0],"rbfThreshold":1,"ridgeAlpha":1,"ridgeFolds":5,"ties":"ordinal","zeroVariance":"error"}"#
        let decoded = try JSONDecoder().decode(MetricChoice.self, from: Data(old.utf8))
        #expect(decoded.framePolicy == .allFrames)
        #expect(decoded.description == "cka-linear (all frames)")
        let tsrsa = try JSONDecoder().decode(MetricChoice.self, from: Data(Self.pinned[0].id.dropFirst("builtin:".count).utf8))
        #expect(tsrsa.framePolicy == .dropFirstFrame)
    }

    @Test("ridge-study records its PCA dimensions; other kinds keep their keys")
    func ridgeStudyKeys() throws {
        var study = MetricChoice(.ridgeStudy)
        study.pcaDims = 20
        #expect(study.entry.id == #"builtin:{"comparison":"spearman","distance":"correlation","dropFirstFrame":true,"framePolicy":"drop-first-frame","kind":"ridge-study","lags":[0,0],"pcaDims":20,"rbfThreshold":1,"ridgeAlpha":1,"ridgeFolds":5,"ties":"ordinal","zeroVariance":"error"}"#)
        #expect(study.description == "ridge-study (PCA 20, α = 1.0, in-sample R²)")
        let decoded = try JSONDecoder().decode(MetricChoice.self, from: Data(study.entry.id.dropFirst("builtin:".count).utf8))
        #expect(decoded == study)
    }

    @Test("results files write the options in snake_case (like every other results key); both spellings decode")
    func snakeCaseInResults() throws {
        var study = MetricChoice(.ridgeStudy)
        study.pcaDims = 20
        study.zeroVariance = .dropFrame
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.userInfo[MetricChoice.snakeCaseKeys] = true
        let snake = String(decoding: try encoder.encode(study), as: UTF8.self)
        #expect(snake == #"{"comparison":"spearman","distance":"correlation","drop_first_frame":true,"frame_policy":"drop-first-frame","kind":"ridge-study","lags":[0,0],"pca_dims":20,"rbf_threshold":1,"ridge_alpha":1,"ridge_folds":5,"ties":"ordinal","zero_variance":"drop-frame"}"#)
        #expect(try JSONDecoder().decode(MetricChoice.self, from: Data(snake.utf8)) == study)
        // The job key is unchanged by the results spelling.
        #expect(study.entry.id.contains(#""dropFirstFrame":true"#))
        for (choice, _, _) in Self.pinned {
            #expect(try JSONDecoder().decode(MetricChoice.self, from: try encoder.encode(choice)) == choice)
        }
    }
}
