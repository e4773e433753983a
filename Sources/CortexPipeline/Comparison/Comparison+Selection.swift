import CortexNWB
import CortexNumerics
import CortexSimilarity

extension Comparison {
    /// In-sample vs held-out selection of each area's best layer (and lag), and the
    /// selection-aware permutation p-value (``AreaSelection``), under the plan's statistics:
    /// held-out halves from ``StatisticsOptions/selectionSplit``, and with `permutations > 0`
    /// the maximum over layers × lags under circular shifts of the brain (per-area seed of
    /// ``StatisticsSeed`` with purpose `.permutation`, the scheme of
    /// ``StatisticsOptions/permutationScheme(for:rows:)``). Layers are visited one at a time.
    ///
    /// A statistic that cannot be computed for an area (no trials for `.repeats`, a metric error
    /// on a half) is missing with its reason in the area's note.
    static func selection<L: LayerAccess>(scores: ModelScores, access: L, brain: BrainResponses,
                                          metric: any SimilarityMetric, options: StatisticsOptions) throws -> [AreaSelection] {
        if let tsrsa = metric as? TSRSAMetric {
            return try tsrsaSelection(scores: scores, access: access, brain: brain, metric: tsrsa, options: options)
        }
        return try genericSelection(metric, scores: scores, access: access, brain: brain, options: options)
    }

    /// Per-area running state of ``selection(scores:access:brain:metric:options:)``.
    private struct SelectionState {
        var first: [Double] = []
        var second: [Double] = []
        var test: SelectionPermutation?
        var notes: [String] = []
        var heldOutFailed = false
    }

    private static func tsrsaSelection<L: LayerAccess>(scores: ModelScores, access: L, brain: BrainResponses,
                                                       metric: TSRSAMetric, options: StatisticsOptions) throws -> [AreaSelection] {
        let lags = Array(metric.options.lags)
        let prepared = try brain.areas.map { try metric.prepare($0.matrix) }
        let split = options.selectionSplit?.resolved(comparedFrames: prepared.first?.frameCount ?? 0)
        var states = [SelectionState](repeating: SelectionState(), count: brain.areas.count)
        // The two brain halves (repeats), or the two frame halves (frame blocks) of each area.
        var halfBrains: [(FrameCorrelations, FrameCorrelations)?] = Array(repeating: nil, count: brain.areas.count)
        var frameHalves: ([Int], [Int]) = ([], [])
        switch split {
        case .frameBlocks(let length?):
            frameHalves = HeldOutSelection.frameHalves(frames: prepared.first?.frameCount ?? 0, blockLength: length)
        case .repeats:
            for (a, area) in brain.areas.enumerated() {
                do { halfBrains[a] = try repeatHalves(area).map { (try metric.prepare($0.0), try metric.prepare($0.1)) } }
                catch { states[a].notes.append("held-out: \(error)") }
                if halfBrains[a] == nil && states[a].notes.isEmpty { states[a].notes.append(noTrialsNote) }
            }
        default: break
        }
        for (a, area) in brain.areas.enumerated() where options.permutations > 0 {
            do {
                states[a].test = SelectionPermutation(orders: try SelectionPermutation.orders(
                    scheme: options.permutationScheme(for: metric, rows: area.matrix.rows), frames: prepared[a].frameCount,
                    permutations: options.permutations, seed: StatisticsSeed.seed(options.seed, area: area.name, purpose: .permutation)))
            } catch { states[a].notes.append("selection permutation test: \(error)") }
        }
        // Every layer's frame correlations (n² values each) are kept for the permutation test, which
        // transforms each permutation's brain once for all layers (``SelectionPermutation``).
        var models: [FrameCorrelations] = []
        for layer in scores.layers {
            let model = try access.frameCorrelations(of: layer.name, metric: metric)
            if options.permutations > 0 { models.append(model) }
            for a in brain.areas.indices {
                if split != nil && !states[a].heldOutFailed {
                    do {
                        switch split {
                        case .frameBlocks?:
                            states[a].first += try HeldOutSelection.tsrsaLagScores(model: model, brain: prepared[a], frames: frameHalves.0,
                                                                                   options: metric.options)
                            states[a].second += try HeldOutSelection.tsrsaLagScores(model: model, brain: prepared[a], frames: frameHalves.1,
                                                                                    options: metric.options)
                        case .repeats?:
                            if let (h1, h2) = halfBrains[a] {
                                states[a].first += try TSRSA.score(model: model, brain: h1, options: metric.options).lagScores.map(\.score)
                                states[a].second += try TSRSA.score(model: model, brain: h2, options: metric.options).lagScores.map(\.score)
                            } else { states[a].heldOutFailed = true }
                        default: break
                        }
                    } catch {
                        states[a].heldOutFailed = true
                        states[a].notes.append("held-out: \(error)")
                    }
                }
            }
        }
        for a in brain.areas.indices where states[a].test != nil {
            do { try states[a].test!.include(tsrsaLayers: models, brain: prepared[a], options: metric.options) }
            catch {
                states[a].test = nil
                states[a].notes.append("selection permutation test: \(error)")
            }
        }
        return summaries(scores: scores, states: states, lags: lags.count > 1 ? lags : nil, split: split, options: options)
    }

