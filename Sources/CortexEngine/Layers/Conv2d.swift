import CortexNumerics

/// 2-D convolution, PyTorch's `nn.Conv2d` (weight `[O, C/groups, kH, kW]`, optional bias `[O]`),
/// computed by im2col + GEMM. Depthwise: `groups == inChannels`.
///
/// Accepts `[N, C, H, W]`, or `[T, B, C, H, W]` which is folded to `[T·B, …]` and back.
/// Complexity: O(N·O·outH·outW·C/groups·kH·kW) in GEMM.
public struct Conv2d<Scalar: TensorScalar>: Layer {
    public var weight: Tensor<Scalar>
    public var bias: Tensor<Scalar>?
    public let stride: (Int, Int)
    public let padding: (Int, Int)
    public let dilation: (Int, Int)
    public let groups: Int
    /// The weight packed for the event-driven path, kept between calls (shared by copies of the
    /// layer; keyed by the weight's storage, so a new weight is packed anew).
    public let weightCache = PackedWeightCache<Scalar>()

    /// PyTorch's default initialisation, U(±1/√fan_in) with fan_in = C/groups·kH·kW.
    public init(inChannels: Int, outChannels: Int, kernel: (Int, Int), stride: (Int, Int) = (1, 1),
                padding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1), groups: Int = 1,
                bias: Bool = true, rng: inout SplittableRandom) {
        precondition(inChannels % groups == 0 && outChannels % groups == 0, "Conv2d: channels not divisible by groups")
        let fanIn = inChannels / groups * kernel.0 * kernel.1
        let bound = 1 / Double(fanIn).squareRoot()
        weight = Initialization.uniform([outChannels, inChannels / groups, kernel.0, kernel.1], bound: bound, rng: &rng)
        self.bias = bias ? Initialization.uniform([outChannels], bound: bound, rng: &rng) : nil
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.groups = groups
    }

    public func callAsFunction(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        if x.rank == 5 { return callAsFunction(x.foldingTime()).unfoldingTime(steps: x.shape[0]) }
        var y = x.conv2d(weight: weight, stride: stride, padding: padding, dilation: dilation, groups: groups,
                         weightCache: weightCache)
        if let bias { y = y + bias.broadcast(along: 1, to: y.shape) }
        return y
    }

    public mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Scalar>) -> Void) {
        body(prefix + "weight", .parameter, &weight)
        if var b = bias { body(prefix + "bias", .parameter, &b); bias = b }
    }
}
