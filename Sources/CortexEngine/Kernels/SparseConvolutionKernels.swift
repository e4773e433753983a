import CortexNumerics

/// Event-driven convolution for sparse inputs such as spike tensors (values mostly 0): only the
/// non-zero inputs do work. For an input event x[c, iy, ix] = v and each kernel tap (ki, kj) that
/// maps it onto an output pixel (oy, ox) = ((iy + p − ki·d)/s, …) when that divides exactly,
///
///     out[·, oy, ox]     += v · W[·, c, ki, kj]             (forward)
///     dW[·, c, ki, kj]   += v · dout[·, oy, ox]             (weight gradient)
///
/// each an O-long vector update in channels-last buffers (the weight packed as `[C, kH, kW, O]`,
/// the output / its gradient transposed per sample to `[pixels, O]`). The work is density × that of
/// the dense GEMM, at a lower rate per flop, so ``ConvolutionKernels`` uses this path only below
/// ``maximumDensity`` and only for `groups == 1`. The input gradient (dense dout) stays on GEMM.
/// Tests compare both functions with the dense kernels on sparse inputs of every geometry.
enum SparseConvolutionKernels {
    /// Largest fraction of non-zero inputs for which the event-driven path is used.
    static let maximumDensity = 0.15

    /// Fraction of non-zero elements of `x`.
    @_specialize(where S == Float)
    static func density<S: TensorScalar>(_ x: [S]) -> Double {
        guard !x.isEmpty else { return 0 }
        let counts: [Int] = x.withUnsafeBufferPointer { px in
            let p = SendableConstPointer(base: px.baseAddress!)
            let n = px.count
            let chunks = max(1, min(ParallelFor.defaultWorkers, n / 262_144))
            return ParallelFor.map(count: chunks) { chunk in
                var nonzero = 0
                for i in (chunk * n / chunks)..<((chunk + 1) * n / chunks) where p.base[i] != 0 { nonzero += 1 }
                return nonzero
            }
        }
        return Double(counts.reduce(0, +)) / Double(x.count)
    }

    /// Output pixels (oy or ox) reached from input coordinate `i` by tap `k`: oy = (i + p − k·d)/s.
    @inline(__always)
    static func target(_ i: Int, _ k: Int, padding: Int, dilation: Int, stride: Int, extent: Int) -> Int? {
        let t = i + padding - k * dilation
        guard t >= 0, t % stride == 0 else { return nil }
        let o = t / stride
        return o < extent ? o : nil
    }

    /// Calls `body(row, pixel)` for every (c, ki, kj) row and output pixel an input event at
    /// (c, iy, ix) reaches; `row` = (c·kH + ki)·kW + kj.
    @inline(__always)
    static func forEachTap(_ g: ConvolutionGeometry, c: Int, iy: Int, ix: Int, _ body: (Int, Int) -> Void) {
        for ki in 0..<g.kernelHeight {
            guard let oy = target(iy, ki, padding: g.paddingH, dilation: g.dilationH, stride: g.strideH,
                                  extent: g.outHeight) else { continue }
            for kj in 0..<g.kernelWidth {
                guard let ox = target(ix, kj, padding: g.paddingW, dilation: g.dilationW, stride: g.strideW,
                                      extent: g.outWidth) else { continue }
                body((c * g.kernelHeight + ki) * g.kernelWidth + kj, oy * g.outWidth + ox)
            }
        }
    }

    /// The transpose of a row-major `rows × columns` matrix (e.g. `[O, C·kH·kW]` → `[C·kH·kW, O]`).
    @_specialize(where S == Float)
    static func transposed<S: TensorScalar>(_ a: [S], rows: Int, columns: Int) -> [S] {
        [S](unsafeUninitializedCapacity: rows * columns) { out, count in
            a.withUnsafeBufferPointer { pa in
                for r in 0..<rows { for c in 0..<columns { out[c * rows + r] = pa[r * columns + c] } }
            }
            count = rows * columns
        }
    }

