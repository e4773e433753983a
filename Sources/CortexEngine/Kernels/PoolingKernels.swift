/// Max, average and adaptive-average pooling with their adjoints.
enum PoolingKernels {
    /// Max pooling (implicit −∞ padding); returns values and the flat input index of each maximum.
    static func maxForward<S: TensorScalar>(_ x: [S], _ g: PoolGeometry) -> ([S], [Int]) {
        let count = g.planes * g.outHeight * g.outWidth
        var out = [S](repeating: 0, count: count)
        var argmax = [Int](repeating: 0, count: count)
        x.withUnsafeBufferPointer { px in
            for p in 0..<g.planes {
                let plane = p * g.height * g.width
                for oy in 0..<g.outHeight {
                    for ox in 0..<g.outWidth {
                        var best = -S.infinity
                        var bestIndex = -1
                        for ki in 0..<g.kernelH {
                            let iy = oy * g.strideH - g.paddingH + ki
                            guard iy >= 0 && iy < g.height else { continue }
                            for kj in 0..<g.kernelW {
                                let ix = ox * g.strideW - g.paddingW + kj
                                guard ix >= 0 && ix < g.width else { continue }
                                let index = plane + iy * g.width + ix
                                if px[index] > best || bestIndex < 0 { best = px[index]; bestIndex = index }
                            }
                        }
                        let o = (p * g.outHeight + oy) * g.outWidth + ox
                        out[o] = best
                        argmax[o] = bestIndex
                    }
                }
            }
        }
        return (out, argmax)
    }

    /// Average pooling, dividing by the full window (`count_include_pad=True`, PyTorch's default).
    /// With `adjoint`, spreads `x` (an output gradient) back over the windows instead.
    static func average<S: TensorScalar>(_ x: [S], _ g: PoolGeometry, adjoint: Bool) -> [S] {
        let scale = 1 / S(g.kernelH * g.kernelW)
        var out = [S](repeating: 0, count: adjoint ? g.planes * g.height * g.width
                                                   : g.planes * g.outHeight * g.outWidth)
        for p in 0..<g.planes {
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
                            if adjoint { out[plane + iy * g.width + ix] += x[o] * scale } else { s += x[plane + iy * g.width + ix] }
                        }
                    }
                    if !adjoint { out[o] = s * scale }
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
    static func adaptiveAverage<S: TensorScalar>(_ x: [S], planes: Int, height: Int, width: Int,
                                                 outHeight: Int, outWidth: Int, adjoint: Bool) -> [S] {
        var out = [S](repeating: 0, count: adjoint ? planes * height * width : planes * outHeight * outWidth)
        for p in 0..<planes {
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
                            if adjoint { out[plane + iy * width + ix] += x[o] * scale } else { s += x[plane + iy * width + ix] }
                        }
                    }
                    if !adjoint { out[o] = s * scale }
                }
            }
        }
        return out
    }
}
