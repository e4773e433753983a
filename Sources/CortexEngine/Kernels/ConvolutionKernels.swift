import CortexNumerics

/// 2-D convolution by im2col + GEMM (``BLASScalar/blasGemm(transA:transB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)``),
/// parallel over the batch.
///
/// For sample n and group g, with `cols` the `[C/g·kH·kW, outH·outW]` patch matrix:
///
///     out[n, g]  = W[g] · cols                      (forward)
///     dcols      = W[g]ᵀ · dout[n, g];  dx = col2im(dcols)
///     dW[g]     += dout[n, g] · colsᵀ
///
/// A 1×1 stride-1 unpadded convolution skips im2col (the input is already the patch matrix).
/// ``naiveForward(input:weight:geometry:)`` is the direct 7-loop reference the tests compare with.
enum ConvolutionKernels {
    /// Fills `cols` (`patch × pixels`) from one group of one sample (`x` points at channel 0 of it).
    @_specialize(where S == Float)
    static func im2col<S: TensorScalar>(_ x: UnsafePointer<S>, _ g: ConvolutionGeometry,
                                        _ cols: UnsafeMutablePointer<S>) {
        let (h, w, oh, ow) = (g.height, g.width, g.outHeight, g.outWidth)
        var row = 0
        for c in 0..<g.inPerGroup {
            let plane = x + c * h * w
            for ki in 0..<g.kernelHeight {
                for kj in 0..<g.kernelWidth {
                    let dst = cols + row * oh * ow
                    for oy in 0..<oh {
                        let iy = oy * g.strideH - g.paddingH + ki * g.dilationH
                        let line = dst + oy * ow
                        if iy < 0 || iy >= h {
                            line.update(repeating: 0, count: ow)
                            continue
                        }
                        let src = plane + iy * w
                        for ox in 0..<ow {
                            let ix = ox * g.strideW - g.paddingW + kj * g.dilationW
                            line[ox] = (ix >= 0 && ix < w) ? src[ix] : 0
                        }
                    }
                    row += 1
                }
            }
        }
    }

    /// Adds the patch matrix `cols` back into one group of one sample (adjoint of ``im2col``).
    @_specialize(where S == Float)
    static func col2im<S: TensorScalar>(_ cols: UnsafePointer<S>, _ g: ConvolutionGeometry,
                                        _ x: UnsafeMutablePointer<S>) {
        let (h, w, oh, ow) = (g.height, g.width, g.outHeight, g.outWidth)
        var row = 0
        for c in 0..<g.inPerGroup {
            let plane = x + c * h * w
            for ki in 0..<g.kernelHeight {
                for kj in 0..<g.kernelWidth {
                    let src = cols + row * oh * ow
                    for oy in 0..<oh {
                        let iy = oy * g.strideH - g.paddingH + ki * g.dilationH
                        if iy < 0 || iy >= h { continue }
                        let dst = plane + iy * w
                        let line = src + oy * ow
                        for ox in 0..<ow {
                            let ix = ox * g.strideW - g.paddingW + kj * g.dilationW
                            if ix >= 0 && ix < w { dst[ix] += line[ox] }
                        }
                    }
                    row += 1
                }
            }
        }
    }

