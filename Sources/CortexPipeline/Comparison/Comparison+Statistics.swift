import CortexNWB
import CortexNumerics
import CortexRuntime
import CortexSimilarity
import Foundation

extension Comparison {
    /// The noise ceiling of every area under `options`, the one ceiling routine behind `cortex
    /// ceiling`, `cortex compare` and batch reports. Each area's splits are seeded by
    /// ``StatisticsSeed/seed(_:area:purpose:)``, so an area's ceiling depends only on its data,
    /// the metric, the options and `seed`. An area whose ceiling cannot be computed (fewer than 2
    /// units, no trials for the trial method, a metric error) gets none, with the reason in its note.
    public static func ceilings(_ responses: BrainResponses, metric: any SimilarityMetric, options: CeilingOptions,
                                seed: UInt64, progress: ProgressHandler? = nil) -> [AreaCeiling] {
        let result = responses.areas.enumerated().map { index, area in
            progress?(ProgressUpdate(completed: index, total: responses.areas.count, message: area.name))
            return ceiling(area, metric: metric, options: options, seed: seed)
        }
        progress?(ProgressUpdate(completed: responses.areas.count, total: responses.areas.count, message: "done"))
        return result
    }

    /// One area's ceiling (see ``ceilings(_:metric:options:seed:progress:)``). A method that needs
    /// trials, on an area without them, falls back to ``CeilingOptions/fallbackWithoutTrials``
    /// when there is one (the result names both methods), and otherwise gives no ceiling.
    public static func ceiling(_ area: AreaResponses, metric: any SimilarityMetric, options: CeilingOptions,
                               seed: UInt64) -> AreaCeiling {
        let areaSeed = StatisticsSeed.seed(seed, area: area.name, purpose: .ceiling)
        var method = options.method
        var requested: CeilingMethod?
        if method.needsTrials, area.trialValues == nil, let fallback = options.fallbackWithoutTrials {
            requested = method
            method = fallback
        }
        func missing(_ note: String) -> AreaCeiling {
            var c = AreaCeiling(area: area.name, units: area.unitCount, method: method, splits: options.splits, seed: areaSeed,
                                mean: nil, standardError: nil, spearmanBrownCorrected: method == .splitHalfTrials, note: note)
            c.requestedMethod = requested
            return c
        }
        do {
            let c: NoiseCeiling
            var bounds: TrialCeilingBounds?
            switch method {
            case .splitHalfNeurons:
                guard area.unitCount >= 2 else { return missing("fewer than 2 units") }
                c = try splitHalfNeurons(area.matrix, metric: metric, splits: options.splits, seed: areaSeed)
            case .splitHalfTrials, .trialBounds:
                guard let trials = area.trialValues else {
                    return missing("no trials kept (write the responses with 'cortex responses --keep-trials')")
                }
                if method == .trialBounds {
                    let b = try trialBounds(trials, metric: metric, splits: options.splits, seed: areaSeed)
                    bounds = b
                    c = b.upper
                } else {
                    c = try splitHalfTrials(trials, metric: metric, splits: options.splits, seed: areaSeed)
                }
            }
            let error = c.standardError(options.standardError)
            var result = AreaCeiling(area: area.name, units: area.unitCount, method: method, splits: options.splits,
                                     seed: areaSeed, mean: c.mean.isNaN ? nil : c.mean,
                                     standardError: error.isNaN ? nil : error,
                                     spearmanBrownCorrected: c.spearmanBrownCorrected,
                                     note: c.mean.isNaN ? "the ceiling is undefined (NaN split scores)" : nil)
            result.standardErrorConvention = options.standardError
            result.lowerBound = bounds.flatMap { $0.lower.mean.isNaN ? nil : $0.lower.mean }
            result.upperBound = bounds.flatMap { $0.upper.mean.isNaN ? nil : $0.upper.mean }
            if let requested {
                result.requestedMethod = requested
                result.note = [result.note, "no trials kept: \(method.label) instead of \(requested.label), "
                    + "not an upper bound of the scores"].compactMap { $0 }.joined(separator: "; ")
            }
            return result
        } catch {
            return missing("\(error)")
        }
    }

