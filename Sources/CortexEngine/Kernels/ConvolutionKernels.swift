import CKernels
import CortexNumerics

/// 2-D convolution by im2col + GEMM (``BLASScalar/blasGemm(transA:transB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)``),
/// parallel over the batch.
///
/// For group g and a *panel* of P samples side by side, with `cols` the `[C/g·kH·kW, P·outH·outW]`
/// patch matrix and `dout` the `[O/g, P·outH·outW]` output gradients of the panel:
///
///     out[·, g]  = W[g] · cols                      (forward)
///     dcols      = W[g]ᵀ · dout;  dx = col2im(dcols)
///     dW[g]     += dout · colsᵀ
///
/// Panels make the GEMMs wide enough to run near peak when the images are small (a 7×7 output
/// gives 49 columns per sample; P samples give ≈ ``panelColumns``); their output and gradient
/// blocks are copied between the panel layout and `[N, C, H, W]`. With one sample per panel
/// (large images, or `panelColumns: 1`, which the tests use to check both paths against each
/// other) the GEMMs read and write the tensors in place, and a 1×1 stride-1 unpadded
/// convolution skips im2col (the input is already the patch matrix).
/// Sparse inputs (spikes) take the event-driven path of ``SparseConvolutionKernels`` for the
/// forward pass and the weight gradient.
/// ``naiveForward(input:weight:geometry:)`` is the direct 7-loop reference the tests compare with.
enum ConvolutionKernels {
    /// Target GEMM width (columns) of a panel. 256 rather than 1,024: the patch matrix of a panel
    /// stays in L2, and 16×16 outputs (SDT's token maps, SEW-ResNet's first stage) take one sample
    /// per GEMM, written in place without panel copies (training step −4 % CPU on
    /// spike-driven-transformer-2-64 and sew-resnet18-w16, alternating runs).
    static let panelColumns = 256

    /// Samples per panel for `g`: enough for ≈ `columns` GEMM columns, at most `limit`.
    static func panelSize(_ g: ConvolutionGeometry, limit: Int, columns: Int) -> Int {
        max(1, min(limit, columns / max(1, g.pixels)))
    }

    /// The output columns `lo..<hi` whose input column ix = ox·s − p + kj·d lies inside `0..<width`
    /// (the rest read the zero padding).
    @inline(__always)
    static func validColumns(_ kj: Int, _ g: ConvolutionGeometry) -> (lo: Int, hi: Int, offset: Int) {
        let offset = kj * g.dilationW - g.paddingW                       // ix = ox·s + offset
        let lo = offset >= 0 ? 0 : min(g.outWidth, (-offset + g.strideW - 1) / g.strideW)
        let last = g.width - 1 - offset                                  // ox·s ≤ last
        let hi = last < 0 ? 0 : min(g.outWidth, last / g.strideW + 1)
        return (lo, max(lo, hi), offset)
    }

    /// Fills the `patch × pixels` block of `cols` (row stride `ld`) from one group of one sample
    /// (`x` points at channel 0 of it). Rows are (c, ki, kj); the valid column range of each kj is
    /// computed once, so the inner loop is a contiguous copy (stride 1) or a strided gather.
    @_specialize(where S == Float)
    static func im2col<S: TensorScalar>(_ x: UnsafePointer<S>, _ g: ConvolutionGeometry,
                                        _ cols: UnsafeMutablePointer<S>, ld: Int) {
        let (h, w, oh, ow, sw) = (g.height, g.width, g.outHeight, g.outWidth, g.strideW)
        var row = 0
        for c in 0..<g.inPerGroup {
            let plane = x + c * h * w
            for ki in 0..<g.kernelHeight {
                for kj in 0..<g.kernelWidth {
                    let (lo, hi, offset) = validColumns(kj, g)
                    let dst = cols + row * ld
                    for oy in 0..<oh {
                        let iy = oy * g.strideH - g.paddingH + ki * g.dilationH
                        let line = dst + oy * ow
                        if iy < 0 || iy >= h || lo == hi {
                            line.update(repeating: 0, count: ow)
                            continue
                        }
                        if lo > 0 { line.update(repeating: 0, count: lo) }
                        if hi < ow { (line + hi).update(repeating: 0, count: ow - hi) }
                        let src = plane + iy * w + offset
                        if sw == 1 {
                            (line + lo).update(from: src + lo, count: hi - lo)
                        } else {
                            for ox in lo..<hi { line[ox] = src[ox * sw] }
                        }
                    }
                    row += 1
                }
            }
        }
    }

