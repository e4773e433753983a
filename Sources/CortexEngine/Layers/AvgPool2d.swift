/// Average pooling, PyTorch's `nn.AvgPool2d` with `count_include_pad=True`.
public struct AvgPool2d: Sendable {
    public let kernel: (Int, Int)
    public let stride: (Int, Int)
    public let padding: (Int, Int)

    public init(kernel: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) {
        self.kernel = kernel
        self.stride = stride ?? kernel
        self.padding = padding
    }

    public func callAsFunction<S: TensorScalar>(_ x: Tensor<S>) -> Tensor<S> {
        x.avgPool2d(kernel: kernel, stride: stride, padding: padding)
    }
}
