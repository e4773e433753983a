import CortexModels
import CortexRuntime
import CortexNumerics
import CortexSimilarity
import Foundation

/// The temporal interventions of a checkpoint model (``Intervention``), scored with the plan's
/// metric against the same brain responses as the unaltered run.
///
/// ```swift
/// var network = loaded.network
/// let layers = try plan.streamedLayers(network: &network, name: "lorafb", source: path, movie: movie,
///                                      extraction: extraction, against: brain)
/// let unaltered = try plan.scores(layers: layers, sources: sources, against: brain)
/// let drops = try plan.interventions(InterventionOptions(interventions: [.shuffle(window: 8)], repeats: 3),
///                                    network: &network, unaltered: unaltered, layers: layers, movie: movie,
///                                    extraction: extraction, against: brain)
/// drops[0].meanOverAreas.relativeDrop     // e.g. 0.12: shuffling lowers the mean score by 12 %
/// ```
extension ComparisonPlan {
    /// Runs every intervention of `options` `options.repeats` times.
    ///
    /// - Parameters:
    ///   - network: the model's network; it re-runs from reset on each altered movie.
    ///   - unaltered: the model's scores on the full movie (best layers and the baseline).
    ///   - layers: the full-movie run's kept outputs (clips slice them).
    ///   - movie, extraction: as the unaltered run watched the movie.
    ///   - progress: (done, total) runs of the network or clip sets.
    /// - Throws: ``InterventionError/doesNotFit(_:frames:reason:)`` before anything runs; the
    ///   metric's, the budget's and the movie's errors.
    public func interventions<N: RecordableNetwork>(_ options: InterventionOptions, network: inout N,
                                                    unaltered: CompareResult.Model, layers: StreamedLayers,
                                                    movie: MovieInput, extraction: FeatureExtraction,
                                                    against brain: BrainResponses,
                                                    progress: ProgressHandler? = nil) throws -> [InterventionResult] {
        let drops = metricDropsFirstFrame
        for intervention in options.interventions { try intervention.check(frames: brain.binCount, dropsFirstFrame: drops) }
        let scores = unaltered.scores
        let best = scores.best
        // `best`: only the layers that are some area's best; `all`: every scored layer.
        let wanted: [Int] = options.layers == .best
            ? Array(Set(best.compactMap(\.layerIndex))).sorted() : Array(scores.layers.indices)
        let names = wanted.map { scores.layers[$0].name }
        let total = options.interventions.count * options.repeats
        var results: [InterventionResult] = []
        for (i, intervention) in options.interventions.enumerated() {
            // tables[r][w][a]: repeat r, wanted layer w, area a.
            var tables: [[[Double]]] = []
            for r in 0..<options.repeats {
                progress?(ProgressUpdate(completed: i * options.repeats + r, total: total, message: intervention.description))
                var rng = SplittableRandom(seed: InterventionSeed.seed(statistics.seed, intervention: intervention, repeat: r))
                tables.append(try table(intervention, rng: &rng, layers: names, network: &network, kept: layers,
                                        movie: movie, extraction: extraction, brain: brain))
            }
            results.append(summarise(intervention, options: options, tables: tables, wanted: wanted, scores: scores))
        }
        progress?(ProgressUpdate(completed: total, total: total, message: "done"))
        return results
    }

    /// Whether the plan's metric drops the first frame before scoring (every built-in metric under
    /// its default frame policy; a custom metric does not).
    var metricDropsFirstFrame: Bool {
        guard let choice = metric.choice else { return false }
        return choice.dropFirstFrame
    }

    /// One repeat: the layers × areas table of `layers` under the intervention.
    private func table<N: RecordableNetwork>(_ intervention: Intervention, rng: inout SplittableRandom, layers names: [String],
                                             network: inout N, kept: StreamedLayers, movie: MovieInput,
                                             extraction: FeatureExtraction, brain: BrainResponses) throws -> [[Double]] {
        let frames = brain.binCount
        let matrices = brain.brain
        switch intervention {
        case .shuffle(let window):
            let order = InterventionDraw.shuffleOrder(frames: frames, window: window, using: &rng)
            return try rerun(movie.reordered(order), brain: matrices.map { ($0.area, MovieInput.rows($0.matrix, order)) },
                             layers: names, network: &network, extraction: extraction)
        case .replaceNoise(let window):
            let positions = InterventionDraw.replacedPositions(frames: frames, window: window, using: &rng)
            return try rerun(movie.replacingWithNoise(positions, using: &rng), brain: matrices, layers: names,
                             network: &network, extraction: extraction)
        case .front(let count):
            let order = Array(0..<count)
            return try rerun(movie.prefix(count), brain: matrices.map { ($0.area, MovieInput.rows($0.matrix, order)) },
                             layers: names, network: &network, extraction: extraction)
        case .clips(let length, let count):
            // Clips are drawn from the frames the metric scores (frame 0 dropped when it drops
            // it, as the study); a metric that drops its first row gets one leading row more.
            let skip = metricDropsFirstFrame ? 1 : 0
            let starts = InterventionDraw.clipStarts(available: frames - skip, length: length, count: count, using: &rng)
            return try clipsTable(kept, starts: starts, length: length, layers: names, brain: matrices.map(\.matrix))
        }
    }

