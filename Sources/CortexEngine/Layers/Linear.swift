import CortexNumerics

/// Fully connected layer y = x·Wᵀ + b, PyTorch's `nn.Linear` (weight `[out, in]`, bias `[out]`).
///
/// Accepts `[N, in]` or any `[…, in]` (e.g. `[T, B, in]`: time folded into the batch).
/// Complexity: one GEMM, O(N·in·out).
public struct Linear<Scalar: TensorScalar>: Layer {
    public var weight: Tensor<Scalar>
    public var bias: Tensor<Scalar>?

    /// PyTorch's default initialisation, U(±1/√in), from `rng`.
    public init(inFeatures: Int, outFeatures: Int, bias: Bool = true, rng: inout SplittableRandom) {
        let bound = 1 / Double(inFeatures).squareRoot()
        weight = Initialization.uniform([outFeatures, inFeatures], bound: bound, rng: &rng)
        self.bias = bias ? Initialization.uniform([outFeatures], bound: bound, rng: &rng) : nil
    }

    public init(weight: Tensor<Scalar>, bias: Tensor<Scalar>?) {
        precondition(weight.rank == 2 && (bias == nil || bias!.shape == [weight.shape[0]]), "Linear: bad shapes")
        self.weight = weight
        self.bias = bias
    }

    public func callAsFunction(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        let features = weight.shape[1]
        precondition(x.shape.last == features, "Linear: input \(x.shape) does not end in \(features)")
        let rows = x.reshaped([-1, features])
        var y = rows.matmul(weight, transposeOther: true)
        if let bias { y = y + bias.broadcast(along: 1, to: y.shape) }
        return y.reshaped(Array(x.shape.dropLast()) + [weight.shape[0]])
    }

    public mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Scalar>) -> Void) {
        body(prefix + "weight", .parameter, &weight)
        if var b = bias { body(prefix + "bias", .parameter, &b); bias = b }
    }
}
