import CortexNumerics
import CortexSimilarity
import Foundation

extension Comparison {
    /// Split-half-neurons ceilings of every area; an area whose ceiling cannot be computed (fewer
    /// than 2 units, a metric error) gets none, with the reason in its note.
    public static func ceilings(brain: [(area: String, matrix: NDArray<Double>)], metric: any SimilarityMetric,
                                splits: Int, seed: UInt64) -> [AreaCeiling] {
        brain.enumerated().map { index, entry in
            guard entry.matrix.columns >= 2 else {
                return AreaCeiling(area: entry.area, mean: nil, standardError: nil, splits: 0, note: "fewer than 2 units")
            }
            do {
                let c = try ceiling(entry.matrix, metric: metric, splits: splits, seed: seed &+ UInt64(index))
                return AreaCeiling(area: entry.area, mean: c.mean.isNaN ? nil : c.mean,
                                   standardError: c.standardError.isNaN ? nil : c.standardError, splits: splits)
            } catch {
                return AreaCeiling(area: entry.area, mean: nil, standardError: nil, splits: splits, note: "\(error)")
            }
        }
    }

    private static func ceiling<M: SimilarityMetric>(_ responses: NDArray<Double>, metric: M, splits: Int,
                                                     seed: UInt64) throws -> NoiseCeiling {
        try NoiseCeiling.splitHalfNeurons(responses, metric: metric, splits: splits, seed: seed)
    }

    /// P-values and confidence intervals of each area's best layer of `scores`.
    public static func statistics(scores: ModelScores, model: FeatureFile, brain: [(area: String, matrix: NDArray<Double>)],
                                  metric: any SimilarityMetric, options: StatisticsOptions) throws -> [AreaStatistics] {
        try statistics(scores: scores, access: model, brain: brain, metric: metric, options: options)
    }

    /// P-values and confidence intervals of each area's best layer of `scores`, from layers kept
    /// while the network ran (each best layer is decoded whole, as Double, to be resampled).
    public static func statistics(scores: ModelScores, layers: StreamedLayers, brain: [(area: String, matrix: NDArray<Double>)],
                                  metric: any SimilarityMetric, options: StatisticsOptions) throws -> [AreaStatistics] {
        try statistics(scores: scores, access: layers, brain: brain, metric: metric, options: options)
    }

    static func statistics<L: LayerAccess>(scores: ModelScores, access model: L, brain: [(area: String, matrix: NDArray<Double>)],
                                           metric: any SimilarityMetric, options: StatisticsOptions) throws -> [AreaStatistics] {
        var cache: [String: NDArray<Double>] = [:]
        return try scores.best.enumerated().map { index, best in
            guard let entry = brain.first(where: { $0.area == best.area }), !best.layer.isEmpty, best.score.isFinite else {
                return AreaStatistics(area: best.area, layer: best.layer, pValue: nil, permutations: 0, lower: nil,
                                      upper: nil, level: options.level, note: "no finite score")
            }
            if cache[best.layer] == nil { cache[best.layer] = try model.features(of: best.layer) }
            let features = cache[best.layer]!
            let seed = options.seed &+ UInt64(index) &* 0x9E37_79B9
            var p: Double?
            var interval: BootstrapInterval?
            var notes: [String] = []
            // A statistic that cannot be computed for this area (e.g. a resample of very few units
            // with no frame left to correlate) is reported as missing with its reason, not as NaN,
            // and does not stop the other areas or models.
            if options.permutations > 0 {
                do {
                    p = try permutation(metric, features, entry.matrix, permutations: options.permutations, seed: seed).pValue
                } catch { notes.append("permutation test: \(error)") }
            }
            if options.bootstrap > 1 {
                do {
                    interval = try bootstrap(metric, features, entry.matrix, resamples: options.bootstrap,
                                             level: options.level, method: options.interval ?? .percentile, seed: seed &+ 1)
                } catch { notes.append("bootstrap: \(error)") }
            }
            return AreaStatistics(area: best.area, layer: best.layer, pValue: p, permutations: options.permutations,
                                  lower: interval?.lower, upper: interval?.upper, level: options.level,
                                  intervalMethod: interval?.method, note: notes.isEmpty ? nil : notes.joined(separator: "; "))
        }
    }

    private static func permutation<M: SimilarityMetric>(_ metric: M, _ a: NDArray<Double>, _ b: NDArray<Double>,
                                                         permutations: Int, seed: UInt64) throws -> PermutationTestResult {
        let minimumShift = max(1, min(30, a.rows / 4))
        return try PermutationTest.run(metric: metric, a, b, scheme: .circularShift(minimumShift: minimumShift),
                                       permutations: permutations, seed: seed)
    }

    private static func bootstrap<M: SimilarityMetric>(_ metric: M, _ a: NDArray<Double>, _ b: NDArray<Double>,
                                                       resamples: Int, level: Double, method: BootstrapIntervalMethod,
                                                       seed: UInt64) throws -> BootstrapInterval {
        try Bootstrap.confidenceInterval(metric: metric, a, b, scheme: .neurons, resamples: resamples, level: level,
                                         method: method, seed: seed)
    }
}