    /// The mean layers × areas table over clips of `length` frames starting at `starts`, counted in
    /// the frames the metric scores (after frame 0 when it drops it, as the study's `clip_len`:
    /// clip j is scored frames `starts[j] ..< starts[j] + length`). A metric that drops its first
    /// row is handed the frame before the clip too, which it drops.
    func clipsTable<K: KeptLayers>(_ kept: K, starts: [Int], length: Int, layers names: [String],
                                   brain: [NDArray<Double>]) throws -> [[Double]] {
        precondition(!starts.isEmpty, "clipsTable: no clips")
        let skip = metricDropsFirstFrame ? 1 : 0
        var sum: [[Double]]?
        for start in starts {
            // Scored frames start…start+length−1 are movie frames skip+start…; with the leading
            // frame the metric drops, rows start ..< start + skip + length.
            let rows = start..<(start + skip + length)
            let order = Array(rows)
            let clip = try scoreTable(SlicedLayers(base: kept, rows: rows), layers: names,
                                      brain: brain.map { MovieInput.rows($0, order) })
            sum = sum.map { zip($0, clip).map { zip($0, $1).map(+) } } ?? clip
        }
        return sum!.map { $0.map { $0 / Double(starts.count) } }
    }

    /// The network re-run from reset on `movie`, scored against `brain`.
    private func rerun<N: RecordableNetwork>(_ movie: MovieInput, brain: [(area: String, matrix: NDArray<Double>)],
                                             layers names: [String], network: inout N,
                                             extraction: FeatureExtraction) throws -> [[Double]] {
        var run = extraction
        run.layers = names
        let widest = names.compactMap { network.layerUnitShapes[$0]?.reduce(1, *) }.max() ?? 0
        let reserve = Comparison.workingBytes(frames: movie.frameCount, areas: brain.count, widestLayer: widest,
                                              holdsLayer: !(metric.metric is any StreamableSimilarityMetric))
        let kept = try StreamedLayers(network: &network, model: "intervention", source: movie.url.path, movie: movie,
                                      extraction: run, budget: budget, reservedBytes: reserve)
        // The kept layers are in network order, as `names`.
        return try scoreTable(kept, layers: kept.layers.map(\.name), brain: brain.map(\.matrix))
    }

    /// Layers × areas scores of `access` under the plan's metric (TSRSA through the same
    /// streamed preparation as the unaltered scores).
    private func scoreTable<L: LayerAccess>(_ access: L, layers: [String], brain: [NDArray<Double>]) throws -> [[Double]] {
        func table<M: SimilarityMetric>(_ metric: M) throws -> [[Double]] {
            try Comparison.scoreTable(metric, layers: layers, brain: brain, prepareLayer: { name in
                if let tsrsa = metric as? TSRSAMetric, let prepared = try access.frameCorrelations(of: name, metric: tsrsa) as? M.Prepared {
                    return prepared
                }
                return try access.prepare(metric, layer: name)
            }, progress: nil)
        }
        return try table(metric.metric)
    }

    /// Repeats → one result: `best` scores each area at its unaltered best layer; `all` takes the
    /// best layer of the mean table over repeats.
    private func summarise(_ intervention: Intervention, options: InterventionOptions, tables: [[[Double]]], wanted: [Int],
                           scores: ModelScores) -> InterventionResult {
        let repeats = Double(tables.count)
        let mean = wanted.indices.map { w in scores.areas.indices.map { a in tables.reduce(0) { $0 + $1[w][a] } / repeats } }
        let best = scores.best
        var areas: [InterventionResult.Area] = []
        for (a, area) in scores.areas.enumerated() {
            let w: Int?
            switch options.layers {
            case .best: w = best[a].layerIndex.flatMap { wanted.firstIndex(of: $0) }
            case .all: w = BestScore.index(of: mean.map { $0[a] })
            }
            guard let w else {
                areas.append(.init(area: area, layer: nil, unaltered: best[a].score, intervened: .nan, repeatScores: []))
                continue
            }
            areas.append(.init(area: area, layer: scores.layers[wanted[w]].name, unaltered: best[a].score,
                               intervened: mean[w][a], repeatScores: tables.map { $0[w][a] }))
        }
        let intervened = areas.map { $0.intervened ?? .nan }
        let summary = InterventionResult.Summary(unaltered: scores.meanOverAreas,
                                                 intervened: intervened.isEmpty ? .nan : intervened.reduce(0, +) / Double(intervened.count))
        return InterventionResult(intervention: intervention, repeats: options.repeats, layers: options.layers,
                                  seed: statistics.seed, areas: areas, meanOverAreas: summary)
    }
}
