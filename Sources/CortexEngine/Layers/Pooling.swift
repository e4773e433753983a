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

/// Adaptive average pooling, PyTorch's `nn.AdaptiveAvgPool2d`.
public struct AdaptiveAvgPool2d: Sendable {
    public let output: (Int, Int)

    public init(output: (Int, Int)) { self.output = output }

    public func callAsFunction<S: TensorScalar>(_ x: Tensor<S>) -> Tensor<S> {
        x.adaptiveAvgPool2d(output: output)
    }
}
