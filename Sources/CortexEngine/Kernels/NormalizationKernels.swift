import CortexNumerics

/// Batch normalisation over `[N, C, S]` (S = H·W; S = 1 for `[N, C]`), per channel c:
///
///     x̂ = (x − μ_c) / √(σ²_c + ε),   y = γ_c·x̂ + β_c
///
/// In training μ, σ² are the batch mean and biased variance over M = N·S values (two passes: mean,
/// then squared deviations — steadier than E[x²] − μ²), accumulated in Double: a Float running sum
/// over M ≈ 10⁵ values drifts by ~1e-5 relative, enough to flip spikes downstream. In inference
/// the running statistics. Training backward:
///
///     dx = γ/(M·√(σ²+ε)) · (M·dy − Σdy − x̂·Σ(dy·x̂)),   dγ = Σ dy·x̂,   dβ = Σ dy
///
/// Channels touch disjoint elements, so both passes run in parallel over channels. The sums use
/// four independent accumulators (the additions of one chain would otherwise wait on each other).
enum NormalizationKernels {
    struct Forward<S> {
        var output: [S]
        var normalized: [S]
        var inverseStd: [S]
        var mean: [S]
        var variance: [S]
    }

    /// Σ p[i] in Double.
    @inline(__always)
    static func sum<S: TensorScalar>(_ p: UnsafePointer<S>, _ n: Int) -> Double {
        var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
        var i = 0
        while i + 4 <= n {
            s0 += Double(p[i]); s1 += Double(p[i + 1]); s2 += Double(p[i + 2]); s3 += Double(p[i + 3])
            i += 4
        }
        while i < n { s0 += Double(p[i]); i += 1 }
        return (s0 + s1) + (s2 + s3)
    }

    /// Σ (p[i] − μ)² in Double.
    @inline(__always)
    static func squaredDeviations<S: TensorScalar>(_ p: UnsafePointer<S>, _ n: Int, _ mu: Double) -> Double {
        var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
        var i = 0
        while i + 4 <= n {
            let d0 = Double(p[i]) - mu, d1 = Double(p[i + 1]) - mu, d2 = Double(p[i + 2]) - mu, d3 = Double(p[i + 3]) - mu
            s0 += d0 * d0; s1 += d1 * d1; s2 += d2 * d2; s3 += d3 * d3
            i += 4
        }
        while i < n { let d = Double(p[i]) - mu; s0 += d * d; i += 1 }
        return (s0 + s1) + (s2 + s3)
    }

    /// (Σ a[i], Σ a[i]·b[i]) in Double.
    @inline(__always)
    static func sums<S: TensorScalar>(_ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ n: Int) -> (Double, Double) {
        var (s0, s1, q0, q1) = (0.0, 0.0, 0.0, 0.0)
        var i = 0
        while i + 2 <= n {
            let a0 = Double(a[i]), a1 = Double(a[i + 1])
            s0 += a0; s1 += a1
            q0 += a0 * Double(b[i]); q1 += a1 * Double(b[i + 1])
            i += 2
        }
        if i < n { s0 += Double(a[i]); q0 += Double(a[i]) * Double(b[i]) }
        return (s0 + s1, q0 + q1)
    }

    @_specialize(where S == Float)
    static func forward<S: TensorScalar>(_ x: [S], batch: Int, channels: Int, spatial: Int,
                                         scale: [S], shift: [S], statistics: (mean: [S], variance: [S])?,
                                         epsilon: S, keepNormalized: Bool = true) -> Forward<S> {
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
                                            for c in range {
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
                                          batch: Int, channels: Int, spatial: Int, training: Bool) -> ([S], [S], [S]) {
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
                                for c in range {
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
