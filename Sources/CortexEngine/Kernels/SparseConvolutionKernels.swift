import CKernels
import CortexNumerics

/// Event-driven convolution for sparse inputs such as spike tensors (values mostly 0): only the
/// non-zero inputs do work. For an input event x[c, iy, ix] = v and each kernel tap (ki, kj) that
/// maps it onto an output pixel (oy, ox) = ((iy + p − ki·d)/s, …) when that divides exactly,
///
///     out[·, oy, ox]     += v · W[·, c, ki, kj]             (forward)
///     dW[·, c, ki, kj]   += v · dout[·, oy, ox]             (weight gradient)
///
/// each an O-long vector update in channels-last buffers (the weight packed as `[C, kH, kW, O]`,
/// the output / its gradient transposed per sample to `[pixels, O]`); with stride 1 along W the kW
/// taps of a kernel row are one update of kW·O values (``forEachEvent``). The work is density × that of
/// the dense GEMM, at a lower rate per flop, so ``ConvolutionKernels`` uses this path only below
/// ``maximumDensity`` and only for `groups == 1`. The input gradient (dense dout) stays on GEMM.
/// Tests compare both functions with the dense kernels on sparse inputs of every geometry.
/// One difference by design: a zero input never meets the weights here, so a non-finite weight
/// (where the dense product would give 0·∞ = NaN) only spreads through non-zero inputs.
enum SparseConvolutionKernels {
    /// Largest fraction of non-zero inputs for which the event-driven path is used.
    static let maximumDensity = 0.15

    /// Fraction of non-zero elements of `x`, estimated from every 8th element, or every 257th from
    /// 2¹⁶ elements on (≥ 255 samples; reading every cache line of a large activation cost 3 % of a
    /// training step). The choice of path needs no exact count, and both paths give the same result.
    @_specialize(where S == Float)
    static func density<S: TensorScalar>(_ x: [S]) -> Double { sampledDensity(x) }

    /// The same estimate for bytes (the same elements sampled: the same path as their scalars).
    static func density(bytes x: [UInt8]) -> Double { sampledDensity(x) }

