/// Adaptive average pooling, PyTorch's `nn.AdaptiveAvgPool2d`.
public struct AdaptiveAvgPool2d: Sendable {
    public let output: (Int, Int)

    public init(output: (Int, Int)) { self.output = output }

    public func callAsFunction<S: TensorScalar>(_ x: Tensor<S>) -> Tensor<S> {
        x.adaptiveAvgPool2d(output: output)
    }
}
