import CortexNumerics

/// Batch normalisation over `[N, C, S]` (S = H·W; S = 1 for `[N, C]`), per channel c:
///
///     x̂ = (x − μ_c) / √(σ²_c + ε),   y = γ_c·x̂ + β_c
///
/// In training μ, σ² are the batch mean and biased variance over M = N·S values (two passes: mean,
/// then squared deviations — steadier than E[x²] − μ² in Float); in inference the running
/// statistics. Training backward:
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

    @_specialize(where S == Float)
    static func forward<S: TensorScalar>(_ x: [S], batch: Int, channels: Int, spatial: Int,
                                         scale: [S], shift: [S], statistics: (mean: [S], variance: [S])?,
                                         epsilon: S) -> Forward<S> {
        var mean = statistics?.mean ?? [S](repeating: 0, count: channels)
        var variance = statistics?.variance ?? [S](repeating: 0, count: channels)
        var inverseStd = [S](repeating: 0, count: channels)
        var normalized = [S](repeating: 0, count: x.count)
        var output = [S](repeating: 0, count: x.count)
        let training = statistics == nil
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
                                        let (ns, os) = (SendablePointer(base: pn.baseAddress!), SendablePointer(base: po.baseAddress!))
                                        let (gs, bs) = (SendableConstPointer(base: pg.baseAddress!),
                                                        SendableConstPointer(base: pb.baseAddress!))
                                        ParallelFor.run(count: channels, minimumChunk: max(1, 16_384 / max(1, batch * spatial))) { range in
                                            for c in range {
                                                if training {
                                                    // Double accumulators: a Float running sum over
                                                    // M ≈ 10⁵ values drifts by ~1e-5 relative, enough to
                                                    // flip spikes downstream.
                                                    var s: Double = 0
                                                    for n in 0..<batch {
                                                        let b = xs.base + (n * channels + c) * spatial
                                                        for i in 0..<spatial { s += Double(b[i]) }
                                                    }
                                                    let mu = s / Double(batch * spatial)
                                                    var q: Double = 0
                                                    for n in 0..<batch {
                                                        let b = xs.base + (n * channels + c) * spatial
                                                        for i in 0..<spatial { let d = Double(b[i]) - mu; q += d * d }
                                                    }
                                                    ms.base[c] = S(mu)
                                                    vs.base[c] = S(q / Double(batch * spatial))
                                                }
                                                let inv = 1 / (vs.base[c] + epsilon).squareRoot()
                                                ins.base[c] = inv
                                                let (mu, gamma, beta) = (ms.base[c], gs.base[c], bs.base[c])
                                                for n in 0..<batch {
                                                    let offset = (n * channels + c) * spatial
                                                    for i in 0..<spatial {
                                                        let h = (xs.base[offset + i] - mu) * inv
                                                        ns.base[offset + i] = h
                                                        os.base[offset + i] = gamma * h + beta
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
        var dx = [S](repeating: 0, count: dy.count)
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
                                    var sumDy64: Double = 0
                                    var sumDyH64: Double = 0
                                    for n in 0..<batch {
                                        let offset = (n * channels + c) * spatial
                                        for i in 0..<spatial {
                                            sumDy64 += Double(d.base[offset + i])
                                            sumDyH64 += Double(d.base[offset + i]) * Double(h.base[offset + i])
                                        }
                                    }
                                    let (sumDy, sumDyH) = (S(sumDy64), S(sumDyH64))
                                    gs.base[c] = sumDyH
                                    bs.base[c] = sumDy
                                    let k = scale[c] * inverseStd[c]
                                    for n in 0..<batch {
                                        let offset = (n * channels + c) * spatial
                                        for i in 0..<spatial {
                                            xs.base[offset + i] = training
                                                ? k / m * (m * d.base[offset + i] - sumDy - h.base[offset + i] * sumDyH)
                                                : k * d.base[offset + i]
                                        }
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
