/// A permutation of a row-major tensor's axes: output axis i is input axis `axes[i]`
/// (PyTorch's `permute(*axes)` followed by `contiguous()`).
struct PermuteGeometry: Sendable, Hashable {
    let inputShape: [Int]
    let axes: [Int]

    init(inputShape: [Int], axes: [Int]) {
        precondition(axes.count == inputShape.count && axes.sorted() == Array(0..<axes.count),
                     "permute: \(axes) is not a permutation of the \(inputShape.count) axes of \(inputShape)")
        self.inputShape = inputShape
        self.axes = axes
    }

    var outputShape: [Int] { axes.map { inputShape[$0] } }

    /// The permutation undoing this one, on the output's shape.
    var inverse: PermuteGeometry {
        var back = [Int](repeating: 0, count: axes.count)
        for (i, a) in axes.enumerated() { back[a] = i }
        return PermuteGeometry(inputShape: outputShape, axes: back)
    }
}

/// Copies a tensor into the order of a permutation of its axes.
enum PermuteKernels {
    /// out[i₀, …, i_{r−1}] = x[j] with j_{axes[d]} = i_d. Walks the output in order with an odometer
    /// over its index, stepping the input position by the permuted strides (the innermost axis is a
    /// strided copy loop).
    /// - Complexity: O(count).
    @_specialize(where S == Float)
    static func permute<S: TensorScalar>(_ x: [S], _ g: PermuteGeometry) -> [S] {
        let rank = g.inputShape.count
        let count = x.count
        guard rank > 1, count > 0, g.axes != Array(0..<rank) else { return x }
        var inputStrides = [Int](repeating: 1, count: rank)
        for d in stride(from: rank - 2, through: 0, by: -1) { inputStrides[d] = inputStrides[d + 1] * g.inputShape[d + 1] }
        let outShape = g.outputShape
        let strides = g.axes.map { inputStrides[$0] }          // input stride of each output axis
        let inner = outShape[rank - 1], innerStride = strides[rank - 1]
        return [S](unsafeUninitializedCapacity: count) { out, initialized in
            x.withUnsafeBufferPointer { px in
                var index = [Int](repeating: 0, count: rank - 1)
                var source = 0
                var o = 0
                while o < count {
                    var s = source
                    for _ in 0..<inner { out[o] = px[s]; o += 1; s += innerStride }
                    // advance the odometer over the outer output axes
                    var d = rank - 2
                    while d >= 0 {
                        index[d] += 1
                        source += strides[d]
                        if index[d] < outShape[d] { break }
                        source -= strides[d] * outShape[d]
                        index[d] = 0
                        d -= 1
                    }
                }
            }
            initialized = count
        }
    }
}
