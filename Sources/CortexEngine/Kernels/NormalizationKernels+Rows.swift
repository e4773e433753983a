import CortexNumerics

/// Batch normalisation of rows `[M, C]` (spatial extent 1: BatchNorm1d over tokens, a BN on
/// features). The per-channel kernels of ``NormalizationKernels`` walk a column with stride C, one
/// value per row; here every pass runs along the rows, all channels at once, so the tensor is read
/// once per pass instead of once per channel.
///
/// Arithmetic as the per-channel kernels with spatial extent 1: sums per channel in Double (there
/// each one-value block is rounded to Float and added in Double: the same values), the squared
/// deviations formed in Float from the Float mean, x̂ = (x − μ)·inv, y = γ·x̂ + β (or the affine form
/// when x̂ is not kept), dx = k·dy − b₀ − b₁·x̂. Partial sums are over fixed blocks of rows added in
/// block order, so results do not depend on the number of workers.
extension NormalizationKernels {
    /// Rows per block of the partial sums and of the parallel element passes.
    static let rowBlock = 256

    /// Per-channel Double sums over rows of `body(row pointers)`, in fixed row blocks.
    @inline(__always)
    static func blockSums(rows: Int, channels: Int, width: Int,
                          _ body: @Sendable @escaping (Int, Int, UnsafeMutablePointer<Double>) -> Void) -> [Double] {
        let blocks = (rows + rowBlock - 1) / rowBlock
        var partial = [Double](repeating: 0, count: blocks * width * channels)
        partial.withUnsafeMutableBufferPointer { pp in
            let ps = SendablePointer(base: pp.baseAddress!)
            ParallelFor.run(count: blocks, minimumChunk: max(1, 16_384 / max(1, rowBlock * channels))) { range in
                for block in range {
                    let lo = block * rowBlock, hi = min(rows, lo + rowBlock)
                    body(lo, hi, ps.base + block * width * channels)
                }
            }
        }
        var total = [Double](repeating: 0, count: width * channels)
        for block in 0..<blocks {
            for i in 0..<(width * channels) { total[i] += partial[block * width * channels + i] }
        }
        return total
    }

