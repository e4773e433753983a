import CortexNumerics

/// Max, average and adaptive-average pooling with their adjoints, parallel over planes (N·C).
/// Every plane reads and writes only its own slice, so chunks never overlap.
enum PoolingKernels {
    /// Max pooling (implicit −∞ padding); returns values and the flat input index of each maximum
    /// (the first one in window order on ties, as PyTorch).
    @_specialize(where S == Float)
    static func maxForward<S: TensorScalar>(_ x: [S], _ g: PoolGeometry, keepArgmax: Bool = true) -> ([S], [Int]) {
        // Without a backward pass (`keepArgmax` false) the window positions are not kept: argmax is empty.
        if !keepArgmax { return (maxValues(x, g), []) }
        let count = g.planes * g.outHeight * g.outWidth
        var out = [S](repeating: 0, count: count)
        var argmax = [Int](repeating: 0, count: count)
        x.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { po in
                argmax.withUnsafeMutableBufferPointer { pa in
                    let (xs, os, idx) = (SendableConstPointer(base: px.baseAddress!),
                                         SendablePointer(base: po.baseAddress!), SendablePointer(base: pa.baseAddress!))
                    ParallelFor.run(count: g.planes, minimumChunk: 64) { planes in
                        // The window's valid rows / columns are computed once per output (padding is
                        // at most half the kernel, so every window has one); the running maximum is a
                        // branch-free select: spike inputs tie everywhere and made the compare branches
                        // mispredict (3 % of a LoRaFB-SNet training step). Strict `>` keeps the first
                        // maximum in window order, and a NaN in front stays, as before.
                        let (h, w, kh, kw) = (g.height, g.width, g.kernelH, g.kernelW)
                        for p in planes {
                            let plane = p * h * w
                            for oy in 0..<g.outHeight {
                                let y0 = oy * g.strideH - g.paddingH
                                let (kiLo, kiHi) = (max(0, -y0), min(kh, h - y0))
                                for ox in 0..<g.outWidth {
                                    let x0 = ox * g.strideW - g.paddingW
                                    let (kjLo, kjHi) = (max(0, -x0), min(kw, w - x0))
                                    var bestIndex = plane + (y0 + kiLo) * w + x0 + kjLo
                                    var best = xs.base[bestIndex]
                                    let o = (p * g.outHeight + oy) * g.outWidth + ox
                                    for ki in kiLo..<kiHi {
                                        let row = plane + (y0 + ki) * w + x0
                                        for kj in kjLo..<kjHi {
                                            let v = xs.base[row + kj]
                                            let better = v > best
                                            best = better ? v : best
                                            bestIndex = better ? row + kj : bestIndex
                                        }
                                    }
                                    os.base[o] = best
                                    idx.base[o] = bestIndex
                                }
                            }
                        }
                    }
                }
            }
        }
        return (out, argmax)
    }

    /// Max pooling's values only (no backward pass), separably: the running maximum of each input
    /// row's windows, then of those along the columns (a vector loop over the output row). With the
    /// same strict-`>` select the result is the maximum of ``maxForward(_:_:keepArgmax:)``'s
    /// row-major scan bit for bit: ties keep the first row's first value, a NaN in front stays.
    @_specialize(where S == Float)
    static func maxValues<S: TensorScalar>(_ x: [S], _ g: PoolGeometry) -> [S] {
        let (h, w, oh, ow) = (g.height, g.width, g.outHeight, g.outWidth)
        var out = [S](repeating: 0, count: g.planes * oh * ow)
        guard !out.isEmpty else { return out }
        x.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { po in
                let (xs, os) = (SendableConstPointer(base: px.baseAddress!), SendablePointer(base: po.baseAddress!))
                ParallelFor.run(count: g.planes, minimumChunk: 64) { planes in
                    let rows = UnsafeMutablePointer<S>.allocate(capacity: h * ow)
                    defer { rows.deallocate() }
                    for p in planes {
                        let plane = xs.base + p * h * w
                        for y in 0..<h {
                            let (r, t) = (plane + y * w, rows + y * ow)
                            for ox in 0..<ow {
                                let x0 = ox * g.strideW - g.paddingW
                                let (lo, hi) = (max(0, -x0), min(g.kernelW, w - x0))
                                var best = r[x0 + lo]
                                for kj in (lo + 1)..<hi {
                                    let v = r[x0 + kj]
                                    best = v > best ? v : best
                                }
                                t[ox] = best
                            }
                        }
                        for oy in 0..<oh {
                            let y0 = oy * g.strideH - g.paddingH
                            let (lo, hi) = (max(0, -y0), min(g.kernelH, h - y0))
                            let o = os.base + (p * oh + oy) * ow
                            o.update(from: rows + (y0 + lo) * ow, count: ow)
                            for ki in (lo + 1)..<hi {
                                let t = rows + (y0 + ki) * ow
                                for ox in 0..<ow {
                                    let v = t[ox]
                                    o[ox] = v > o[ox] ? v : o[ox]
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// The adjoint of max pooling: each output gradient goes to its window's maximum.
    @_specialize(where S == Float)
    static func maxAdjoint<S: TensorScalar>(_ g: [S], argmax: [Int], inputCount: Int) -> [S] {
        var dx = [S](repeating: 0, count: inputCount)
        dx.withUnsafeMutableBufferPointer { pd in
            g.withUnsafeBufferPointer { pg in
                argmax.withUnsafeBufferPointer { pa in
                    for o in 0..<pa.count where pa[o] >= 0 { pd[pa[o]] += pg[o] }
                }
            }
        }
        return dx
    }

    /// Average pooling, dividing by the full window (`count_include_pad=True`, PyTorch's default).
    /// With `adjoint`, spreads `x` (an output gradient) back over the windows instead.
    @_specialize(where S == Float)
    static func average<S: TensorScalar>(_ x: [S], _ g: PoolGeometry, adjoint: Bool) -> [S] {
        let scale = 1 / S(g.kernelH * g.kernelW)
        var out = [S](repeating: 0, count: adjoint ? g.planes * g.height * g.width
                                                   : g.planes * g.outHeight * g.outWidth)
        x.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { po in
                let (xs, os) = (SendableConstPointer(base: px.baseAddress!), SendablePointer(base: po.baseAddress!))
                ParallelFor.run(count: g.planes, minimumChunk: 64) { planes in
                    for p in planes {
                        let plane = p * g.height * g.width
                        for oy in 0..<g.outHeight {
                            for ox in 0..<g.outWidth {
                                let o = (p * g.outHeight + oy) * g.outWidth + ox
                                var s: S = 0
                                for ki in 0..<g.kernelH {
                                    let iy = oy * g.strideH - g.paddingH + ki
                                    guard iy >= 0 && iy < g.height else { continue }
                                    for kj in 0..<g.kernelW {
                                        let ix = ox * g.strideW - g.paddingW + kj
                                        guard ix >= 0 && ix < g.width else { continue }
                                        if adjoint {
                                            os.base[plane + iy * g.width + ix] += xs.base[o] * scale
                                        } else {
                                            s += xs.base[plane + iy * g.width + ix]
                                        }
                                    }
                                }
                                if !adjoint { os.base[o] = s * scale }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// PyTorch's adaptive bins: output cell i covers `⌊i·H/out⌋ ..< ⌈(i+1)·H/out⌉`.
    static func adaptiveBin(_ i: Int, _ size: Int, _ out: Int) -> Range<Int> {
        (i * size / out)..<(((i + 1) * size + out - 1) / out)
    }

    /// Adaptive average pooling of `[planes, H, W]` to `[planes, outH, outW]`, or its adjoint.
    @_specialize(where S == Float)
    static func adaptiveAverage<S: TensorScalar>(_ x: [S], planes: Int, height: Int, width: Int,
                                                 outHeight: Int, outWidth: Int, adjoint: Bool) -> [S] {
        var out = [S](repeating: 0, count: adjoint ? planes * height * width : planes * outHeight * outWidth)
        x.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { po in
                let (xs, os) = (SendableConstPointer(base: px.baseAddress!), SendablePointer(base: po.baseAddress!))
                ParallelFor.run(count: planes, minimumChunk: 64) { range in
                    for p in range {
                        let plane = p * height * width
                        for oy in 0..<outHeight {
                            let rows = adaptiveBin(oy, height, outHeight)
                            for ox in 0..<outWidth {
                                let columns = adaptiveBin(ox, width, outWidth)
                                let scale = 1 / S(rows.count * columns.count)
                                let o = (p * outHeight + oy) * outWidth + ox
                                var s: S = 0
                                for iy in rows {
                                    for ix in columns {
                                        if adjoint {
                                            os.base[plane + iy * width + ix] += xs.base[o] * scale
                                        } else {
                                            s += xs.base[plane + iy * width + ix]
                                        }
                                    }
                                }
                                if !adjoint { os.base[o] = s * scale }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
