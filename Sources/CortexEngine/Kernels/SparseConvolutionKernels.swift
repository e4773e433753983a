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

    /// Fraction of non-zero elements of `x`, estimated from every 8th element (the choice of path
    /// needs no exact count, and both paths give the same result).
    @_specialize(where S == Float)
    static func density<S: TensorScalar>(_ x: [S]) -> Double {
        guard !x.isEmpty else { return 0 }
        let sampled = (x.count + 7) / 8
        let nonzero = x.withUnsafeBufferPointer { p in
            var count = 0
            for i in 0..<sampled { count &+= p[i &* 8] != 0 ? 1 : 0 }
            return count
        }
        return Double(nonzero) / Double(sampled)
    }

    /// For each input coordinate i (a row iy or a column ix) the kernel taps k that reach an output
    /// coordinate o = (i + p − k·d)/s (exact division, inside the output), flattened:
    /// `taps[start[i]..<start[i + 1]]` = (k, o) pairs. Built once per call, so the per-event loops
    /// divide nothing.
    struct TapTable {
        var start: [Int]
        var taps: [(k: Int, o: Int)]

        init(inputs: Int, kernel: Int, padding: Int, dilation: Int, stride: Int, outputs: Int) {
            start = [0]
            taps = []
            for i in 0..<inputs {
                for k in 0..<kernel {
                    let t = i + padding - k * dilation
                    if t >= 0, t % stride == 0, t / stride < outputs { taps.append((k, t / stride)) }
                }
                start.append(taps.count)
            }
        }
    }

    /// Calls `body(row, pixel)` for every (c, ki, kj) row (`rowBase` = c·kH·kW) and output pixel
    /// an input event at (iy, ix) reaches; row = rowBase + ki·kW + kj.
    @inline(__always)
    static func forEachTap(_ rows: TapTable, _ columns: TapTable, kernelWidth: Int, outWidth: Int,
                           rowBase: Int, iy: Int, ix: Int, _ body: (Int, Int) -> Void) {
        for r in rows.start[iy]..<rows.start[iy + 1] {
            let (ki, oy) = rows.taps[r]
            for c in columns.start[ix]..<columns.start[ix + 1] {
                let (kj, ox) = columns.taps[c]
                body(rowBase + ki * kernelWidth + kj, oy * outWidth + ox)
            }
        }
    }

    static func tables(_ g: ConvolutionGeometry) -> (rows: TapTable, columns: TapTable) {
        (TapTable(inputs: g.height, kernel: g.kernelHeight, padding: g.paddingH, dilation: g.dilationH,
                  stride: g.strideH, outputs: g.outHeight),
         TapTable(inputs: g.width, kernel: g.kernelWidth, padding: g.paddingW, dilation: g.dilationW,
                  stride: g.strideW, outputs: g.outWidth))
    }

    /// Calls `body(row, pixel, v)` for every non-zero input v = x[c, iy, ix] of one sample and
    /// every (row, output pixel) it reaches. Each input line is first compacted branch-free into
    /// the positions of its non-zeros (`scratch`, ≥ width entries), so the scan does not
    /// mispredict on random spikes.
    @inline(__always)
    static func forEachEvent<S: TensorScalar>(_ sample: UnsafePointer<S>, _ g: ConvolutionGeometry,
                                              _ rows: TapTable, _ columns: TapTable, scratch: UnsafeMutablePointer<Int>,
                                              _ body: (Int, Int, S) -> Void) {
        let (w, plane, taps) = (g.width, g.height * g.width, g.kernelHeight * g.kernelWidth)
        for c in 0..<g.inChannels {
            for iy in 0..<g.height {
                let line = sample + c * plane + iy * w
                var events = 0
                for ix in 0..<w {
                    // x ≠ 0 ⇔ some exponent or significand bit is set (±0 have none); integer tests
                    // compile without the branches of a floating-point comparison.
                    let x = line[ix]
                    scratch[events] = ix
                    events &+= (x.exponentBitPattern != 0 ? 1 : 0) | (x.significandBitPattern != 0 ? 1 : 0)
                }
                for e in 0..<events {
                    let ix = scratch[e]
                    let v = line[ix]
                    forEachTap(rows, columns, kernelWidth: g.kernelWidth, outWidth: g.outWidth, rowBase: c * taps,
                               iy: iy, ix: ix) { row, pixel in body(row, pixel, v) }
                }
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
        let (rows, columns) = tables(g)
        input.withUnsafeBufferPointer { px in
            packed.withUnsafeBufferPointer { pw in
                out.withUnsafeMutableBufferPointer { po in
                    let (x, w, y) = (SendableConstPointer(base: px.baseAddress!), SendableConstPointer(base: pw.baseAddress!),
                                     SendablePointer(base: po.baseAddress!))
                    ParallelFor.run(count: g.batch) { range in
                        let acc = UnsafeMutablePointer<S>.allocate(capacity: g.pixels * o)    // [pixels, O]
                        let scratch = UnsafeMutablePointer<Int>.allocate(capacity: g.width)
                        defer { acc.deallocate(); scratch.deallocate() }
                        for n in range {
                            acc.update(repeating: 0, count: g.pixels * o)
                            forEachEvent(x.base + n * g.inChannels * plane, g, rows, columns, scratch: scratch) { row, pixel, v in
                                let (dst, src) = (acc + pixel * o, w.base + row * o)
                                for k in 0..<o { dst[k] += v * src[k] }
                            }
                            let target = y.base + n * o * g.pixels
                            for k in 0..<o { for p in 0..<g.pixels { target[k * g.pixels + p] = acc[p * o + k] } }
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
        let (rows, columns) = tables(g)
        let partials: [[S]] = input.withUnsafeBufferPointer { px in
            outputGradient.withUnsafeBufferPointer { pd in
                let (x, d) = (SendableConstPointer(base: px.baseAddress!), SendableConstPointer(base: pd.baseAddress!))
                return ParallelFor.map(count: chunks) { chunk in
                    var dw = [S](repeating: 0, count: weightCount)                   // [patch, O]
                    let gradient = UnsafeMutablePointer<S>.allocate(capacity: g.pixels * o)   // [pixels, O]
                    let scratch = UnsafeMutablePointer<Int>.allocate(capacity: g.width)
                    defer { gradient.deallocate(); scratch.deallocate() }
                    dw.withUnsafeMutableBufferPointer { pdw in
                        let dwp = pdw.baseAddress!
                        for n in (chunk * g.batch / chunks)..<((chunk + 1) * g.batch / chunks) {
                            let source = d.base + n * o * g.pixels
                            for k in 0..<o { for p in 0..<g.pixels { gradient[p * o + k] = source[k * g.pixels + p] } }
                            forEachEvent(x.base + n * g.inChannels * plane, g, rows, columns, scratch: scratch) { row, pixel, v in
                                let (dst, src) = (dwp + row * o, gradient + pixel * o)
                                for k in 0..<o { dst[k] += v * src[k] }
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