    /// `[N, C, H, W] ⊛ [O, C/g, kH, kW] → [N, O, outH, outW]` (no bias).
    @_specialize(where S == Float)
    static func forward<S: TensorScalar>(input: [S], weight: [S], geometry g: ConvolutionGeometry) -> [S] {
        let outCount = g.batch * g.outChannels * g.pixels
        var out = [S](repeating: 0, count: outCount)
        input.withUnsafeBufferPointer { px in
            weight.withUnsafeBufferPointer { pw in
                out.withUnsafeMutableBufferPointer { po in
                    let x = SendableConstPointer(base: px.baseAddress!)
                    let wt = SendableConstPointer(base: pw.baseAddress!)
                    let o = SendablePointer(base: po.baseAddress!)
                    ParallelFor.run(count: g.batch) { range in
                        let cols = UnsafeMutablePointer<S>.allocate(capacity: g.patch * g.pixels)
                        defer { cols.deallocate() }
                        for n in range {
                            for group in 0..<g.groups {
                                let source = x.base + (n * g.inChannels + group * g.inPerGroup) * g.height * g.width
                                if !g.isPointwise { im2col(source, g, cols) }
                                S.blasGemm(transA: false, transB: false, m: g.outPerGroup, n: g.pixels,
                                           k: g.patch, alpha: 1,
                                           a: wt.base + group * g.outPerGroup * g.patch, lda: g.patch,
                                           b: g.isPointwise ? source : UnsafePointer(cols), ldb: g.pixels, beta: 0,
                                           c: o.base + (n * g.outChannels + group * g.outPerGroup) * g.pixels,
                                           ldc: g.pixels)
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// dL/dx from dL/dout (also the forward pass of a transposed convolution).
    @_specialize(where S == Float)
    static func inputGradient<S: TensorScalar>(outputGradient: [S], weight: [S],
                                               geometry g: ConvolutionGeometry) -> [S] {
        var dx = [S](repeating: 0, count: g.batch * g.inChannels * g.height * g.width)
        outputGradient.withUnsafeBufferPointer { pd in
            weight.withUnsafeBufferPointer { pw in
                dx.withUnsafeMutableBufferPointer { pdx in
                    let d = SendableConstPointer(base: pd.baseAddress!)
                    let wt = SendableConstPointer(base: pw.baseAddress!)
                    let x = SendablePointer(base: pdx.baseAddress!)
                    ParallelFor.run(count: g.batch) { range in
                        let cols = UnsafeMutablePointer<S>.allocate(capacity: g.patch * g.pixels)
                        defer { cols.deallocate() }
                        for n in range {
                            for group in 0..<g.groups {
                                let target = x.base + (n * g.inChannels + group * g.inPerGroup) * g.height * g.width
                                S.blasGemm(transA: true, transB: false, m: g.patch, n: g.pixels,
                                           k: g.outPerGroup, alpha: 1,
                                           a: wt.base + group * g.outPerGroup * g.patch, lda: g.patch,
                                           b: d.base + (n * g.outChannels + group * g.outPerGroup) * g.pixels,
                                           ldb: g.pixels, beta: 0, c: g.isPointwise ? target : cols, ldc: g.pixels)
                                if !g.isPointwise { col2im(cols, g, target) }
                            }
                        }
                    }
                }
            }
        }
        return dx
    }

    /// dL/dW from the input and dL/dout; per-chunk partial sums are added at the end.
    @_specialize(where S == Float)
    static func weightGradient<S: TensorScalar>(input: [S], outputGradient: [S],
                                                geometry g: ConvolutionGeometry) -> [S] {
        let weightCount = g.outChannels * g.patch
        let chunks = min(ParallelFor.defaultWorkers, g.batch)
        let partials: [[S]] = input.withUnsafeBufferPointer { px in
            outputGradient.withUnsafeBufferPointer { pd in
                let x = SendableConstPointer(base: px.baseAddress!)
                let d = SendableConstPointer(base: pd.baseAddress!)
                return ParallelFor.map(count: chunks) { chunk in
                    var dw = [S](repeating: 0, count: weightCount)
                    let cols = UnsafeMutablePointer<S>.allocate(capacity: g.patch * g.pixels)
                    defer { cols.deallocate() }
                    dw.withUnsafeMutableBufferPointer { pdw in
                        for n in (chunk * g.batch / chunks)..<((chunk + 1) * g.batch / chunks) {
                            for group in 0..<g.groups {
                                let source = x.base + (n * g.inChannels + group * g.inPerGroup) * g.height * g.width
                                if !g.isPointwise { im2col(source, g, cols) }
                                S.blasGemm(transA: false, transB: true, m: g.outPerGroup, n: g.patch,
                                           k: g.pixels, alpha: 1,
                                           a: d.base + (n * g.outChannels + group * g.outPerGroup) * g.pixels,
                                           lda: g.pixels, b: g.isPointwise ? source : UnsafePointer(cols), ldb: g.pixels, beta: 1,
                                           c: pdw.baseAddress! + group * g.outPerGroup * g.patch, ldc: g.patch)
                            }
                        }
                    }
                    return dw
                }
            }
        }
        var total = partials[0]
        for p in partials.dropFirst() { for i in 0..<weightCount { total[i] += p[i] } }
        return total
    }

    /// Direct convolution by definition (reference for tests; O(N·O·outH·outW·C/g·kH·kW)).
    @_specialize(where S == Float)
    static func naiveForward<S: TensorScalar>(input: [S], weight: [S], geometry g: ConvolutionGeometry) -> [S] {
        var out = [S](repeating: 0, count: g.batch * g.outChannels * g.pixels)
        for n in 0..<g.batch {
            for o in 0..<g.outChannels {
                let group = o / g.outPerGroup
                for oy in 0..<g.outHeight {
                    for ox in 0..<g.outWidth {
                        var s: S = 0
                        for c in 0..<g.inPerGroup {
                            let ci = group * g.inPerGroup + c
                            for ki in 0..<g.kernelHeight {
                                for kj in 0..<g.kernelWidth {
                                    let iy = oy * g.strideH - g.paddingH + ki * g.dilationH
                                    let ix = ox * g.strideW - g.paddingW + kj * g.dilationW
                                    guard iy >= 0, iy < g.height, ix >= 0, ix < g.width else { continue }
                                    s += input[((n * g.inChannels + ci) * g.height + iy) * g.width + ix]
                                        * weight[((o * g.inPerGroup + c) * g.kernelHeight + ki) * g.kernelWidth + kj]
                                }
                            }
                        }
                        out[((n * g.outChannels + o) * g.outHeight + oy) * g.outWidth + ox] = s
                    }
                }
            }
        }
        return out
    }
}
