import CortexNumerics
import CortexSimilarity

extension Comparison {
    /// What paired comparisons need from one model (``AreaPairingSamples``), for each area's
    /// best layer: with `options.bootstrap ≥ 2` the score under each paired bootstrap resample of
    /// the area's neurons (resample k draws from `SplittableRandom(seed).derive(stream: k)` with
    /// the area's ``StatisticsSeed`` for `.pairing`, as ``Bootstrap``'s neuron scheme draws — the
    /// same draws for every model), and the score within each of K consecutive frame blocks of
    /// the compared frames (``StatisticsOptions/pairedBlocks``). A block or resample whose score
    /// cannot be computed is NaN (null).
    static func pairingSamples<L: LayerAccess>(scores: ModelScores, access: L, brain: [(area: String, matrix: NDArray<Double>)],
                                               metric: any SimilarityMetric, options: StatisticsOptions) throws -> [AreaPairingSamples] {
        try pairing(metric, scores: scores, access: access, brain: brain, options: options)
    }

    private static func pairing<M: SimilarityMetric, L: LayerAccess>(
        _ metric: M, scores: ModelScores, access: L, brain: [(area: String, matrix: NDArray<Double>)], options: StatisticsOptions
    ) throws -> [AreaPairingSamples] {
        let tsrsa = metric as? TSRSAMetric
        var layerCache: [String: M.Prepared] = [:]
        var featureCache: [String: NDArray<Double>] = [:]
        var tsrsaCache: [String: FrameCorrelations] = [:]
        return try scores.best.compactMap { best -> AreaPairingSamples? in
            guard let layer = best.layer, let entry = brain.first(where: { $0.area == best.area }) else { return nil }
            let b = entry.matrix
            let k = options.pairedBlocks ?? StatisticsOptions.defaultPairedBlocks
            var replicates: [Double] = []
            var blocks: [Double] = []
            if let tsrsa {
                if tsrsaCache[layer] == nil { tsrsaCache[layer] = try access.frameCorrelations(of: layer, metric: tsrsa) }
                let model = tsrsaCache[layer]!
                if options.bootstrap >= 2 {
                    replicates = resampledScores(options: options, area: best.area, units: b.columns) { columns in
                        try TSRSA.score(model: model, brain: try tsrsa.prepare(b.pickingColumns(columns)),
                                        options: tsrsa.options).score
                    }
                }
                let brainPrepared = try tsrsa.prepare(b)
                blocks = frameBlocks(frames: model.frameCount, count: k).map { frames in
                    (try? TSRSA.score(model: model.reindexed(frames), brain: brainPrepared.reindexed(frames),
                                      options: tsrsa.options).score) ?? .nan
                }
            } else {
                if layerCache[layer] == nil { layerCache[layer] = try access.prepare(metric, layer: layer) }
                let model = layerCache[layer]!
                if options.bootstrap >= 2 {
                    replicates = resampledScores(options: options, area: best.area, units: b.columns) { columns in
                        try metric.score(prepared: model, try metric.prepare(b.pickingColumns(columns)))
                    }
                }
                if featureCache[layer] == nil { featureCache[layer] = try access.features(of: layer) }
                let features = featureCache[layer]!
                blocks = frameBlocks(frames: b.rows, count: k).map { rows in
                    (try? metric.score(features.pickingRows(rows), b.pickingRows(rows))) ?? .nan
                }
            }
            return AreaPairingSamples(area: best.area, layer: layer, bootstrap: replicates, blocks: blocks)
        }
    }

    /// Scores under the paired bootstrap resamples of `units` neurons (NaN where the score fails).
    private static func resampledScores(options: StatisticsOptions, area: String, units: Int,
                                        score: @Sendable @escaping ([Int]) throws -> Double) -> [Double] {
        let root = SplittableRandom(seed: StatisticsSeed.seed(options.seed, area: area, purpose: .pairing))
        return ParallelFor.map(count: options.bootstrap, workers: ParallelFor.defaultWorkers) { k in
            var rng = root.derive(stream: UInt64(k))
            let columns = (0..<units).map { _ in rng.uniformInt(below: units) }
            return (try? score(columns)) ?? .nan
        }
    }

    /// `count` consecutive blocks of `0..<frames` (block j: ⌊j·n/K⌋ ..< ⌊(j+1)·n/K⌋); none when a
    /// block would have fewer than 3 frames or K < 2.
    static func frameBlocks(frames n: Int, count k: Int) -> [[Int]] {
        guard k >= 2, n / k >= 3 else { return [] }
        return (0..<k).map { j in Array((j * n / k)..<((j + 1) * n / k)) }
    }
}

