/// Reductions and broadcasts along one axis.
enum AxisKernels {
    /// `[outer, extent, inner]` → `[extent]` summed over outer and inner.
    @_specialize(where S == Float)
    static func sumToAxis<S: TensorScalar>(_ x: [S], _ g: AxisGeometry) -> [S] {
        var out = [S](repeating: 0, count: g.extent)
        x.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { po in
                if g.inner == 1 && g.outer > 0 && g.extent > 0 {   // rows [outer, extent] (a bias's gradient): the same sums, along rows
                    let (x, o) = (px.baseAddress!, po.baseAddress!)
                    for row in 0..<g.outer {
                        let r = x + row * g.extent
                        for e in 0..<g.extent { o[e] += r[e] }
                    }
                    return
                }
                for o in 0..<g.outer {
                    for e in 0..<g.extent {
                        let base = (o * g.extent + e) * g.inner
                        var s: S = 0
                        for i in 0..<g.inner { s += px[base + i] }
                        po[e] += s
                    }
                }
            }
        }
        return out
    }

    /// `[extent]` → `[outer, extent, inner]`.
    @_specialize(where S == Float)
    static func broadcastAxis<S: TensorScalar>(_ v: [S], _ g: AxisGeometry) -> [S] {
        let count = g.outer * g.extent * g.inner
        return [S](unsafeUninitializedCapacity: count) { out, initialized in
            v.withUnsafeBufferPointer { pv in
                if g.inner == 1 && g.outer > 0 && g.extent > 0 {   // rows [outer, extent] (a bias): copy the vector per row
                    let (v, o) = (pv.baseAddress!, out.baseAddress!)
                    for row in 0..<g.outer { (o + row * g.extent).initialize(from: v, count: g.extent) }
                    return
                }
                for o in 0..<g.outer {
                    for e in 0..<g.extent {
                        let base = (o * g.extent + e) * g.inner
                        let value = pv[e]
                        for i in 0..<g.inner { out[base + i] = value }
                    }
                }
            }
            initialized = count
        }
    }

    /// `[outer, extent, inner]` → `[outer, inner]` summed over the axis.
    @_specialize(where S == Float)
    static func sumAlongAxis<S: TensorScalar>(_ x: [S], _ g: AxisGeometry) -> [S] {
        var out = [S](repeating: 0, count: g.outer * g.inner)
        x.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { po in
                if g.inner == 1 && g.outer > 0 && g.extent > 0 {   // sums of rows [outer, extent], in the same order
                    let x = px.baseAddress!
                    for o in 0..<g.outer {
                        let r = x + o * g.extent
                        var total = po[o]
                        for e in 0..<g.extent { total += r[e] }
                        po[o] = total
                    }
                    return
                }
                for o in 0..<g.outer {
                    for e in 0..<g.extent {
                        let base = (o * g.extent + e) * g.inner
                        for i in 0..<g.inner { po[o * g.inner + i] += px[base + i] }
                    }
                }
            }
        }
        return out
    }

    /// `[outer, inner]` → `[outer, extent, inner]` repeated along the axis.
    @_specialize(where S == Float)
    static func repeatAlongAxis<S: TensorScalar>(_ x: [S], _ g: AxisGeometry) -> [S] {
        let count = g.outer * g.extent * g.inner
        return [S](unsafeUninitializedCapacity: count) { out, initialized in
            x.withUnsafeBufferPointer { px in
                if g.inner == 1 && g.outer > 0 && g.extent > 0 {   // each value repeated along a new last axis
                    let o = out.baseAddress!
                    for row in 0..<g.outer { (o + row * g.extent).initialize(repeating: px[row], count: g.extent) }
                    return
                }
                for o in 0..<g.outer {
                    for e in 0..<g.extent {
                        let base = (o * g.extent + e) * g.inner
                        for i in 0..<g.inner { out[base + i] = px[o * g.inner + i] }
                    }
                }
            }
            initialized = count
        }
    }

    /// Copies a block of `extent` rows `[outer, range, inner]` out of `[outer, total, inner]`.
    @_specialize(where S == Float)
    static func slice<S: TensorScalar>(_ x: [S], _ g: AxisGeometry, _ range: Range<Int>) -> [S] {
        let n = range.count
        var out: [S] = []
        out.reserveCapacity(g.outer * n * g.inner)
        for o in 0..<g.outer {
            let start = (o * g.extent + range.lowerBound) * g.inner
            out.append(contentsOf: x[start..<(start + n * g.inner)])
        }
        return out
    }

    /// The adjoint of ``slice(_:_:_:)``: `y` scattered into zeros of the full shape.
    @_specialize(where S == Float)
    static func unslice<S: TensorScalar>(_ y: [S], _ g: AxisGeometry, _ range: Range<Int>) -> [S] {
        var out = [S](repeating: 0, count: g.outer * g.extent * g.inner)
        let block = range.count * g.inner
        guard block > 0 else { return out }
        out.withUnsafeMutableBufferPointer { po in
            y.withUnsafeBufferPointer { py in
                for o in 0..<g.outer {
                    let start = (o * g.extent + range.lowerBound) * g.inner
                    (po.baseAddress! + start).update(from: py.baseAddress! + o * block, count: block)
                }
            }
        }
        return out
    }
}
