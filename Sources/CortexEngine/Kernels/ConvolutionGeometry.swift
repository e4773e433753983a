/// Sizes of a 2-D convolution `[N, C, H, W] ⊛ [O, C/groups, kH, kW] → [N, O, outH, outW]`, with
///
///     outH = ⌊(H + 2·padH − dilationH·(kH − 1) − 1) / strideH⌋ + 1   (likewise for W),
///
/// as PyTorch's `Conv2d`. A transposed convolution uses the same geometry with input and output
/// exchanged (its weight `[C_in, C_out/groups, kH, kW]` is the weight of the convolution that maps
/// its output back to its input).
struct ConvolutionGeometry: Sendable, Hashable {
    var batch: Int
    var inChannels: Int
    var height: Int
    var width: Int
    var outChannels: Int
    var kernelHeight: Int
    var kernelWidth: Int
    var strideH: Int
    var strideW: Int
    var paddingH: Int
    var paddingW: Int
    var dilationH: Int
    var dilationW: Int
    var groups: Int
    var outHeight: Int
    var outWidth: Int

    /// Geometry of a convolution; output size from the formula above.
    /// - Precondition: channels divisible by `groups`, positive output size.
    init(batch: Int, inChannels: Int, height: Int, width: Int, outChannels: Int,
                kernel: (Int, Int), stride: (Int, Int), padding: (Int, Int), dilation: (Int, Int),
                groups: Int) {
        precondition(groups >= 1 && inChannels % groups == 0 && outChannels % groups == 0,
                     "Convolution: channels \(inChannels)→\(outChannels) not divisible by groups \(groups)")
        precondition(stride.0 >= 1 && stride.1 >= 1 && dilation.0 >= 1 && dilation.1 >= 1
                     && padding.0 >= 0 && padding.1 >= 0, "Convolution: invalid stride/dilation/padding")
        self.batch = batch
        self.inChannels = inChannels
        self.height = height
        self.width = width
        self.outChannels = outChannels
        (kernelHeight, kernelWidth) = kernel
        (strideH, strideW) = stride
        (paddingH, paddingW) = padding
        (dilationH, dilationW) = dilation
        self.groups = groups
        outHeight = (height + 2 * padding.0 - dilation.0 * (kernel.0 - 1) - 1) / stride.0 + 1
        outWidth = (width + 2 * padding.1 - dilation.1 * (kernel.1 - 1) - 1) / stride.1 + 1
        precondition(outHeight >= 1 && outWidth >= 1, "Convolution: input \(height)×\(width) too small")
    }

    var inPerGroup: Int { inChannels / groups }
    var outPerGroup: Int { outChannels / groups }
    /// Rows of the im2col matrix of one group: `C/groups · kH · kW`.
    var patch: Int { inPerGroup * kernelHeight * kernelWidth }
    /// Columns of the im2col matrix: output pixels.
    var pixels: Int { outHeight * outWidth }
    /// A 1×1, stride-1, unpadded convolution: the im2col matrix is the input itself.
    var isPointwise: Bool {
        kernelHeight == 1 && kernelWidth == 1 && strideH == 1 && strideW == 1 && paddingH == 0 && paddingW == 0
    }
    var inputShape: [Int] { [batch, inChannels, height, width] }
    var outputShape: [Int] { [batch, outChannels, outHeight, outWidth] }
    var weightShape: [Int] { [outChannels, inPerGroup, kernelHeight, kernelWidth] }
}