    /// Adds the `patch × pixels` block of `cols` (row stride `ld`) back into one group of one
    /// sample (adjoint of ``im2col(_:_:_:ld:)``).
    @_specialize(where S == Float)
    static func col2im<S: TensorScalar>(_ cols: UnsafePointer<S>, _ g: ConvolutionGeometry,
                                        _ x: UnsafeMutablePointer<S>, ld: Int) {
        let (h, w, oh, ow, sw) = (g.height, g.width, g.outHeight, g.outWidth, g.strideW)
        var row = 0
        for c in 0..<g.inPerGroup {
            let plane = x + c * h * w
            for ki in 0..<g.kernelHeight {
                for kj in 0..<g.kernelWidth {
                    let (lo, hi, offset) = validColumns(kj, g)
                    let src = cols + row * ld
                    for oy in 0..<oh where lo < hi {
                        let iy = oy * g.strideH - g.paddingH + ki * g.dilationH
                        if iy < 0 || iy >= h { continue }
                        let dst = plane + iy * w + offset
                        let line = src + oy * ow
                        if sw == 1 {
                            for ox in lo..<hi { dst[ox] += line[ox] }
                        } else {
                            for ox in lo..<hi { dst[ox * sw] += line[ox] }
                        }
                    }
                    row += 1
                }
            }
        }
    }

    /// Copies `rows` rows of `width` between a tensor block (row stride `width`) and a panel
    /// (row stride `ld`), in the direction given.
    @inline(__always)
    static func copyRows<S>(_ rows: Int, _ width: Int, from src: UnsafePointer<S>, ldFrom: Int,
                            to dst: UnsafeMutablePointer<S>, ldTo: Int) {
        for r in 0..<rows { (dst + r * ldTo).update(from: src + r * ldFrom, count: width) }
    }