    /// `[N, C, H, W] ⊛ [O, C, kH, kW] → [N, O, outH, outW]` from the non-zero inputs.
    @_specialize(where S == Float)
    static func forward<S: TensorScalar>(input: [S], weight: [S], geometry g: ConvolutionGeometry) -> [S] {
        precondition(g.groups == 1, "SparseConvolutionKernels: groups must be 1")
        let o = g.outChannels
        let packed = transposed(weight, rows: o, columns: g.patch)             // [patch, O]
        let outCount = g.batch * o * g.pixels
        var out = [S](unsafeUninitializedCapacity: outCount) { _, c in c = outCount }
        let plane = g.height * g.width
        input.withUnsafeBufferPointer { px in
            packed.withUnsafeBufferPointer { pw in
                out.withUnsafeMutableBufferPointer { po in
                    let (x, w, y) = (SendableConstPointer(base: px.baseAddress!), SendableConstPointer(base: pw.baseAddress!),
                                     SendablePointer(base: po.baseAddress!))
                    ParallelFor.run(count: g.batch) { range in
                        let acc = UnsafeMutablePointer<S>.allocate(capacity: g.pixels * o)    // [pixels, O]
                        defer { acc.deallocate() }
                        for n in range {
                            acc.update(repeating: 0, count: g.pixels * o)
                            let sample = x.base + n * g.inChannels * plane
                            for c in 0..<g.inChannels {
                                for iy in 0..<g.height {
                                    let line = sample + c * plane + iy * g.width
                                    for ix in 0..<g.width where line[ix] != 0 {
                                        let v = line[ix]
                                        forEachTap(g, c: c, iy: iy, ix: ix) { row, pixel in
                                            let (dst, src) = (acc + pixel * o, w.base + row * o)
                                            for k in 0..<o { dst[k] += v * src[k] }
                                        }
                                    }
                                }
                            }
                            let target = y.base + n * o * g.pixels
                            for p in 0..<g.pixels { for k in 0..<o { target[k * g.pixels + p] = acc[p * o + k] } }
                        }
                    }
                }
            }
        }
        return out
    }

    /// dL/dW from the non-zero inputs and dL/dout; per-chunk partial sums are added at the end.
    @_specialize(where S == Float)
    static func weightGradient<S: TensorScalar>(input: [S], outputGradient: [S], geometry g: ConvolutionGeometry) -> [S] {
        precondition(g.groups == 1, "SparseConvolutionKernels: groups must be 1")
        let o = g.outChannels
        let weightCount = o * g.patch
        let chunks = min(ParallelFor.defaultWorkers, g.batch)
        let plane = g.height * g.width
        let partials: [[S]] = input.withUnsafeBufferPointer { px in
            outputGradient.withUnsafeBufferPointer { pd in
                let (x, d) = (SendableConstPointer(base: px.baseAddress!), SendableConstPointer(base: pd.baseAddress!))
                return ParallelFor.map(count: chunks) { chunk in
                    var dw = [S](repeating: 0, count: weightCount)                   // [patch, O]
                    let gradient = UnsafeMutablePointer<S>.allocate(capacity: g.pixels * o)   // [pixels, O]
                    defer { gradient.deallocate() }
                    dw.withUnsafeMutableBufferPointer { pdw in
                        let dwp = pdw.baseAddress!
                        for n in (chunk * g.batch / chunks)..<((chunk + 1) * g.batch / chunks) {
                            let source = d.base + n * o * g.pixels
                            for k in 0..<o { for p in 0..<g.pixels { gradient[p * o + k] = source[k * g.pixels + p] } }
                            let sample = x.base + n * g.inChannels * plane
                            for c in 0..<g.inChannels {
                                for iy in 0..<g.height {
                                    let line = sample + c * plane + iy * g.width
                                    for ix in 0..<g.width where line[ix] != 0 {
                                        let v = line[ix]
                                        forEachTap(g, c: c, iy: iy, ix: ix) { row, pixel in
                                            let (dst, src) = (dwp + row * o, gradient + pixel * o)
                                            for k in 0..<o { dst[k] += v * src[k] }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    return dw
                }
            }
        }
        var total = partials[0]
        for p in partials.dropFirst() { for i in 0..<weightCount { total[i] += p[i] } }
        return transposed(total, rows: g.patch, columns: o)
    }
}
