/// Reshaping, time folding, concatenation and slicing.
extension Tensor {
    /// The same elements with another shape; one extent may be −1 (inferred).
    @_specialize(where Scalar == Float)
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let hole = newShape.firstIndex(of: -1) {
            let known = newShape.filter { $0 != -1 }.reduce(1, *)
            precondition(known > 0 && count % known == 0, "Tensor.reshaped: cannot reshape \(shape) to \(newShape)")
            resolved[hole] = count / known
        }
        precondition(resolved.reduce(1, *) == count, "Tensor.reshaped: cannot reshape \(shape) to \(newShape)")
        return Tensor.record(scalars, shape: resolved, inputs: [self], .reshape)
    }

    /// `[N, d₁, d₂, …]` → `[N, d₁·d₂·…]` (PyTorch's `flatten(1)`).
    @_specialize(where Scalar == Float)
    public func flattened() -> Tensor { reshaped([shape[0], -1]) }

    /// `[T, B, …]` → `[T·B, …]`: time folded into the batch so a stateless layer applies to every
    /// step at once (SpikingJelly's `SeqToANNContainer`).
    @_specialize(where Scalar == Float)
    public func foldingTime() -> Tensor {
        precondition(rank >= 2, "Tensor.foldingTime: needs [T, B, …], got \(shape)")
        return reshaped([shape[0] * shape[1]] + Array(shape.dropFirst(2)))
    }

    /// `[T·B, …]` → `[T, B, …]`, the inverse of ``foldingTime()``.
    @_specialize(where Scalar == Float)
    public func unfoldingTime(steps: Int) -> Tensor {
        precondition(rank >= 1 && shape[0] % steps == 0, "Tensor.unfoldingTime: \(shape[0]) not divisible by \(steps)")
        return reshaped([steps, shape[0] / steps] + Array(shape.dropFirst()))
    }

    /// Concatenation along `axis` (e.g. channels, axis 1 of `[N, C, H, W]`).
    /// - Precondition: all other extents agree.
    @_specialize(where Scalar == Float)
    public static func concatenate(_ parts: [Tensor], along axis: Int) -> Tensor {
        precondition(!parts.isEmpty, "Tensor.concatenate: no tensors")
        let first = parts[0].shape
        for p in parts {
            precondition(p.rank == first.count && p.shape.indices.allSatisfy { $0 == axis || p.shape[$0] == first[$0] },
                         "Tensor.concatenate: \(p.shape) does not match \(first) off axis \(axis)")
        }
        let outer = first[..<axis].reduce(1, *)
        let inner = first[(axis + 1)...].reduce(1, *)
        let extents = parts.map { $0.shape[axis] }
        var out: [Scalar] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for o in 0..<outer {
            for (p, e) in zip(parts, extents) {
                out.append(contentsOf: p.scalars[(o * e * inner)..<((o + 1) * e * inner)])
            }
        }
        var shape = first
        shape[axis] = extents.reduce(0, +)
        return record(out, shape: shape, inputs: parts, .concat(outer: outer, extents: extents, inner: inner))
    }

    /// The sub-tensor `range` of `axis` (the axis is kept, with extent `range.count`).
    @_specialize(where Scalar == Float)
    public func slice(along axis: Int, _ range: Range<Int>) -> Tensor {
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[axis], "Tensor.slice: \(range) outside \(shape)")
        let geometry = AxisGeometry(shape: shape, axis: axis)
        var newShape = shape
        newShape[axis] = range.count
        return Tensor.record(AxisKernels.slice(scalars, geometry, range), shape: newShape, inputs: [self],
                             .slice(geometry, range: range))
    }

    /// Time step `t` of `[T, …]`, without the time axis.
    @_specialize(where Scalar == Float)
    public func step(_ t: Int) -> Tensor {
        slice(along: 0, t..<(t + 1)).reshaped(Array(shape.dropFirst()))
    }

    /// Stacks equally shaped tensors along a new leading axis (`[T, …]` from T steps).
    @_specialize(where Scalar == Float)
    public static func stack(_ parts: [Tensor]) -> Tensor {
        concatenate(parts.map { $0.reshaped([1] + $0.shape) }, along: 0)
    }
}
