import CKernels
import CortexNumerics

/// Batch normalisation over `[N, C, S]` (S = H·W; S = 1 for `[N, C]`), per channel c:
///
///     x̂ = (x − μ_c) / √(σ²_c + ε),   y = γ_c·x̂ + β_c
///
/// In training μ, σ² are the batch mean and biased variance over M = N·S values (two passes: mean,
/// then squared deviations — steadier than E[x²] − μ²): blocks of 256 values are summed in eight
/// Float lanes and the block totals in Double (one Float running sum over M ≈ 10⁵ values drifted
/// by ~1e-5 relative, enough to flip spikes downstream). In inference the running statistics. Training backward:
///
///     dx = γ/(M·√(σ²+ε)) · (M·dy − Σdy − x̂·Σ(dy·x̂)),   dγ = Σ dy·x̂,   dβ = Σ dy
///
/// Channels touch disjoint elements, so both passes run in parallel over channels.
enum NormalizationKernels {
    struct Forward<S> {
        var output: [S]
        var normalized: [S]
        var inverseStd: [S]
        var mean: [S]
        var variance: [S]
    }

    /// Elements summed in `S` before a block's total joins the Double sum: eight lanes of at most
    /// 32 terms each keep Float's rounding error near 1e-7 relative, while the lanes vectorise.
    static let block = 256

    /// Σ p[i] (Float lanes per block, blocks in Double).
    @inline(__always)
    static func sum<S: TensorScalar>(_ p: UnsafePointer<S>, _ n: Int) -> Double {
        var total = 0.0
        var start = 0
        while start < n {
            let end = min(n, start + block)
            var (s0, s1, s2, s3, s4, s5, s6, s7): (S, S, S, S, S, S, S, S) = (0, 0, 0, 0, 0, 0, 0, 0)
            var i = start
            while i + 8 <= end {
                s0 += p[i]; s1 += p[i + 1]; s2 += p[i + 2]; s3 += p[i + 3]
                s4 += p[i + 4]; s5 += p[i + 5]; s6 += p[i + 6]; s7 += p[i + 7]
                i += 8
            }
            while i < end { s0 += p[i]; i += 1 }
            total += Double(((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)))
            start = end
        }
        return total
    }

    /// Σ (p[i] − μ)² (Float lanes per block, blocks in Double).
    @inline(__always)
    static func squaredDeviations<S: TensorScalar>(_ p: UnsafePointer<S>, _ n: Int, _ mean: Double) -> Double {
        let mu = S(mean)
        var total = 0.0
        var start = 0
        while start < n {
            let end = min(n, start + block)
            var (s0, s1, s2, s3, s4, s5, s6, s7): (S, S, S, S, S, S, S, S) = (0, 0, 0, 0, 0, 0, 0, 0)
            var i = start
            while i + 8 <= end {
                let (d0, d1, d2, d3) = (p[i] - mu, p[i + 1] - mu, p[i + 2] - mu, p[i + 3] - mu)
                let (d4, d5, d6, d7) = (p[i + 4] - mu, p[i + 5] - mu, p[i + 6] - mu, p[i + 7] - mu)
                s0 += d0 * d0; s1 += d1 * d1; s2 += d2 * d2; s3 += d3 * d3
                s4 += d4 * d4; s5 += d5 * d5; s6 += d6 * d6; s7 += d7 * d7
                i += 8
            }
            while i < end { let d = p[i] - mu; s0 += d * d; i += 1 }
            total += Double(((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)))
            start = end
        }
        return total
    }

    /// (Σ a[i], Σ a[i]·b[i]) (Float lanes per block, blocks in Double).
    @inline(__always)
    static func sums<S: TensorScalar>(_ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ n: Int) -> (Double, Double) {
        var (total, dot) = (0.0, 0.0)
        var start = 0
        while start < n {
            let end = min(n, start + block)
            var (s0, s1, s2, s3): (S, S, S, S) = (0, 0, 0, 0)
            var (q0, q1, q2, q3): (S, S, S, S) = (0, 0, 0, 0)
            var i = start
            while i + 4 <= end {
                s0 += a[i]; s1 += a[i + 1]; s2 += a[i + 2]; s3 += a[i + 3]
                q0 += a[i] * b[i]; q1 += a[i + 1] * b[i + 1]; q2 += a[i + 2] * b[i + 2]; q3 += a[i + 3] * b[i + 3]
                i += 4
            }
            while i < end { s0 += a[i]; q0 += a[i] * b[i]; i += 1 }
            total += Double((s0 + s1) + (s2 + s3))
            dot += Double((q0 + q1) + (q2 + q3))
            start = end
        }
        return (total, dot)
    }