    private static func genericSelection<M: SimilarityMetric, L: LayerAccess>(
        _ metric: M, scores: ModelScores, access: L, brain: BrainResponses, options: StatisticsOptions
    ) throws -> [AreaSelection] {
        let rows = brain.areas.first?.matrix.rows ?? 0
        let split = options.selectionSplit?.resolved(comparedFrames: metric.comparedFrames(rows: rows))
        var states = [SelectionState](repeating: SelectionState(), count: brain.areas.count)
        var frameHalves: ([Int], [Int]) = ([], [])
        if case .frameBlocks(let length?) = split { frameHalves = HeldOutSelection.frameHalves(frames: rows, blockLength: length) }
        var halfBrains: [(M.Prepared, M.Prepared)?] = Array(repeating: nil, count: brain.areas.count)
        for (a, area) in brain.areas.enumerated() where split != nil {
            do {
                switch split {
                case .frameBlocks?:
                    halfBrains[a] = (try metric.prepare(area.matrix.pickingRows(frameHalves.0)),
                                     try metric.prepare(area.matrix.pickingRows(frameHalves.1)))
                case .repeats?:
                    halfBrains[a] = try repeatHalves(area).map { (try metric.prepare($0.0), try metric.prepare($0.1)) }
                    if halfBrains[a] == nil { states[a].notes.append(noTrialsNote) }
                default: break
                }
            } catch { states[a].notes.append("held-out: \(error)") }
            if halfBrains[a] == nil { states[a].heldOutFailed = true }
        }
        for (a, area) in brain.areas.enumerated() where options.permutations > 0 {
            do {
                states[a].test = SelectionPermutation(orders: try SelectionPermutation.orders(
                    scheme: options.permutationScheme(for: metric, rows: area.matrix.rows),
                    frames: metric.comparedFrames(rows: area.matrix.rows),
                    permutations: options.permutations, seed: StatisticsSeed.seed(options.seed, area: area.name, purpose: .permutation)))
            } catch { states[a].notes.append("selection permutation test: \(error)") }
        }
        for layer in scores.layers {
            let features = try access.features(of: layer.name)
            let whole = try metric.prepare(features)
            var halves: (M.Prepared, M.Prepared)?
            for a in brain.areas.indices {
                if split != nil && !states[a].heldOutFailed, let (b1, b2) = halfBrains[a] {
                    do {
                        if case .frameBlocks? = split {
                            if halves == nil {
                                halves = (try metric.prepare(features.pickingRows(frameHalves.0)),
                                          try metric.prepare(features.pickingRows(frameHalves.1)))
                            }
                            states[a].first.append(try metric.score(prepared: halves!.0, b1))
                            states[a].second.append(try metric.score(prepared: halves!.1, b2))
                        } else {
                            states[a].first.append(try metric.score(prepared: whole, b1))
                            states[a].second.append(try metric.score(prepared: whole, b2))
                        }
                    } catch {
                        states[a].heldOutFailed = true
                        states[a].notes.append("held-out: \(error)")
                    }
                }
                if states[a].test != nil {
                    do { try states[a].test!.include(metric: metric, layer: whole, brain: brain.areas[a].matrix) }
                    catch {
                        states[a].test = nil
                        states[a].notes.append("selection permutation test: \(error)")
                    }
                }
            }
        }
        return summaries(scores: scores, states: states, lags: nil, split: split, options: options)
    }

