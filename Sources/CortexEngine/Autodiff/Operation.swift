/// The primitive operations a ``Graph`` records, each with what its backward rule needs.
///
/// Every differentiable computation in the engine is a composition of these cases; their backward
/// rules are all in one table, ``inputGradients(outputGradient:needs:)`` (Operation+Backward.swift).
enum Operation<Scalar: TensorScalar> {
    /// A tracked input or parameter.
    case leaf
    /// A node whose saved values a backward sweep has dropped (``Graph/backward(from:retainingSavedValues:)``).
    case released
    case add
    case subtract
    case negate
    case multiply(lhs: [Scalar], rhs: [Scalar])
    case divide(lhs: [Scalar], rhs: [Scalar])
    case addScalar
    case multiplyScalar(Scalar)
    case exp(output: [Scalar])
    case log(input: [Scalar])
    case relu(input: [Scalar])
    case sigmoid(output: [Scalar])
    case matmul(lhs: [Scalar], rhs: [Scalar], MatmulGeometry)
    /// `batches` products of the geometry, matrices stored back to back (attention products).
    case batchedMatmul(lhs: [Scalar], rhs: [Scalar], MatmulGeometry, batches: Int)
    /// Axis permutation (the backward rule applies the inverse permutation).
    case permute(PermuteGeometry)
    /// `[outer, inner]` repeated to `[outer, extent, inner]` along a new axis.
    case repeatAlongAxis(AxisGeometry)
    /// Σ of all elements of an input with `count` elements.
    case sumAll(count: Int)
    /// Σ along one axis: `[outer, extent, inner]` → `[outer, inner]`.
    case sumAlongAxis(AxisGeometry)
    /// A vector `[extent]` repeated to `[outer, extent, inner]`.
    case broadcastAxis(AxisGeometry)
    /// A one-element tensor repeated `count` times.
    case broadcastScalar(count: Int)
    case reshape
    /// Concatenation along an axis of inputs with the given extents.
    case concat(outer: Int, extents: [Int], inner: Int)
    case slice(AxisGeometry, range: Range<Int>)
    /// The input is kept only for the weight gradient (as bytes when its values allow).
    case conv2d(input: SavedActivation<Scalar>, weight: [Scalar], ConvolutionGeometry)
    /// Transposed convolution; the geometry is that of the convolution it transposes.
    case convTranspose2d(input: [Scalar], weight: [Scalar], ConvolutionGeometry)
    /// Batch normalisation of `[N, C, S]` with affine scale γ (inputs: x, γ, β).
    case batchNorm(normalized: [Scalar], inverseStd: [Scalar], scale: [Scalar],
                   batch: Int, channels: Int, spatial: Int, training: Bool)
    case maxPool(argmax: [Int], inputCount: Int)
    case averagePool(PoolGeometry)
    case adaptiveAveragePool(planes: Int, height: Int, width: Int, outHeight: Int, outWidth: Int)
    /// Row-wise log-softmax of `[rows, columns]`.
    case logSoftmax(output: [Scalar], columns: Int)
    /// out[i] = x[i, indices[i]] of `[rows, columns]`.
    case pick(indices: [Int], columns: Int)
    /// Θ(x) forward, σ′(x) backward.
    case heaviside(input: [Scalar], surrogate: any Surrogate)
    /// Fused multi-step neuron; inputs: X `[T, …]`, V₀ `[…]`, optionally w `[1]` (1/τ = sigmoid(w)).
    case spikingNeuron(NeuronTrace<Scalar>, hasDecayParameter: Bool)
    /// Unbiased HSIC of two `[n, n]` kernel matrices (inputs K, L; diagonals ignored).
    case unbiasedHSIC(k: [Scalar], l: [Scalar], n: Int)
}
