import CKernels
/// The connectivity of one synaptic layer (convolution, transposed convolution or fully connected),
/// enough to count the operations an input costs.
///
/// Counting. A multiply-accumulate (MAC) network multiplies every input by every weight it meets,
/// padding included: the dense count of a convolution for one sample and step is
///
///     MACs = C_out · H_out · W_out · (C_in / g) · k_h · k_w
///
/// (transposed convolution: C_in · H_in · W_in · (C_out / g) · k_h · k_w; fully connected:
/// F_in · F_out), the figure FLOP counters report. A layer fed by spikes instead *accumulates* the
/// weights of each arriving spike into its targets, one synaptic operation (SOP, an accumulate) per
/// spike and target:
///
///     SOPs = Σ_{c, y, x} s[c, y, x] · f(c, y, x)
///
/// where f is the fan-out of input element (c, y, x), the number of output elements it reaches:
/// f = (C_out / g) · f_y(y) · f_x(x) with f_y(y) = #{(o, κ) : o ∈ [0, H_out), κ ∈ [0, k_h),
/// o·s − p + κ·d = y} (for transposed convolution, outputs y·s − p + κ·d inside [0, H_out)).
/// The count is exact: inputs near a border reach fewer outputs than C_out·k²/s², and zero
/// padding costs nothing. An input value s > 1 (a SEW ADD block outputs spike counts) counts as s
/// spikes. Summed over an all-ones input it equals the dense count without the padded taps.
/// Biases and the neurons' own updates are not counted, as in the estimates cited at
/// ``EnergyModel``; batch norm is taken as folded into the weights.
public struct SynapticLayer: Sendable, Hashable, Codable {
    /// What arrives at a layer's inputs.
    public enum Input: String, Sendable, Hashable, Codable {
        /// Spikes or spike counts: each costs accumulates, ``SynapticLayer/synapticOperations(_:)``.
        case spikes
        /// Real values (pixels, pooled averages): every weight is a MAC, ``SynapticLayer/denseMACs(inputShape:)``.
        case analog
    }

    /// A 2-D sliding window (PyTorch's convolution arguments).
    public struct Window: Sendable, Hashable, Codable {
        public var kernel: [Int]
        public var stride: [Int]
        public var padding: [Int]
        public var dilation: [Int]
        /// Transposed convolution only.
        public var outputPadding: [Int]
        public var groups: Int

        public init(kernel: (Int, Int), stride: (Int, Int), padding: (Int, Int), dilation: (Int, Int) = (1, 1),
                    outputPadding: (Int, Int) = (0, 0), groups: Int = 1) {
            self.kernel = [kernel.0, kernel.1]
            self.stride = [stride.0, stride.1]
            self.padding = [padding.0, padding.1]
            self.dilation = [dilation.0, dilation.1]
            self.outputPadding = [outputPadding.0, outputPadding.1]
            self.groups = groups
        }
    }

    public enum Connectivity: Sendable, Hashable, Codable {
        case convolution(Window)
        case transposedConvolution(Window)
        case fullyConnected
        /// A product of two activations (a transformer's attention products), with
        /// `termsPerSample` terms a·b in its dense form. Its events carry each sample's count of
        /// non-zero terms, `[B, 1]` (counted by the network, which holds both operands): with a
        /// spike operand each is one accumulate; real × real costs the dense terms as MACs.
        case activationProduct(termsPerSample: Int)
    }

    public var connectivity: Connectivity
    public var inChannels: Int
    public var outChannels: Int
    public var input: Input
    /// Pruned layers only: for every input channel (and kernel tap), how many of the weights it
    /// meets are non-zero — `[C_in, k_h, k_w]` for convolutions, `[F_in]` fully connected. Counts
    /// then include only these synapses (``SynapticLayer+Pruning.swift``); `nil`: every weight counts.
    public var liveWeights: [Int]?

    public init(connectivity: Connectivity, inChannels: Int, outChannels: Int, input: Input) {
        if case .convolution(let w) = connectivity { precondition(inChannels % w.groups == 0 && outChannels % w.groups == 0) }
        if case .transposedConvolution(let w) = connectivity { precondition(inChannels % w.groups == 0 && outChannels % w.groups == 0) }
        self.connectivity = connectivity
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.input = input
    }

    /// Output height and width of a convolution for an input of `size` (H, W).
    public func outputSize(input size: [Int]) -> [Int] {
        switch connectivity {
        case .convolution(let w):
            return (0..<2).map { a in (size[a] + 2 * w.padding[a] - w.dilation[a] * (w.kernel[a] - 1) - 1) / w.stride[a] + 1 }
        case .transposedConvolution(let w):
            return (0..<2).map { a in
                (size[a] - 1) * w.stride[a] - 2 * w.padding[a] + w.dilation[a] * (w.kernel[a] - 1) + w.outputPadding[a] + 1
            }
        case .fullyConnected, .activationProduct:
            return []
        }
    }

