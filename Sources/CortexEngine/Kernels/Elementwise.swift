/// Elementwise loops over contiguous storage with buffer pointers (no bounds checks in release).
///
/// The closures are inlined and specialised by the optimiser, so each call compiles to a plain loop.
enum Elementwise {
    @inline(__always)
    static func map<S>(_ a: [S], _ f: (S) -> S) -> [S] {
        [S](unsafeUninitializedCapacity: a.count) { out, initialized in
            a.withUnsafeBufferPointer { pa in
                for i in 0..<pa.count { out[i] = f(pa[i]) }
            }
            initialized = a.count
        }
    }

    @inline(__always)
    static func zip<S>(_ a: [S], _ b: [S], _ f: (S, S) -> S) -> [S] {
        precondition(a.count == b.count, "Elementwise: sizes \(a.count) and \(b.count) differ")
        return [S](unsafeUninitializedCapacity: a.count) { out, initialized in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    for i in 0..<pa.count { out[i] = f(pa[i], pb[i]) }
                }
            }
            initialized = a.count
        }
    }

    @inline(__always)
    static func zip3<S>(_ a: [S], _ b: [S], _ c: [S], _ f: (S, S, S) -> S) -> [S] {
        precondition(a.count == b.count && b.count == c.count, "Elementwise: sizes differ")
        return [S](unsafeUninitializedCapacity: a.count) { out, initialized in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeBufferPointer { pc in
                        for i in 0..<pa.count { out[i] = f(pa[i], pb[i], pc[i]) }
                    }
                }
            }
            initialized = a.count
        }
    }
}
