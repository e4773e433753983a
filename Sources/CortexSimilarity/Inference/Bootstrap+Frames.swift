import CortexNumerics

extension Bootstrap {
    /// TSRSA on a resample of frames: the kept frames `frames` (positions into the prepared
    /// correlations, repeats allowed, in resample order) of both sides, lag by lag as
    /// ``TSRSA/score(model:brain:options:)`` pairs them (model frame t with brain frame t + k).
    ///
    /// A pair of positions that hold copies of the same frame is left out of both RDMs: its
    /// distance is 0 on both sides by construction, and counting it would pull a rank correlation
    /// up (rsatoolbox's pattern bootstrap does the same). With every frame drawn once, the score
    /// equals the full-data score. Zero-variance frames follow `options.zeroVariance` as in TSRSA
    /// (`.error` is checked on the full data before resampling).
    /// - Complexity: O(m) per lag for m compared pairs, plus the comparison (O(m log m) ranking).
    public static func tsrsaScore(model: FrameCorrelations, brain: FrameCorrelations, frames: [Int],
                                  options: TSRSAOptions) throws(SimilarityError) -> Double {
        let n = model.frameCount
        let badModel = Set(model.zeroVarianceFrames), badBrain = Set(brain.zeroVarianceFrames)
        var scores: [TSRSALagScore] = []
        for lag in options.lags {
            var pairs = frames.filter { $0 + lag >= 0 && $0 + lag < n }.map { ($0, $0 + lag) }
            let involvesBad = pairs.contains { badModel.contains($0.0) || badBrain.contains($0.1) }
            if involvesBad && options.zeroVariance == .propagate {
                scores.append(TSRSALagScore(lag: lag, score: .nan, frameCount: pairs.count))
                continue
            }
            if involvesBad { pairs.removeAll { badModel.contains($0.0) || badBrain.contains($0.1) } }
            guard Set(pairs.map(\.0)).count >= 3 else { throw .tooFewRows(found: Set(pairs.map(\.0)).count, minimum: 3) }
            var a: [Double] = [], b: [Double] = []
            a.reserveCapacity(pairs.count * (pairs.count - 1) / 2)
            b.reserveCapacity(pairs.count * (pairs.count - 1) / 2)
            let (rm, rb) = (model.correlations, brain.correlations)
            rm.withUnsafeBufferPointer { pm in
                rb.withUnsafeBufferPointer { pb in
                    for i in pairs.indices {
                        let (mi, bi) = pairs[i]
                        for j in (i + 1)..<pairs.count where pairs[j].0 != mi {
                            a.append(1 - pm[mi * n + pairs[j].0])
                            b.append(1 - pb[bi * n + pairs[j].1])
                        }
                    }
                }
            }
            scores.append(TSRSALagScore(lag: lag, score: try options.comparison.compare(a, b), frameCount: pairs.count))
        }
        return TSRSAResult(lagScores: scores, zeroVarianceModelFrames: [], zeroVarianceBrainFrames: []).score
    }
}
