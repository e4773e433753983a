/// Max pooling, PyTorch's `nn.MaxPool2d` (stride defaults to the kernel). Works on `[…, H, W]`,
/// so `[T, B, C, H, W]` needs no folding.
public struct MaxPool2d: Sendable {
    public let kernel: (Int, Int)
    public let stride: (Int, Int)
    public let padding: (Int, Int)

    public init(kernel: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) {
        self.kernel = kernel
        self.stride = stride ?? kernel
        self.padding = padding
    }

    public func callAsFunction<S: TensorScalar>(_ x: Tensor<S>) -> Tensor<S> {
        x.maxPool2d(kernel: kernel, stride: stride, padding: padding)
    }
}