    private static let noTrialsNote = "held-out: no trials kept (write the responses with 'cortex responses --keep-trials')"

    /// The brain's even and odd repeats, each averaged (frames × units); nil without trials or with < 2 repeats.
    private static func repeatHalves(_ area: AreaResponses) throws -> (NDArray<Double>, NDArray<Double>)? {
        // Spike counts or a 2-photon signal, as Double (``AreaResponses/trialValues``).
        guard let trials = area.trialValues, trials.shape[0] >= 2 else { return nil }
        let (even, odd) = HeldOutSelection.repeatHalves(repeats: trials.shape[0])
        return (meanOfRepeats(trials, even), meanOfRepeats(trials, odd))
    }

    /// Frames × units mean of the `repeats` of repeats × units × frames values.
    static func meanOfRepeats(_ trials: NDArray<Double>, _ repeats: [Int]) -> NDArray<Double> {
        let (units, frames) = (trials.shape[1], trials.shape[2])
        var out = [Double](repeating: 0, count: frames * units)
        trials.withUnsafeBufferPointer { p in
            for r in repeats {
                for u in 0..<units {
                    let base = (r * units + u) * frames
                    for f in 0..<frames { out[f * units + u] += Double(p[base + f]) }
                }
            }
        }
        let scale = 1 / Double(repeats.count)
        return NDArray(shape: [frames, units], scalars: out.map { $0 * scale })
    }

    /// The ``AreaSelection`` of every area from the candidates' half scores (layer-major, lag-minor).
    private static func summaries(scores: ModelScores, states: [SelectionState], lags: [Int]?, split: HeldOutSplit?,
                                  options: StatisticsOptions) -> [AreaSelection] {
        let perLayer = lags?.count ?? 1
        func choice(_ c: Int, score: Double) -> AreaSelection.Choice {
            AreaSelection.Choice(layer: scores.layers[c / perLayer].name, lag: lags.map { $0[c % perLayer] },
                                 score: score.isFinite ? score : nil)
        }
        return scores.best.enumerated().map { a, best in
            let state = states[a]
            var notes = state.notes
            var heldOut: HeldOutScore?
            if split != nil && !state.heldOutFailed {
                heldOut = HeldOutSelection.select(first: state.first, second: state.second)
                if heldOut == nil { notes.append("held-out: no finite score on a half") }
            }
            let test = state.test?.result
            var lag: Int?
            if lags != nil, let l = best.layerIndex, let profile = scores.lagProfiles?.first(where: { $0.area == best.area }),
               profile.layer == scores.layers[l].name, let i = BestScore.index(of: profile.scores) {
                lag = profile.lags[i]
            }
            return AreaSelection(area: best.area, layer: best.layer, lag: lag, score: best.score.isFinite ? best.score : nil,
                                 candidates: scores.layers.count * perLayer, heldOutSplit: split?.label,
                                 heldOutScore: heldOut.map(\.score).flatMap { $0.isFinite ? $0 : nil },
                                 chosenOnFirst: heldOut.map { choice($0.chosenOnFirst, score: $0.scoreOnSecond) },
                                 chosenOnSecond: heldOut.map { choice($0.chosenOnSecond, score: $0.scoreOnFirst) },
                                 pValueSelection: test?.pValue, permutations: test == nil ? 0 : options.permutations,
                                 note: notes.isEmpty ? nil : notes.joined(separator: "; "))
        }
    }
}