    private static func splitHalfNeurons<M: SimilarityMetric>(_ responses: NDArray<Double>, metric: M, splits: Int,
                                                              seed: UInt64) throws -> NoiseCeiling {
        try NoiseCeiling.splitHalfNeurons(responses, metric: metric, splits: splits, seed: seed)
    }

    private static func splitHalfTrials<M: SimilarityMetric>(_ trials: NDArray<Double>, metric: M, splits: Int,
                                                             seed: UInt64) throws -> NoiseCeiling {
        try NoiseCeiling.splitHalfTrials(trials, metric: metric, splits: splits, seed: seed, spearmanBrown: true)
    }

    private static func trialBounds<M: SimilarityMetric>(_ trials: NDArray<Double>, metric: M, splits: Int,
                                                         seed: UInt64) throws -> TrialCeilingBounds {
        try TrialCeilingBounds.compute(trials, metric: metric, splits: splits, seed: seed)
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

    /// The statistics of each area's best layer (``ModelScores/best``), seeded per area by
    /// ``StatisticsSeed`` and with the permutation scheme of ``StatisticsOptions/permutationScheme(for:rows:)``.
    static func statistics<L: LayerAccess>(scores: ModelScores, access model: L, brain: [(area: String, matrix: NDArray<Double>)],
                                           metric: any SimilarityMetric, options: StatisticsOptions) throws -> [AreaStatistics] {
        var cache: [String: NDArray<Double>] = [:]
        return try scores.best.map { best in
            guard let entry = brain.first(where: { $0.area == best.area }), let layer = best.layer else {
                return AreaStatistics(area: best.area, layer: best.layer ?? "", pValue: nil, permutations: 0, lower: nil,
                                      upper: nil, level: options.level, note: "no finite score")
            }
            if cache[layer] == nil { cache[layer] = try model.features(of: layer) }
            let features = cache[layer]!
            var p: Double?
            var interval: BootstrapInterval?
            var notes: [String] = []
            // A statistic that cannot be computed for this area (e.g. a resample of very few units
            // with no frame left to correlate) is reported as missing with its reason, not as NaN,
            // and does not stop the other areas or models.
            if options.permutations > 0 {
                do {
                    p = try permutation(metric, features, entry.matrix, options: options,
                                        seed: StatisticsSeed.seed(options.seed, area: best.area, purpose: .permutation)).pValue
                } catch { notes.append("permutation test: \(error)") }
            }
            if options.bootstrap > 1 {
                do {
                    interval = try bootstrap(metric, features, entry.matrix, scheme: options.bootstrapScheme(for: metric, rows: features.rows),
                                             resamples: options.bootstrap, level: options.level, method: options.intervalMethod,
                                             seed: StatisticsSeed.seed(options.seed, area: best.area, purpose: .bootstrap))
                } catch { notes.append("bootstrap: \(error)") }
            }
            return AreaStatistics(area: best.area, layer: layer, pValue: p, permutations: options.permutations,
                                  lower: interval?.lower, upper: interval?.upper, level: options.level,
                                  intervalMethod: interval?.method, note: notes.isEmpty ? nil : notes.joined(separator: "; "),
                                  resampling: interval.map { _ in options.bootstrapScheme(for: metric, rows: features.rows).label })
        }
    }

    private static func permutation<M: SimilarityMetric>(_ metric: M, _ a: NDArray<Double>, _ b: NDArray<Double>,
                                                         options: StatisticsOptions, seed: UInt64) throws -> PermutationTestResult {
        try PermutationTest.run(metric: metric, a, b, scheme: options.permutationScheme(for: metric, rows: a.rows),
                                permutations: options.permutations, seed: seed)
    }

    private static func bootstrap<M: SimilarityMetric>(_ metric: M, _ a: NDArray<Double>, _ b: NDArray<Double>,
                                                       scheme: BootstrapScheme, resamples: Int, level: Double,
                                                       method: BootstrapIntervalMethod, seed: UInt64) throws -> BootstrapInterval {
        try Bootstrap.confidenceInterval(metric: metric, a, b, scheme: scheme, resamples: resamples, level: level,
                                         method: method, seed: seed)
    }
}