    /// `[N, C, H, W] ⊛ [O, C/g, kH, kW] → [N, O, outH, outW]` (no bias).
    @_specialize(where S == Float)
    /// Inputs with at most `eventDrivenBelow` non-zero elements take the event-driven path
    /// (``SparseConvolutionKernels``, groups 1); tests pass 1 or −1 to force either path.
    static func forward<S: TensorScalar>(input: [S], weight: [S], geometry g: ConvolutionGeometry,
                                               panelColumns columns: Int = ConvolutionKernels.panelColumns,
                                               eventDrivenBelow threshold: Double = SparseConvolutionKernels.maximumDensity,
                                               packing: PackedWeightCache<S>? = nil) -> [S] {
        if g.groups == 1, threshold >= 0, SparseConvolutionKernels.density(input) <= threshold {
            return SparseConvolutionKernels.forward(input: input, weight: weight, geometry: g, packing: packing)
        }
        let outCount = g.batch * g.outChannels * g.pixels
        var out = [S](unsafeUninitializedCapacity: outCount) { _, c in c = outCount }
        let plane = g.height * g.width
        input.withUnsafeBufferPointer { px in
            weight.withUnsafeBufferPointer { pw in
                out.withUnsafeMutableBufferPointer { po in
                    let x = SendableConstPointer(base: px.baseAddress!)
                    let wt = SendableConstPointer(base: pw.baseAddress!)
                    let o = SendablePointer(base: po.baseAddress!)
                    ParallelFor.run(count: g.batch) { range in
                        let p = panelSize(g, limit: range.count, columns: columns)
                        let ld = p * g.pixels
                        let cols = UnsafeMutablePointer<S>.allocate(capacity: g.patch * ld)
                        let result = UnsafeMutablePointer<S>.allocate(capacity: p > 1 ? g.outPerGroup * ld : 1)
                        defer { cols.deallocate(); result.deallocate() }
                        for first in stride(from: range.lowerBound, to: range.upperBound, by: p) {
                            let samples = min(p, range.upperBound - first)
                            for group in 0..<g.groups {
                                func source(_ n: Int) -> UnsafePointer<S> { x.base + (n * g.inChannels + group * g.inPerGroup) * plane }
                                func target(_ n: Int) -> UnsafeMutablePointer<S> { o.base + (n * g.outChannels + group * g.outPerGroup) * g.pixels }
                                let direct = p == 1 && g.isPointwise
                                if !direct {
                                    for s in 0..<samples { im2col(source(first + s), g, cols + s * g.pixels, ld: ld) }
                                }
                                S.blasGemm(transA: false, transB: false, m: g.outPerGroup, n: samples * g.pixels,
                                           k: g.patch, alpha: 1, a: wt.base + group * g.outPerGroup * g.patch, lda: g.patch,
                                           b: direct ? source(first) : UnsafePointer(cols), ldb: direct ? g.pixels : ld,
                                           beta: 0, c: p == 1 ? target(first) : result, ldc: p == 1 ? g.pixels : ld)
                                if p > 1 {
                                    for s in 0..<samples {
                                        copyRows(g.outPerGroup, g.pixels, from: result + s * g.pixels, ldFrom: ld,
                                                 to: target(first + s), ldTo: g.pixels)
                                    }
                                }
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
    /// On the C path, `fused(g)` decides whether the samples go to
    /// ``fusedInputGradient(outputGradient:weight:geometry:)`` instead of GEMM + col2im
    /// (default ``fusesInputGradient(_:)``; tests force either path).
    static func inputGradient<S: TensorScalar>(outputGradient: [S], weight: [S],
                                               geometry g: ConvolutionGeometry,
                                               panelColumns columns: Int = ConvolutionKernels.panelColumns,
                                               fused: (ConvolutionGeometry) -> Bool = ConvolutionKernels.fusesInputGradient,
                                               cKernels: Bool = true) -> [S] {
        let native = CKernelBridge.applies(S.self, cKernels)
        if native && !g.isPointwise && fused(g) {
            return fusedInputGradient(outputGradient: outputGradient, weight: weight, geometry: g)
        }
        var dx = [S](repeating: 0, count: g.batch * g.inChannels * g.height * g.width)
        let plane = g.height * g.width
        outputGradient.withUnsafeBufferPointer { pd in
            weight.withUnsafeBufferPointer { pw in
                dx.withUnsafeMutableBufferPointer { pdx in
                    let d = SendableConstPointer(base: pd.baseAddress!)
                    let wt = SendableConstPointer(base: pw.baseAddress!)
                    let x = SendablePointer(base: pdx.baseAddress!)
                    ParallelFor.run(count: g.batch) { range in
                        let p = panelSize(g, limit: range.count, columns: columns)
                        let ld = p * g.pixels
                        let cols = UnsafeMutablePointer<S>.allocate(capacity: g.patch * ld)
                        let panel = UnsafeMutablePointer<S>.allocate(capacity: p > 1 ? g.outPerGroup * ld : 1)
                        defer { cols.deallocate(); panel.deallocate() }
                        for first in stride(from: range.lowerBound, to: range.upperBound, by: p) {
                            let samples = min(p, range.upperBound - first)
                            for group in 0..<g.groups {
                                func gradient(_ n: Int) -> UnsafePointer<S> { d.base + (n * g.outChannels + group * g.outPerGroup) * g.pixels }
                                func target(_ n: Int) -> UnsafeMutablePointer<S> { x.base + (n * g.inChannels + group * g.inPerGroup) * plane }
                                if p > 1 {
                                    for s in 0..<samples {
                                        copyRows(g.outPerGroup, g.pixels, from: gradient(first + s), ldFrom: g.pixels,
                                                 to: panel + s * g.pixels, ldTo: ld)
                                    }
                                }
                                let direct = p == 1 && g.isPointwise
                                S.blasGemm(transA: true, transB: false, m: g.patch, n: samples * g.pixels,
                                           k: g.outPerGroup, alpha: 1, a: wt.base + group * g.outPerGroup * g.patch, lda: g.patch,
                                           b: p == 1 ? gradient(first) : UnsafePointer(panel), ldb: p == 1 ? g.pixels : ld,
                                           beta: 0, c: direct ? target(first) : cols, ldc: direct ? g.pixels : ld)
                                if !direct {
                                    for s in 0..<samples {
                                        if native {
                                            ck_col2im_f32(CKernelBridge.float(UnsafePointer(cols + s * g.pixels)), ld,
                                                          CKernelBridge.float(target(first + s)), g.inPerGroup, g.height, g.width,
                                                          g.outHeight, g.outWidth, g.kernelHeight, g.kernelWidth, g.strideH, g.strideW,
                                                          g.paddingH, g.paddingW, g.dilationH, g.dilationW)
                                        } else {
                                            col2im(cols + s * g.pixels, g, target(first + s), ld: ld)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx
    }

    /// dL/dW from a saved input: a sparse input held as bytes goes to the event-driven kernel
    /// without being expanded (the same events and values, so the same result).
    @_specialize(where S == Float)
    static func weightGradient<S: TensorScalar>(saved input: SavedActivation<S>, outputGradient: [S],
                                                geometry g: ConvolutionGeometry) -> [S] {
        if let bytes = input.compactBytes, g.groups == 1,
           SparseConvolutionKernels.density(bytes: bytes) <= SparseConvolutionKernels.maximumDensity {
            return SparseConvolutionKernels.weightGradient(bytes: bytes, outputGradient: outputGradient, geometry: g)
        }
        return weightGradient(input: input.scalars(), outputGradient: outputGradient, geometry: g)
    }

    /// dL/dW from the input and dL/dout; per-chunk partial sums are added at the end. On the C path,
    /// `fused(g)` (default ``fusesWeightGradient(_:)``) sends dense inputs to
    /// ``fusedWeightGradient(input:outputGradient:geometry:)``.
    @_specialize(where S == Float)
    static func weightGradient<S: TensorScalar>(input: [S], outputGradient: [S],
                                                geometry g: ConvolutionGeometry,
                                               panelColumns columns: Int = ConvolutionKernels.panelColumns,
                                               eventDrivenBelow threshold: Double = SparseConvolutionKernels.maximumDensity,
                                               fused: (ConvolutionGeometry) -> Bool = ConvolutionKernels.fusesWeightGradient,
                                               cKernels: Bool = true) -> [S] {
        if g.groups == 1, threshold >= 0, SparseConvolutionKernels.density(input) <= threshold {
            return SparseConvolutionKernels.weightGradient(input: input, outputGradient: outputGradient, geometry: g)
        }
        if CKernelBridge.applies(S.self, cKernels) && fused(g) {
            return fusedWeightGradient(input: input, outputGradient: outputGradient, geometry: g)
        }
        let weightCount = g.outChannels * g.patch
        let chunks = min(ParallelFor.defaultWorkers, g.batch)
        let plane = g.height * g.width
        let partials: [[S]] = input.withUnsafeBufferPointer { px in
            outputGradient.withUnsafeBufferPointer { pd in
                let x = SendableConstPointer(base: px.baseAddress!)
                let d = SendableConstPointer(base: pd.baseAddress!)
                return ParallelFor.map(count: chunks) { chunk in
                    var dw = [S](repeating: 0, count: weightCount)
                    let range = (chunk * g.batch / chunks)..<((chunk + 1) * g.batch / chunks)
                    let p = panelSize(g, limit: max(1, range.count), columns: columns)
                    let ld = p * g.pixels
                    let cols = UnsafeMutablePointer<S>.allocate(capacity: g.patch * ld)
                    let panel = UnsafeMutablePointer<S>.allocate(capacity: p > 1 ? g.outPerGroup * ld : 1)
                    defer { cols.deallocate(); panel.deallocate() }
                    dw.withUnsafeMutableBufferPointer { pdw in
                        for first in stride(from: range.lowerBound, to: range.upperBound, by: p) {
                            let samples = min(p, range.upperBound - first)
                            for group in 0..<g.groups {
                                func source(_ n: Int) -> UnsafePointer<S> { x.base + (n * g.inChannels + group * g.inPerGroup) * plane }
                                func gradient(_ n: Int) -> UnsafePointer<S> { d.base + (n * g.outChannels + group * g.outPerGroup) * g.pixels }
                                let direct = p == 1 && g.isPointwise
                                if !direct {
                                    for s in 0..<samples { im2col(source(first + s), g, cols + s * g.pixels, ld: ld) }
                                }
                                if p > 1 {
                                    for s in 0..<samples {
                                        copyRows(g.outPerGroup, g.pixels, from: gradient(first + s), ldFrom: g.pixels,
                                                 to: panel + s * g.pixels, ldTo: ld)
                                    }
                                }
                                S.blasGemm(transA: false, transB: true, m: g.outPerGroup, n: g.patch,
                                           k: samples * g.pixels, alpha: 1,
                                           a: p == 1 ? gradient(first) : UnsafePointer(panel), lda: p == 1 ? g.pixels : ld,
                                           b: direct ? source(first) : UnsafePointer(cols), ldb: direct ? g.pixels : ld, beta: 1,
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