    /// f_a(i) for every input position i along axis `a` (0 = height, 1 = width) of length `length`:
    /// how many (output position, kernel tap) pairs read input position i.
    func fanOut(axis a: Int, length: Int, window w: Window, transposed: Bool) -> [Int] {
        let outLength = outputSize(input: a == 0 ? [length, 1] : [1, length])[a]
        var counts = [Int](repeating: 0, count: length)
        for tap in 0..<w.kernel[a] {
            if transposed {
                for i in 0..<length {
                    let o = i * w.stride[a] - w.padding[a] + tap * w.dilation[a]
                    if o >= 0 && o < outLength { counts[i] += 1 }
                }
            } else {
                for o in 0..<outLength {
                    let i = o * w.stride[a] - w.padding[a] + tap * w.dilation[a]
                    if i >= 0 && i < length { counts[i] += 1 }
                }
            }
        }
        return counts
    }

    /// The dense MAC count for one time step of an input shaped `[B, C, H, W]` (convolutions) or
    /// `[B, F]` (fully connected) — the cost of the same layer in a non-spiking network.
    public func denseMACs(inputShape shape: [Int]) -> Double {
        if let liveWeights { return prunedDenseMACs(inputShape: shape, live: liveWeights) }
        let batch = Double(shape[0])
        switch connectivity {
        case .convolution(let w):
            let out = outputSize(input: Array(shape.suffix(2)))
            return batch * Double(outChannels * out[0] * out[1]) * Double(inChannels / w.groups * w.kernel[0] * w.kernel[1])
        case .transposedConvolution(let w):
            return batch * Double(inChannels * shape[2] * shape[3]) * Double(outChannels / w.groups * w.kernel[0] * w.kernel[1])
        case .fullyConnected:
            return batch * Double(inChannels) * Double(outChannels)
        case .activationProduct(let terms):
            return batch * Double(terms)
        }
    }

    /// The exact synaptic-operation count of one time step of `input` (`[B, C, H, W]` or `[B, F]`):
    /// Σ over input elements of value × fan-out (see the type's documentation).
    /// - Complexity: O(B·C·H·W) plus O(k·(H + W)) for the fan-out tables.
    /// Σ of the input's elements (each term of an activation product, or each spike of a dense layer's input).
    static func inputSum(_ input: Tensor<Float>) -> Double {
        input.scalars.withUnsafeBufferPointer { $0.isEmpty ? 0 : ck_sum_f32($0.baseAddress!, $0.count) }
    }

    public func synapticOperations(_ input: Tensor<Float>) -> Double {
        if let liveWeights { return prunedSynapticOperations(input, live: liveWeights) }
        switch connectivity {
        case .activationProduct:
            return Self.inputSum(input)
        case .fullyConnected:
            precondition(input.rank == 2 && input.shape[1] == inChannels, "SynapticLayer: input \(input.shape) is not [B, \(inChannels)]")
            return Self.inputSum(input) * Double(outChannels)
        case .convolution(let w), .transposedConvolution(let w):
            precondition(input.rank == 4 && input.shape[1] == inChannels, "SynapticLayer: input \(input.shape) is not [B, \(inChannels), H, W]")
            let transposed: Bool = { if case .transposedConvolution = connectivity { return true }; return false }()
            let (h, wd) = (input.shape[2], input.shape[3])
            let fy = fanOut(axis: 0, length: h, window: w, transposed: transposed)
            let fx = fanOut(axis: 1, length: wd, window: w, transposed: transposed)
            var sum = 0.0
            input.scalars.withUnsafeBufferPointer { values in
                // Σ_{b,c} Σ_y f_y(y) · Σ_x f_x(x)·s — rows weighted once, so one multiply per element.
                var base = 0
                for _ in 0..<(input.shape[0] * inChannels) {
                    for y in 0..<h where fy[y] > 0 {
                        var row = 0.0
                        for x in 0..<wd { row += Double(values[base + y * wd + x]) * Double(fx[x]) }
                        sum += row * Double(fy[y])
                    }
                    base += h * wd
                }
            }
            return sum * Double(outChannels / w.groups)
        }
    }
}

extension Conv2d where Scalar == Float {
    /// This convolution's connectivity, fed by `input`.
    public func synapticLayer(input: SynapticLayer.Input) -> SynapticLayer {
        SynapticLayer(connectivity: .convolution(.init(kernel: (weight.shape[2], weight.shape[3]), stride: stride,
                                                       padding: padding, dilation: dilation, groups: groups)),
                      inChannels: weight.shape[1] * groups, outChannels: weight.shape[0], input: input)
            .pruned(liveWeights: SynapticLayer.liveCounts(weight, inputAxis: 1, groups: groups))
    }
}

extension ConvTranspose2d where Scalar == Float {
    /// This transposed convolution's connectivity, fed by `input`.
    public func synapticLayer(input: SynapticLayer.Input) -> SynapticLayer {
        SynapticLayer(connectivity: .transposedConvolution(.init(kernel: (weight.shape[2], weight.shape[3]), stride: stride,
                                                                 padding: padding, dilation: dilation,
                                                                 outputPadding: outputPadding, groups: groups)),
                      inChannels: weight.shape[0], outChannels: weight.shape[1] * groups, input: input)
            .pruned(liveWeights: SynapticLayer.liveCounts(weight, inputAxis: 0, groups: 1))
    }
}

extension Linear where Scalar == Float {
    /// This layer's connectivity, fed by `input`.
    public func synapticLayer(input: SynapticLayer.Input) -> SynapticLayer {
        SynapticLayer(connectivity: .fullyConnected, inChannels: weight.shape[1], outChannels: weight.shape[0], input: input)
            .pruned(liveWeights: SynapticLayer.liveCounts(weight, inputAxis: 1, groups: 1))
    }
}