    @_specialize(where S == Float)
    static func forward<S: TensorScalar>(_ x: [S], batch: Int, channels: Int, spatial: Int,
                                         scale: [S], shift: [S], statistics: (mean: [S], variance: [S])?,
                                         epsilon: S, keepNormalized: Bool = true, cKernels: Bool = true,
                                         rowKernels: Bool = true) -> Forward<S> {
        if spatial == 1 && rowKernels {
            return forwardRows(x, rows: batch, channels: channels, scale: scale, shift: shift, statistics: statistics,
                               epsilon: epsilon, keepNormalized: keepNormalized)
        }
        let native = CKernelBridge.applies(S.self, cKernels)
        var mean = statistics?.mean ?? [S](repeating: 0, count: channels)
        var variance = statistics?.variance ?? [S](repeating: 0, count: channels)
        var inverseStd = [S](repeating: 0, count: channels)
        let training = statistics == nil
        let count = x.count
        // x̂ is kept only for a backward pass (`keepNormalized`: some input is tracked).
        var normalized = keepNormalized ? [S](unsafeUninitializedCapacity: count) { _, c in c = count } : []
        var output = [S](unsafeUninitializedCapacity: count) { _, c in c = count }
        let m = Double(batch * spatial)
        x.withUnsafeBufferPointer { px in
            mean.withUnsafeMutableBufferPointer { pm in
                variance.withUnsafeMutableBufferPointer { pv in
                    inverseStd.withUnsafeMutableBufferPointer { pi in
                        normalized.withUnsafeMutableBufferPointer { pn in
                            output.withUnsafeMutableBufferPointer { po in
                                scale.withUnsafeBufferPointer { pg in
                                    shift.withUnsafeBufferPointer { pb in
                                        let xs = SendableConstPointer(base: px.baseAddress!)
                                        let (ms, vs, ins) = (SendablePointer(base: pm.baseAddress!),
                                                             SendablePointer(base: pv.baseAddress!),
                                                             SendablePointer(base: pi.baseAddress!))
                                        let ns = keepNormalized ? SendablePointer(base: pn.baseAddress!) : nil
                                        let os = SendablePointer(base: po.baseAddress!)
                                        let (gs, bs) = (SendableConstPointer(base: pg.baseAddress!),
                                                        SendableConstPointer(base: pb.baseAddress!))
                                        ParallelFor.run(count: channels, minimumChunk: max(1, 16_384 / max(1, batch * spatial))) { range in
                                            for c in range where native {
                                                if training {
                                                    var (mu, q) = (0.0, 0.0)
                                                    ck_bn_statistics_f32(CKernelBridge.float(xs.base), batch, channels, spatial, c, &mu, &q)
                                                    ms.base[c] = S(mu)
                                                    vs.base[c] = S(q)
                                                }
                                                let inv = 1 / (vs.base[c] + epsilon).squareRoot()
                                                ins.base[c] = inv
                                                ck_bn_normalize_f32(CKernelBridge.float(xs.base), ns.map { CKernelBridge.float($0.base) },
                                                                    CKernelBridge.float(os.base), batch, channels, spatial, c,
                                                                    CKernelBridge.float(ms.base[c]), CKernelBridge.float(inv),
                                                                    CKernelBridge.float(gs.base[c]), CKernelBridge.float(bs.base[c]))
                                            }
                                            for c in range where !native {
                                                if training {
                                                    var s = 0.0
                                                    for n in 0..<batch { s += sum(xs.base + (n * channels + c) * spatial, spatial) }
                                                    let mu = s / m
                                                    var q = 0.0
                                                    for n in 0..<batch {
                                                        q += squaredDeviations(xs.base + (n * channels + c) * spatial, spatial, mu)
                                                    }
                                                    ms.base[c] = S(mu)
                                                    vs.base[c] = S(q / m)
                                                }
                                                let inv = 1 / (vs.base[c] + epsilon).squareRoot()
                                                ins.base[c] = inv
                                                let (mu, gamma, beta) = (ms.base[c], gs.base[c], bs.base[c])
                                                for n in 0..<batch {
                                                    let offset = (n * channels + c) * spatial
                                                    let (xr, or) = (xs.base + offset, os.base + offset)
                                                    if let ns {
                                                        let nr = ns.base + offset
                                                        for i in 0..<spatial {
                                                            let h = (xr[i] - mu) * inv
                                                            nr[i] = h
                                                            or[i] = gamma * h + beta
                                                        }
                                                    } else {
                                                        // y = γ·inv·x + (β − γ·inv·μ)
                                                        let (a, b) = (gamma * inv, beta - gamma * inv * mu)
                                                        for i in 0..<spatial { or[i] = a * xr[i] + b }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Forward(output: output, normalized: normalized, inverseStd: inverseStd, mean: mean, variance: variance)
    }

    /// Returns (dx, dγ, dβ).
    @_specialize(where S == Float)
    static func backward<S: TensorScalar>(_ dy: [S], normalized: [S], inverseStd: [S], scale: [S],
                                          batch: Int, channels: Int, spatial: Int, training: Bool,
                                          cKernels: Bool = true, rowKernels: Bool = true) -> ([S], [S], [S]) {
        if spatial == 1 && rowKernels {
            return backwardRows(dy, normalized: normalized, inverseStd: inverseStd, scale: scale, rows: batch, channels: channels,
                                training: training)
        }
        let native = CKernelBridge.applies(S.self, cKernels)
        let m = S(batch * spatial)
        var dScale = [S](repeating: 0, count: channels)
        var dShift = [S](repeating: 0, count: channels)
        let count = dy.count
        var dx = [S](unsafeUninitializedCapacity: count) { _, c in c = count }
        dy.withUnsafeBufferPointer { pdy in
            normalized.withUnsafeBufferPointer { pn in
                dScale.withUnsafeMutableBufferPointer { pgs in
                    dShift.withUnsafeMutableBufferPointer { pbs in
                        dx.withUnsafeMutableBufferPointer { pdx in
                            let (d, h) = (SendableConstPointer(base: pdy.baseAddress!), SendableConstPointer(base: pn.baseAddress!))
                            let (gs, bs, xs) = (SendablePointer(base: pgs.baseAddress!), SendablePointer(base: pbs.baseAddress!),
                                                SendablePointer(base: pdx.baseAddress!))
                            ParallelFor.run(count: channels, minimumChunk: max(1, 16_384 / max(1, batch * spatial))) { range in
                                for c in range where native {
                                    var (sumDy, sumDyH): (Float, Float) = (0, 0)
                                    ck_bn_backward_f32(CKernelBridge.float(d.base), CKernelBridge.float(h.base), CKernelBridge.float(xs.base),
                                                       batch, channels, spatial, c, CKernelBridge.float(scale[c] * inverseStd[c]),
                                                       CKernelBridge.float(m), training ? 1 : 0, &sumDy, &sumDyH)
                                    gs.base[c] = CKernelBridge.scalar(sumDyH, as: S.self)
                                    bs.base[c] = CKernelBridge.scalar(sumDy, as: S.self)
                                }
                                for c in range where !native {
                                    var sumDy64 = 0.0, sumDyH64 = 0.0
                                    for n in 0..<batch {
                                        let offset = (n * channels + c) * spatial
                                        let (s, q) = sums(d.base + offset, h.base + offset, spatial)
                                        sumDy64 += s
                                        sumDyH64 += q
                                    }
                                    let (sumDy, sumDyH) = (S(sumDy64), S(sumDyH64))
                                    gs.base[c] = sumDyH
                                    bs.base[c] = sumDy
                                    let k = scale[c] * inverseStd[c]
                                    // training: dx = k·dy − (k/M)·Σdy − (k/M)·Σ(dy·x̂)·x̂
                                    let (a, b0, b1): (S, S, S) = training ? (k, k / m * sumDy, k / m * sumDyH) : (k, 0, 0)
                                    for n in 0..<batch {
                                        let offset = (n * channels + c) * spatial
                                        let (dr, hr, xr) = (d.base + offset, h.base + offset, xs.base + offset)
                                        for i in 0..<spatial { xr[i] = a * dr[i] - b0 - b1 * hr[i] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (dx, dScale, dShift)
    }
}
