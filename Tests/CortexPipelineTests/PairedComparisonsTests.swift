import CortexNumerics
import CortexSimilarity
import Foundation
import Testing
@testable import CortexPipeline

/// ``PairedComparisons``: every pair of models, per area and on the mean over areas, from the
/// pairing samples results carry; p adjusted per family (area rows; mean rows).
@Suite("paired model comparisons from pairing samples")
struct PairedComparisonsTests {
    /// A one-layer model with the given best scores, bootstrap replicates and block scores per area.
    func model(_ name: String, areas: [String], scores: [Double], replicates: [[Double]], blocks: [[Double]]) -> CompareResult.Model {
        let table = ModelScores(model: name, source: "\(name).h5", layers: [FeatureFile.Layer(name: "l", depth: 0, unitShape: [1])],
                                areas: areas, scores: [scores])
        var m = CompareResult.Model(scores: table, sources: [])
        m.pairing = areas.indices.map { AreaPairingSamples(area: areas[$0], layer: "l", bootstrap: replicates[$0], blocks: blocks[$0]) }
        return m
    }

    @Test("three models: three pairs × (areas + mean); mean rows average the areas first; Holm per family")
    func rows() throws {
        let areas = ["VISp", "VISl"]
        var rng = SplittableRandom(seed: 4)
        func noise(_ n: Int, _ scale: Double) -> [Double] { (0..<n).map { _ in (rng.uniformDouble() - 0.5) * scale } }
        let models = (0..<3).map { i in
            model("m\(i)", areas: areas, scores: [0.3 + 0.05 * Double(i), 0.2],
                  replicates: areas.map { _ in noise(30, 0.1).map { $0 + 0.3 } }, blocks: areas.map { _ in noise(6, 0.2) })
        }
        let options = StatisticsOptions(permutations: 9, bootstrap: 30)
        let rows = try #require(PairedComparisons.rows(models: models, options: options))
        #expect(rows.count == 3 * 3)
        let areaRows = rows.filter { $0.area != nil }, meanRows = rows.filter { $0.area == nil }
        #expect(areaRows.count == 6 && meanRows.count == 3)
        let areaP: [Double?] = areaRows.map { $0.pValue }, meanP: [Double?] = meanRows.map { $0.pValue }
        #expect(areaRows.map { $0.pAdjusted } == MultipleComparisonCorrection.holm.adjusted(areaP))
        #expect(meanRows.map { $0.pAdjusted } == MultipleComparisonCorrection.holm.adjusted(meanP))
        // The mean row of m0 vs m1 is the paired difference of the area-averaged sides.
        let (a, b) = (models[0].pairing!, models[1].pairing!)
        func averaged(_ s: [AreaPairingSamples], _ key: KeyPath<AreaPairingSamples, [Double?]>) -> [Double] {
            (0..<s[0][keyPath: key].count).map { k in s.reduce(0) { $0 + $1[keyPath: key][k]! } / 2 }
        }
        let expected = PairedDifference.compute(
            first: .init(score: 0.25, replicates: averaged(a, \.bootstrap), blockScores: averaged(a, \.blocks)),
            second: .init(score: 0.275, replicates: averaged(b, \.bootstrap), blockScores: averaged(b, \.blocks)),
            level: 0.95, seed: 0)
        let mean = try #require(meanRows.first { $0.modelA == "m0" && $0.modelB == "m1" })
        #expect(abs(mean.difference! - expected.difference) < 1e-12)
        #expect(mean.lower == expected.lower && mean.upper == expected.upper && mean.pValue == expected.pValue)
        #expect(PairedComparisons.rows(models: [models[0]], options: options) == nil)
    }

    @Test("results JSON round-trips selection, pairing samples and paired rows with snake_case keys")
    func roundTrip() throws {
        var m = model("m", areas: ["VISp"], scores: [0.4], replicates: [[0.1, .nan]], blocks: [[0.2, 0.3, 0.1]])
        m.selection = [AreaSelection(area: "VISp", layer: "l", lag: nil, score: 0.4, candidates: 1, heldOutSplit: "frame-blocks:30",
                                     heldOutScore: 0.35, chosenOnFirst: .init(layer: "l", lag: nil, score: 0.3),
                                     chosenOnSecond: .init(layer: "l", lag: nil, score: 0.4), pValueSelection: 0.05,
                                     permutations: 19, note: nil)]
        var result = CompareResult(metric: MetricChoice(.tsrsa).entry, responses: .init(sources: [], stimulus: "s", frames: 3, repeats: 1),
                                   models: [m, m], cortexKitVersion: "t", command: [])
        result.pairedComparisons = [ModelPairDifference(modelA: "m", modelB: "m", area: nil, layerA: nil, layerB: nil, difference: 0,
                                                        lower: nil, upper: nil, level: 0.95, pValue: 1, pAdjusted: 1,
                                                        correction: .holm, blocks: 3, flips: 8, resamples: 2)]
        let data = try result.jsonData()
        let text = String(decoding: data, as: UTF8.self)
        for key in ["\"held_out_score\"", "\"p_value_selection\"", "\"pairing_samples\"", "\"paired_comparisons\"", "\"p_adjusted\""] {
            #expect(text.contains(key), "\(key)")
        }
        let back = try JSONDecoder().decode(CompareResult.self, from: data)
        #expect(back.models[0].selection == m.selection && back.models[0].pairing == m.pairing)
        #expect(back.pairedComparisons == result.pairedComparisons)
    }
}
