import CortexNumerics

extension Bootstrap {
    /// CKA on a resample of frames, from the two full-data kernel Gram matrices (the prepared
    /// form of ``CKAMetric``), copy-aware.
    ///
    /// With positions p, q = 0..<m of the resample and f(p) = `frames[p]` the frame each holds:
    ///
    ///     K*ₚ₍q₎ = K_f(p)f(q),   K̃* = centred(K*)  (H K* H, or U-centring for `.unbiased`),
    ///     CKA* = Σ_(p,q)∈S K̃*ₚq L̃*ₚq / √(Σ_S (K̃*ₚq)² · Σ_S (L̃*ₚq)²),
    ///     S = {(p, q) : p = q or f(p) ≠ f(q)},
    ///
    /// i.e. the pairs of two distinct positions that hold copies of the same frame are left out of
    /// the three HSIC sums, after centring. Why: such a pair is a second copy of the diagonal entry
    /// Kᵢᵢ on both sides (large and positively related across sides), so a plain resample of rows
    /// raises CKA in every replicate (with 50 % of the frames duplicated, by about as much as the
    /// interval is wide), and BCa then collapses onto the lowest replicates. Leaving them out is
    /// what TSRSA's frame bootstrap does with the pairs of copies in its RDMs
    /// (``tsrsaScore(model:brain:frames:options:)``). The centring itself uses every position,
    /// as the plug-in estimate of the resampled distribution does. With every frame drawn once the
    /// score equals ``CKA/score(kernelX:kernelY:estimator:)`` on the full data, bit for bit (the
    /// left-out set S is then empty).
    ///
    /// The Grams are reindexed, not recomputed: for the linear kernel this is exactly the Gram of
    /// the resampled rows; for the RBF kernel the bandwidth stays the full-data one (the kernel is
    /// a fixed function of two frames, as TSRSA's frame correlations are), so copies do not shrink
    /// the median distance. Reference: `scripts/reference/copy_aware_bootstrap_reference.py`.
    /// - Throws: `.degenerateRepresentation` (a side with zero self-similarity on the resample),
    ///   `.tooFewRows` (fewer than 2 distinct frames, 4 for `.unbiased`).
    /// - Complexity: O(m²) for m resampled frames (no pass over the features).
    public static func ckaScore(kernelX k: NDArray<Double>, kernelY l: NDArray<Double>, frames: [Int],
                                estimator: HSICEstimator) throws(SimilarityError) -> Double {
        guard k.rows == l.rows else { throw .rowCountMismatch(first: k.rows, second: l.rows) }
        let minimum = estimator == .unbiased ? 4 : 2
        let distinct = Set(frames).count
        guard distinct >= minimum else { throw .tooFewRows(found: distinct, minimum: minimum) }
        var kc = CKA.centred(reindexed(k, frames), estimator: estimator).scalars
        var lc = CKA.centred(reindexed(l, frames), estimator: estimator).scalars
        let m = frames.count
        // Zeroing the left-out pairs adds exact zeros to the sums: without copies, the sums are
        // those of the full-data score, in the same order.
        for p in 0..<m {
            for q in 0..<m where p != q && frames[p] == frames[q] {
                kc[p * m + q] = 0
                lc[p * m + q] = 0
            }
        }
        let (kk, ll, kl) = CKA.frobeniusProducts(NDArray(shape: [m, m], scalars: kc), NDArray(shape: [m, m], scalars: lc))
        guard kk > 0 else { throw .degenerateRepresentation(operand: .first, selfSimilarity: kk) }
        guard ll > 0 else { throw .degenerateRepresentation(operand: .second, selfSimilarity: ll) }
        let value = kl / (kk.squareRoot() * ll.squareRoot())
        return estimator == .biased ? min(1, max(0, value)) : min(1, value)
    }

    /// Classic RSA on a resample of frames, from the two full-data RDMs (the prepared form of
    /// ``RSAMetric``), copy-aware: the RDM vectors list, for positions p < q of the resample, the
    /// dissimilarity d(f(p), f(q)) of the frames they hold, leaving out the pairs with
    /// f(p) = f(q) (distance 0 on both sides by construction, which would pull a rank correlation
    /// up), as ``tsrsaScore(model:brain:frames:options:)`` does and rsatoolbox's pattern bootstrap.
    /// With every frame drawn once, in order, the score equals the full-data score.
    /// - Throws: the comparison's errors (`.tooFewRows` for fewer than 2 pairs).
    /// - Complexity: O(m²) for m resampled frames, plus the comparison.
    public static func rsaScore(model: RDM, brain: RDM, frames: [Int],
                                comparison: RDMComparison) throws(SimilarityError) -> Double {
        guard model.conditionCount == brain.conditionCount else {
            throw .lengthMismatch(first: model.dissimilarities.count, second: brain.dissimilarities.count)
        }
        let n = model.conditionCount
        var a: [Double] = [], b: [Double] = []
        a.reserveCapacity(RDM.pairCount(frames.count))
        b.reserveCapacity(RDM.pairCount(frames.count))
        for p in frames.indices {
            for q in (p + 1)..<frames.count where frames[p] != frames[q] {
                let (i, j) = frames[p] < frames[q] ? (frames[p], frames[q]) : (frames[q], frames[p])
                let index = RDM.pairIndex(i, j, conditionCount: n)
                a.append(model.dissimilarities[index])
                b.append(brain.dissimilarities[index])
            }
        }
        return try comparison.compare(a, b)
    }

    /// K[f(p), f(q)] for positions p, q of `frames`.
    static func reindexed(_ k: NDArray<Double>, _ frames: [Int]) -> NDArray<Double> {
        let n = k.rows, m = frames.count
        return k.withUnsafeBufferPointer { g in
            NDArray(shape: [m, m], generating: { index in g[frames[index / m] * n + frames[index % m]] })
        }
    }
}

extension Bootstrap {
    /// How the frame bootstrap scores a resample of `metric` on (a, b): the number of frames it
    /// resamples and the score of a list of positions into them (repeats allowed).
    static func frameScorer<M: SimilarityMetric>(metric: M, _ a: NDArray<Double>, _ b: NDArray<Double>)
        throws -> (frames: Int, score: @Sendable ([Int]) throws -> Double) {
        // A metric dropping frame 0 resamples only the frames it compares, with its base's scorer.
        if let restricted = metric as? any FrameRestrictedMetric { return try restricted.frameScorerOnComparedFrames(a, b) }
        if let tsrsa = metric as? TSRSAMetric {
            let (fa, fb) = (try tsrsa.prepare(a), try tsrsa.prepare(b))
            if tsrsa.options.zeroVariance == .error {
                _ = try TSRSA.score(model: fa, brain: fb, options: tsrsa.options)
            }
            return (fa.frameCount, { rows in try tsrsaScore(model: fa, brain: fb, frames: rows, options: tsrsa.options) })
        }
        if let cka = metric as? CKAMetric {
            let (ka, kb) = (try cka.prepare(a), try cka.prepare(b))
            return (ka.rows, { rows in try ckaScore(kernelX: ka, kernelY: kb, frames: rows, estimator: cka.estimator) })
        }
        if let rsa = metric as? RSAMetric {
            let (ra, rb) = (try rsa.prepare(a), try rsa.prepare(b))
            return (ra.conditionCount, { rows in try rsaScore(model: ra, brain: rb, frames: rows, comparison: rsa.comparison) })
        }
        return (a.rows, { rows in try metric.score(a.selectingRows(rows), b.selectingRows(rows)) })
    }
}