/// Paired comparisons of every two models of a result (``ModelPairDifference``), from their
/// ``AreaPairingSamples``: for each pair (A, B) in result order, A − B in every area both have,
/// then on the mean over areas (replicates and block scores averaged over the areas first).
///
/// Families for the multiple-comparison correction: all per-area rows of all pairs together, and
/// the mean-over-areas rows of all pairs together.
public enum PairedComparisons {
    /// The rows, or nil when fewer than two models carry pairing samples.
    public static func rows(models: [CompareResult.Model], options: StatisticsOptions) -> [ModelPairDifference]? {
        let paired = models.filter { $0.pairing != nil }
        guard paired.count >= 2 else { return nil }
        let correction = options.correction ?? .holm
        var areaRows: [ModelPairDifference] = []
        var meanRows: [ModelPairDifference] = []
        for i in paired.indices {
            for j in paired.indices where j > i {
                let (a, b) = (paired[i], paired[j])
                var sidesA: [PairedDifference.Side] = [], sidesB: [PairedDifference.Side] = []
                for sampleA in a.pairing! {
                    guard let sampleB = b.pairing!.first(where: { $0.area == sampleA.area }),
                          let scoreA = a.best.first(where: { $0.area == sampleA.area })?.score,
                          let scoreB = b.best.first(where: { $0.area == sampleA.area })?.score,
                          sampleA.bootstrap.count == sampleB.bootstrap.count, sampleA.blocks.count == sampleB.blocks.count
                    else { continue }
                    let sa = side(scoreA, sampleA), sb = side(scoreB, sampleB)
                    sidesA.append(sa)
                    sidesB.append(sb)
                    areaRows.append(row(a, b, area: sampleA.area, layers: (sampleA.layer, sampleB.layer), sa, sb, options: options,
                                        correction: correction))
                }
                let areas = a.scores.areas
                if sidesA.count == areas.count, !sidesA.isEmpty,
                   Set(sidesA.map(\.replicates.count) + sidesB.map(\.replicates.count)).count == 1,
                   Set(sidesA.map(\.blockScores.count) + sidesB.map(\.blockScores.count)).count == 1 {
                    meanRows.append(row(a, b, area: nil, layers: (nil, nil), mean(sidesA), mean(sidesB), options: options,
                                        correction: correction))
                }
            }
        }
        for (k, p) in correction.adjusted(areaRows.map(\.pValue)).enumerated() { areaRows[k].pAdjusted = p }
        for (k, p) in correction.adjusted(meanRows.map(\.pValue)).enumerated() { meanRows[k].pAdjusted = p }
        return areaRows + meanRows
    }

    private static func side(_ score: Double, _ samples: AreaPairingSamples) -> PairedDifference.Side {
        PairedDifference.Side(score: score, replicates: samples.bootstrap.map { $0 ?? .nan },
                              blockScores: samples.blocks.map { $0 ?? .nan })
    }

    /// The elementwise mean over areas.
    private static func mean(_ sides: [PairedDifference.Side]) -> PairedDifference.Side {
        let n = Double(sides.count)
        func average(_ vectors: [[Double]]) -> [Double] {
            (0..<(vectors.first?.count ?? 0)).map { k in vectors.reduce(0) { $0 + $1[k] } / n }
        }
        return PairedDifference.Side(score: sides.reduce(0) { $0 + $1.score } / n, replicates: average(sides.map(\.replicates)),
                                     blockScores: average(sides.map(\.blockScores)))
    }

    private static func row(_ a: CompareResult.Model, _ b: CompareResult.Model, area: String?, layers: (String?, String?),
                            _ sa: PairedDifference.Side, _ sb: PairedDifference.Side, options: StatisticsOptions,
                            correction: MultipleComparisonCorrection) -> ModelPairDifference {
        let seed = StatisticsSeed.seed(options.seed, area: "\(a.scores.model)\u{0}\(b.scores.model)\u{0}\(area ?? "")",
                                       purpose: .pairing)
        let d = PairedDifference.compute(first: sa, second: sb, level: options.level, seed: seed)
        return ModelPairDifference(modelA: a.scores.model, modelB: b.scores.model, area: area, layerA: layers.0, layerB: layers.1,
                                   difference: d.difference.isFinite ? d.difference : nil, lower: d.lower, upper: d.upper,
                                   level: options.level, pValue: d.pValue, pAdjusted: nil, correction: correction,
                                   blocks: d.blocks, flips: d.flips, resamples: sa.replicates.count)
    }
}