    @inline(__always)
    private static func sampledDensity<E: Equatable & ExpressibleByIntegerLiteral>(_ x: [E]) -> Double {
        guard !x.isEmpty else { return 0 }
        let step = x.count >= 1 << 16 ? 257 : 8
        let sampled = (x.count + step - 1) / step
        let nonzero = x.withUnsafeBufferPointer { p in
            var count = 0
            for i in 0..<sampled { count &+= p[i &* step] != 0 ? 1 : 0 }
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

    static func tables(_ g: ConvolutionGeometry) -> (rows: TapTable, columns: TapTable) {
        (TapTable(inputs: g.height, kernel: g.kernelHeight, padding: g.paddingH, dilation: g.dilationH,
                  stride: g.strideH, outputs: g.outHeight),
         TapTable(inputs: g.width, kernel: g.kernelWidth, padding: g.paddingW, dilation: g.dilationW,
                  stride: g.strideW, outputs: g.outWidth))
    }

    /// Calls `body(row, pixel, count, v)` for every non-zero input v = x[c, iy, ix] of one sample:
    /// the `count` packed weight rows from `row` on reach the `count` output pixels from `pixel` on.
    /// With `merged` (stride and dilation 1 along W) the taps kj of one kernel row reach adjacent
    /// output columns, so with the kj order reversed in the packing (``packedRow``) they form one
    /// contiguous update of count·O values; otherwise count is 1 per tap.
    ///
    /// Each input line is first compacted branch-free into the positions of its non-zeros
    /// (`scratch`, ≥ width entries), so the scan does not mispredict on random spikes.
    /// `sample` holds floating-point values or, from a ``SavedActivation``, bytes (`E`);
    /// `eventBit` is 1 for a non-zero element, branch-free.
    @inline(__always)
    static func forEachEvent<E>(_ sample: UnsafePointer<E>, _ g: ConvolutionGeometry,
                                _ rows: TapTable, _ columns: TapTable, merged: Bool,
                                scratch: UnsafeMutablePointer<Int>, eventBit: (E) -> Int,
                                _ body: (Int, Int, Int, E) -> Void) {
        let (w, plane, kw, ow) = (g.width, g.height * g.width, g.kernelWidth, g.outWidth)
        for c in 0..<g.inChannels {
            for iy in 0..<g.height {
                let line = sample + c * plane + iy * w
                var events = 0
                for ix in 0..<w {
                    scratch[events] = ix
                    events &+= eventBit(line[ix])
                }
                for e in 0..<events {
                    let ix = scratch[e]
                    let v = line[ix]
                    let (first, last) = (columns.start[ix], columns.start[ix + 1])
                    guard first < last else { continue }
                    for r in rows.start[iy]..<rows.start[iy + 1] {
                        let (ki, oy) = rows.taps[r]
                        let rowBase = (c * g.kernelHeight + ki) * kw
                        if merged {
                            // kj = kjLo…kjHi reach ox = ix + p − kj: descending kj ↔ ascending ox.
                            let (kjLo, kjHi) = (columns.taps[first].k, columns.taps[last - 1].k)
                            body(rowBase + (kw - 1 - kjHi), oy * ow + columns.taps[last - 1].o, kjHi - kjLo + 1, v)
                        } else {
                            for t in first..<last {
                                let (kj, ox) = columns.taps[t]
                                body(rowBase + kj, oy * ow + ox, 1, v)
                            }
                        }
                    }
                }
            }
        }
    }

    /// 1 for a non-zero `x`: some exponent or significand bit is set (±0 have none); integer tests
    /// compile without the branches of a floating-point comparison.
    @inline(__always)
    static func eventBit<S: TensorScalar>(_ x: S) -> Int {
        (x.exponentBitPattern != 0 ? 1 : 0) | (x.significandBitPattern != 0 ? 1 : 0)
    }

    /// Whether the taps of a kernel row merge into one update (stride and dilation 1 along W).
    static func mergesColumns(_ g: ConvolutionGeometry) -> Bool { g.strideW == 1 && g.dilationW == 1 }

    /// The packed row of weight (c, ki, kj): kj reversed when the columns merge.
    @inline(__always)
    static func packedRow(_ c: Int, _ ki: Int, _ kj: Int, _ g: ConvolutionGeometry, merged: Bool) -> Int {
        (c * g.kernelHeight + ki) * g.kernelWidth + (merged ? g.kernelWidth - 1 - kj : kj)
    }

    /// The column of the weight `[O, C·kH·kW]` that packed row `r` holds (kj reversed within each
    /// kernel row when the columns merge; the map is its own inverse).
    @inline(__always)
    static func sourceColumn(_ r: Int, kernelWidth kw: Int, merged: Bool) -> Int {
        guard merged else { return r }
        let j = r % kw
        return r - j + (kw - 1 - j)
    }

    /// Output channels per tile of ``pack(_:_:merged:)`` / ``unpack(_:_:merged:)``: the transpose runs
    /// over 16 weight rows at a time, so each source cache line serves 16 packed rows instead of
    /// one (the untiled scatter was 8 % of a LoRaFB-SNet training step, run at every call).
    static let packTile = 16

    /// The weight `[O, C, kH, kW]` as `[packed row, O]`; large weights in parallel chunks of packed
    /// rows (a training step repacks every weight, on the caller's thread otherwise).
    @_specialize(where S == Float)
    static func pack<S: TensorScalar>(_ weight: [S], _ g: ConvolutionGeometry, merged: Bool) -> [S] {
        let (o, p, kw) = (g.outChannels, g.patch, g.kernelWidth)
        precondition(weight.count == o * p, "SparseConvolutionKernels.pack: weight size")
        return [S](unsafeUninitializedCapacity: weight.count) { out, count in
            weight.withUnsafeBufferPointer { w in
                let (src, dst) = (SendableConstPointer(base: w.baseAddress!), SendablePointer(base: out.baseAddress!))
                ParallelFor.run(count: p, minimumChunk: max(1, (1 << 14) / max(1, o))) { rows in
                    for o0 in stride(from: 0, to: o, by: packTile) {
                        let o1 = min(o, o0 + packTile)
                        for r in rows {
                            let (column, row) = (sourceColumn(r, kernelWidth: kw, merged: merged), dst.base + r * o)
                            for oi in o0..<o1 { row[oi] = src.base[oi * p + column] }
                        }
                    }
                }
            }
            count = weight.count
        }
    }

    /// The inverse of ``pack(_:_:merged:)``.
    @_specialize(where S == Float)
    static func unpack<S: TensorScalar>(_ packed: [S], _ g: ConvolutionGeometry, merged: Bool) -> [S] {
        let (o, p, kw) = (g.outChannels, g.patch, g.kernelWidth)
        precondition(packed.count == o * p, "SparseConvolutionKernels.unpack: weight size")
        return [S](unsafeUninitializedCapacity: packed.count) { out, count in
            packed.withUnsafeBufferPointer { w in
                let (src, dst) = (w.baseAddress!, out.baseAddress!)
                for o0 in stride(from: 0, to: o, by: packTile) {
                    let o1 = min(o, o0 + packTile)
                    for r in 0..<p {
                        let (column, row) = (sourceColumn(r, kernelWidth: kw, merged: merged), src + r * o)
                        for oi in o0..<o1 { dst[oi * p + column] = row[oi] }
                    }
                }
            }
            count = packed.count
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
    /// `packing` keeps the packed weight between calls (``PackedWeightCache``).
    static func forward<S: TensorScalar>(input: [S], weight: [S], geometry g: ConvolutionGeometry,
                                         packing: PackedWeightCache<S>? = nil, cKernels: Bool = true) -> [S] {
        let native = CKernelBridge.applies(S.self, cKernels)
        precondition(g.groups == 1, "SparseConvolutionKernels: groups must be 1")
        let o = g.outChannels
        let merged = mergesColumns(g)
        let packed = packing?.packed(weight, g, merged: merged) ?? pack(weight, g, merged: merged)   // [packed row, O]
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
                            forEachEvent(x.base + n * g.inChannels * plane, g, rows, columns, merged: merged,
                                         scratch: scratch, eventBit: eventBit) { row, pixel, count, v in
                                let (dst, src) = (acc + pixel * o, w.base + row * o)
                                if native {
                                    ck_axpy_f32(CKernelBridge.float(dst), CKernelBridge.float(src), CKernelBridge.float(v), count * o)
                                } else {
                                    for k in 0..<(count * o) { dst[k] += v * src[k] }
                                }
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
    static func weightGradient<S: TensorScalar>(input: [S], outputGradient: [S], geometry g: ConvolutionGeometry,
                                                cKernels: Bool = true) -> [S] {
        weightGradient(input: input, outputGradient: outputGradient, geometry: g, cKernels: cKernels, reader: ScalarEvents<S>.self)
    }

    /// The same from an input held as bytes (a compact ``SavedActivation``): each event's value is
    /// the byte converted exactly, so the result is that of the input as scalars.
    @_specialize(where S == Float)
    static func weightGradient<S: TensorScalar>(bytes input: [UInt8], outputGradient: [S], geometry g: ConvolutionGeometry,
                                                cKernels: Bool = true) -> [S] {
        weightGradient(input: input, outputGradient: outputGradient, geometry: g, cKernels: cKernels, reader: ByteEvents<S>.self)
    }

    /// How the weight gradient reads input elements (statically dispatched: `R` is specialised).
    protocol EventReader {
        associatedtype Element
        associatedtype Scalar: TensorScalar
        static func eventBit(_ x: Element) -> Int
        static func value(_ x: Element) -> Scalar
    }

    enum ScalarEvents<S: TensorScalar>: EventReader {
        @inline(__always) static func eventBit(_ x: S) -> Int { SparseConvolutionKernels.eventBit(x) }
        @inline(__always) static func value(_ x: S) -> S { x }
    }

    enum ByteEvents<S: TensorScalar>: EventReader {
        @inline(__always) static func eventBit(_ x: UInt8) -> Int { x != 0 ? 1 : 0 }
        @inline(__always) static func value(_ x: UInt8) -> S { S(x) }
    }

    private static func weightGradient<R: EventReader, S>(input: [R.Element], outputGradient: [S], geometry g: ConvolutionGeometry,
                                                          cKernels: Bool, reader _: R.Type) -> [S] where R.Scalar == S {
        let native = CKernelBridge.applies(S.self, cKernels)
        precondition(g.groups == 1, "SparseConvolutionKernels: groups must be 1")
        let o = g.outChannels
        let weightCount = o * g.patch
        let chunks = min(ParallelFor.defaultWorkers, g.batch)
        let plane = g.height * g.width
        let (rows, columns) = tables(g)
        let merged = mergesColumns(g)
        let partials: [[S]] = input.withUnsafeBufferPointer { px in
            outputGradient.withUnsafeBufferPointer { pd in
                let (x, d) = (SendableConstPointer(base: px.baseAddress!), SendableConstPointer(base: pd.baseAddress!))
                return ParallelFor.map(count: chunks) { chunk in
                    var dw = [S](repeating: 0, count: weightCount)                   // [packed row, O]
                    let gradient = UnsafeMutablePointer<S>.allocate(capacity: g.pixels * o)   // [pixels, O]
                    let scratch = UnsafeMutablePointer<Int>.allocate(capacity: g.width)
                    defer { gradient.deallocate(); scratch.deallocate() }
                    dw.withUnsafeMutableBufferPointer { pdw in
                        let dwp = pdw.baseAddress!
                        for n in (chunk * g.batch / chunks)..<((chunk + 1) * g.batch / chunks) {
                            let source = d.base + n * o * g.pixels
                            for k in 0..<o { for p in 0..<g.pixels { gradient[p * o + k] = source[k * g.pixels + p] } }
                            forEachEvent(x.base + n * g.inChannels * plane, g, rows, columns, merged: merged,
                                         scratch: scratch, eventBit: R.eventBit) { row, pixel, count, e in
                                let (dst, src, v) = (dwp + row * o, gradient + pixel * o, R.value(e))
                                if native {
                                    ck_axpy_f32(CKernelBridge.float(dst), CKernelBridge.float(UnsafePointer(src)),
                                                CKernelBridge.float(v), count * o)
                                } else {
                                    for k in 0..<(count * o) { dst[k] += v * src[k] }
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
        return unpack(total, g, merged: merged)
    }
}
