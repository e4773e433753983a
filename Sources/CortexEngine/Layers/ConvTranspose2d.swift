import CortexNumerics

/// Transposed 2-D convolution, PyTorch's `nn.ConvTranspose2d` (weight `[C_in, C_out/groups, kH, kW]`,
/// optional bias `[C_out]`); output size (H − 1)·s − 2p + d·(k − 1) + output_padding + 1.
/// The reference study's feedback path uses the depthwise form (`groups == C`), k 3, s 2, p 1, op 1.
public struct ConvTranspose2d<Scalar: TensorScalar>: Layer {
    public var weight: Tensor<Scalar>
    public var bias: Tensor<Scalar>?
    public let stride: (Int, Int)
    public let padding: (Int, Int)
    public let outputPadding: (Int, Int)
    public let dilation: (Int, Int)
    public let groups: Int

    /// PyTorch's default initialisation, U(±1/√fan_in) with fan_in = C_out/groups·kH·kW
    /// (PyTorch computes fan-in from dimension 1 of the transposed weight).
    public init(inChannels: Int, outChannels: Int, kernel: (Int, Int), stride: (Int, Int) = (1, 1),
                padding: (Int, Int) = (0, 0), outputPadding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1),
                groups: Int = 1, bias: Bool = true, rng: inout SplittableRandom) {
        precondition(inChannels % groups == 0 && outChannels % groups == 0, "ConvTranspose2d: channels not divisible by groups")
        let bound = 1 / Double(outChannels / groups * kernel.0 * kernel.1).squareRoot()
        weight = Initialization.uniform([inChannels, outChannels / groups, kernel.0, kernel.1], bound: bound, rng: &rng)
        self.bias = bias ? Initialization.uniform([outChannels], bound: bound, rng: &rng) : nil
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
        self.dilation = dilation
        self.groups = groups
    }

    public func callAsFunction(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        if x.rank == 5 { return callAsFunction(x.foldingTime()).unfoldingTime(steps: x.shape[0]) }
        var y = x.convTranspose2d(weight: weight, stride: stride, padding: padding, outputPadding: outputPadding,
                                  dilation: dilation, groups: groups)
        if let bias { y = y + bias.broadcast(along: 1, to: y.shape) }
        return y
    }

    public mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Scalar>) -> Void) {
        body(prefix + "weight", .parameter, &weight)
        if var b = bias { body(prefix + "bias", .parameter, &b); bias = b }
    }
}
