/// Sizes of a 2-D pooling window over `[planes = N·C, H, W]`.
struct PoolGeometry: Sendable, Hashable {
    let planes: Int
    let height: Int
    let width: Int
    let kernelH: Int
    let kernelW: Int
    let strideH: Int
    let strideW: Int
    let paddingH: Int
    let paddingW: Int
    let outHeight: Int
    let outWidth: Int

    init(planes: Int, height: Int, width: Int, kernel: (Int, Int), stride: (Int, Int), padding: (Int, Int)) {
        precondition(padding.0 * 2 <= kernel.0 && padding.1 * 2 <= kernel.1,
                     "Pooling: padding must be at most half the kernel (as PyTorch)")
        self.planes = planes
        self.height = height
        self.width = width
        (kernelH, kernelW) = kernel
        (strideH, strideW) = stride
        (paddingH, paddingW) = padding
        outHeight = (height + 2 * padding.0 - kernel.0) / stride.0 + 1
        outWidth = (width + 2 * padding.1 - kernel.1) / stride.1 + 1
        precondition(outHeight >= 1 && outWidth >= 1, "Pooling: input \(height)×\(width) too small")
    }
}