    @_specialize(where S == Float)
    static func forwardRows<S: TensorScalar>(_ x: [S], rows: Int, channels: Int, scale: [S], shift: [S],
                                             statistics: (mean: [S], variance: [S])?, epsilon: S,
                                             keepNormalized: Bool) -> Forward<S> {
        let count = x.count
        var mean = statistics?.mean ?? [S](repeating: 0, count: channels)
        var variance = statistics?.variance ?? [S](repeating: 0, count: channels)
        x.withUnsafeBufferPointer { px in
            let xs = SendableConstPointer(base: px.baseAddress!)
            if statistics == nil {
                let sums = blockSums(rows: rows, channels: channels, width: 1) { lo, hi, acc in
                    for r in lo..<hi {
                        let row = xs.base + r * channels
                        for c in 0..<channels { acc[c] += Double(row[c]) }
                    }
                }
                let means = sums.map { $0 / Double(rows) }
                let floatMeans = means.map { S($0) }
                let deviations = floatMeans.withUnsafeBufferPointer { pm in
                    let ms = SendableConstPointer(base: pm.baseAddress!)
                    return blockSums(rows: rows, channels: channels, width: 1) { lo, hi, acc in
                        for r in lo..<hi {
                            let row = xs.base + r * channels
                            for c in 0..<channels {
                                let d = row[c] - ms.base[c]
                                acc[c] += Double(d * d)
                            }
                        }
                    }
                }
                mean = floatMeans
                variance = deviations.map { S($0 / Double(rows)) }
            }
        }
        let inverseStd = variance.map { 1 / ($0 + epsilon).squareRoot() }
        var normalized = keepNormalized ? [S](unsafeUninitializedCapacity: count) { _, c in c = count } : []
        var output = [S](unsafeUninitializedCapacity: count) { _, c in c = count }
        let a = (0..<channels).map { scale[$0] * inverseStd[$0] }
        let b = (0..<channels).map { shift[$0] - scale[$0] * inverseStd[$0] * mean[$0] }
        x.withUnsafeBufferPointer { px in
            normalized.withUnsafeMutableBufferPointer { pn in
                output.withUnsafeMutableBufferPointer { po in
                    mean.withUnsafeBufferPointer { pm in
                        inverseStd.withUnsafeBufferPointer { pi in
                            scale.withUnsafeBufferPointer { pg in
                                shift.withUnsafeBufferPointer { pb in
                                    a.withUnsafeBufferPointer { pa in
                                        b.withUnsafeBufferPointer { pbb in
                                            let xs = SendableConstPointer(base: px.baseAddress!)
                                            let ns = keepNormalized ? SendablePointer(base: pn.baseAddress!) : nil
                                            let os = SendablePointer(base: po.baseAddress!)
                                            let (ms, ins, gs, bs) = (SendableConstPointer(base: pm.baseAddress!),
                                                                     SendableConstPointer(base: pi.baseAddress!),
                                                                     SendableConstPointer(base: pg.baseAddress!),
                                                                     SendableConstPointer(base: pb.baseAddress!))
                                            let (affineA, affineB) = (SendableConstPointer(base: pa.baseAddress!),
                                                                      SendableConstPointer(base: pbb.baseAddress!))
                                            let blocks = (rows + rowBlock - 1) / rowBlock
                                            ParallelFor.run(count: blocks, minimumChunk: max(1, 16_384 / max(1, rowBlock * channels))) { range in
                                                for block in range {
                                                    for r in (block * rowBlock)..<min(rows, (block + 1) * rowBlock) {
                                                        let xr = xs.base + r * channels, or = os.base + r * channels
                                                        if let ns {
                                                            let nr = ns.base + r * channels
                                                            for c in 0..<channels {
                                                                let h = (xr[c] - ms.base[c]) * ins.base[c]
                                                                nr[c] = h
                                                                or[c] = gs.base[c] * h + bs.base[c]
                                                            }
                                                        } else {
                                                            for c in 0..<channels { or[c] = affineA.base[c] * xr[c] + affineB.base[c] }
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
        }
        return Forward(output: output, normalized: normalized, inverseStd: inverseStd, mean: mean, variance: variance)
    }

    @_specialize(where S == Float)
    static func backwardRows<S: TensorScalar>(_ dy: [S], normalized: [S], inverseStd: [S], scale: [S],
                                              rows: Int, channels: Int, training: Bool) -> ([S], [S], [S]) {
        let count = dy.count
        let sums = dy.withUnsafeBufferPointer { pdy in
            normalized.withUnsafeBufferPointer { pn in
                let (d, h) = (SendableConstPointer(base: pdy.baseAddress!), SendableConstPointer(base: pn.baseAddress!))
                return blockSums(rows: rows, channels: channels, width: 2) { lo, hi, acc in
                    let dot = acc + channels
                    for r in lo..<hi {
                        let dr = d.base + r * channels, hr = h.base + r * channels
                        for c in 0..<channels {
                            acc[c] += Double(dr[c])
                            dot[c] += Double(dr[c] * hr[c])
                        }
                    }
                }
            }
        }
        let dShift = (0..<channels).map { S(sums[$0]) }
        let dScale = (0..<channels).map { S(sums[channels + $0]) }
        let m = S(rows)
        let k = (0..<channels).map { scale[$0] * inverseStd[$0] }
        let b0 = (0..<channels).map { training ? k[$0] / m * dShift[$0] : 0 }
        let b1 = (0..<channels).map { training ? k[$0] / m * dScale[$0] : 0 }
        var dx = [S](unsafeUninitializedCapacity: count) { _, c in c = count }
        dy.withUnsafeBufferPointer { pdy in
            normalized.withUnsafeBufferPointer { pn in
                dx.withUnsafeMutableBufferPointer { pdx in
                    k.withUnsafeBufferPointer { pk in
                        b0.withUnsafeBufferPointer { p0 in
                            b1.withUnsafeBufferPointer { p1 in
                                let (d, h) = (SendableConstPointer(base: pdy.baseAddress!), SendableConstPointer(base: pn.baseAddress!))
                                let xs = SendablePointer(base: pdx.baseAddress!)
                                let (ks, c0, c1) = (SendableConstPointer(base: pk.baseAddress!), SendableConstPointer(base: p0.baseAddress!),
                                                    SendableConstPointer(base: p1.baseAddress!))
                                let blocks = (rows + rowBlock - 1) / rowBlock
                                ParallelFor.run(count: blocks, minimumChunk: max(1, 16_384 / max(1, rowBlock * channels))) { range in
                                    for block in range {
                                        for r in (block * rowBlock)..<min(rows, (block + 1) * rowBlock) {
                                            let dr = d.base + r * channels, hr = h.base + r * channels, xr = xs.base + r * channels
                                            for c in 0..<channels { xr[c] = ks.base[c] * dr[c] - c0.base[c] - c1.base[c] * hr[c] }
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
