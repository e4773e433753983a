/// Operation counts of pruned layers: only synapses with a non-zero weight count (a pruned
/// weight is exactly zero; see the lottery-ticket pruning in CortexModels).
///
/// With live[c, κ_y, κ_x] the number of non-zero weights that input channel c meets at kernel
/// tap (κ_y, κ_x) (over the output channels of its group), the fan-out of input element
/// (c, y, x) is Σ_{κ_y, κ_x} live[c, κ_y, κ_x]·v_y(κ_y, y)·v_x(κ_x, x), v = 1 when the tap
/// connects that input position to an output position. Without pruning live = C_out/g and this
/// is the unpruned count. Dense MACs count the live weights at every output position (padding
/// included, as the unpruned count): the cost of the pruned layer in a non-spiking network.
extension SynapticLayer {
    /// This layer with `liveWeights` (kept `nil` when no weight is pruned).
    func pruned(liveWeights: [Int]?) -> SynapticLayer {
        var copy = self
        copy.liveWeights = liveWeights
        return copy
    }

    /// Non-zero weights per input channel (and tap) of a weight tensor whose input-channel axis
    /// is `inputAxis` (1: `[C_out, C_in/g, k_h, k_w]` or `[F_out, F_in]`; 0: transposed
    /// `[C_in, C_out/g, k_h, k_w]`), or `nil` when no weight is exactly zero.
    static func liveCounts(_ weight: Tensor<Float>, inputAxis: Int, groups: Int) -> [Int]? {
        guard weight.scalars.contains(0) else { return nil }
        let s = weight.shape
        let taps = s.count == 4 ? s[2] * s[3] : 1
        if inputAxis == 0 {                         // transposed: [C_in, C_out/g, k_h, k_w]
            var live = [Int](repeating: 0, count: s[0] * taps)
            for c in 0..<s[0] { for o in 0..<s[1] { for k in 0..<taps where weight.scalars[(c * s[1] + o) * taps + k] != 0 {
                live[c * taps + k] += 1
            } } }
            return live
        }
        let (outChannels, perGroup) = (s[0], s[1])
        let outPerGroup = outChannels / groups
        var live = [Int](repeating: 0, count: perGroup * groups * taps)
        for o in 0..<outChannels {
            let group = o / outPerGroup
            for i in 0..<perGroup { for k in 0..<taps where weight.scalars[(o * perGroup + i) * taps + k] != 0 {
                live[(group * perGroup + i) * taps + k] += 1
            } }
        }
        return live
    }

    /// v(κ, i) along axis `a` for each tap: whether tap κ links input position i to an output.
    func tapValidity(axis a: Int, length: Int, window w: Window, transposed: Bool) -> [[Bool]] {
        let outLength = outputSize(input: a == 0 ? [length, 1] : [1, length])[a]
        return (0..<w.kernel[a]).map { tap in
            (0..<length).map { i in
                if transposed {
                    let o = i * w.stride[a] - w.padding[a] + tap * w.dilation[a]
                    return o >= 0 && o < outLength
                }
                let shifted = i + w.padding[a] - tap * w.dilation[a]
                return shifted >= 0 && shifted % w.stride[a] == 0 && shifted / w.stride[a] < outLength
            }
        }
    }

    func prunedSynapticOperations(_ input: Tensor<Float>, live: [Int]) -> Double {
        switch connectivity {
        case .activationProduct:
            // A product of two activations has no weights to prune: counted as unpruned.
            return Self.inputSum(input)
        case .fullyConnected:
            precondition(input.rank == 2 && input.shape[1] == inChannels, "SynapticLayer: input \(input.shape) is not [B, \(inChannels)]")
            var sum = 0.0
            for b in 0..<input.shape[0] { for f in 0..<inChannels { sum += Double(input.scalars[b * inChannels + f]) * Double(live[f]) } }
            return sum
        case .convolution(let w), .transposedConvolution(let w):
            precondition(input.rank == 4 && input.shape[1] == inChannels, "SynapticLayer: input \(input.shape) is not [B, \(inChannels), H, W]")
            let transposed: Bool = { if case .transposedConvolution = connectivity { return true }; return false }()
            let (h, wd) = (input.shape[2], input.shape[3])
            let vy = tapValidity(axis: 0, length: h, window: w, transposed: transposed)
            let vx = tapValidity(axis: 1, length: wd, window: w, transposed: transposed)
            let (kh, kw) = (w.kernel[0], w.kernel[1])
            var sum = 0.0
            for b in 0..<input.shape[0] {
                for c in 0..<inChannels {
                    let base = (b * inChannels + c) * h * wd
                    for ky in 0..<kh {
                        for kx in 0..<kw {
                            let count = live[(c * kh + ky) * kw + kx]
                            guard count > 0 else { continue }
                            var reached = 0.0
                            for y in 0..<h where vy[ky][y] {
                                for x in 0..<wd where vx[kx][x] { reached += Double(input.scalars[base + y * wd + x]) }
                            }
                            sum += reached * Double(count)
                        }
                    }
                }
            }
            return sum
        }
    }

    func prunedDenseMACs(inputShape shape: [Int], live: [Int]) -> Double {
        let batch = Double(shape[0])
        let total = Double(live.reduce(0, +))
        switch connectivity {
        case .convolution:
            let out = outputSize(input: Array(shape.suffix(2)))
            return batch * Double(out[0] * out[1]) * total
        case .transposedConvolution:
            return batch * Double(shape[2] * shape[3]) * total
        case .fullyConnected:
            return batch * total
        case .activationProduct(let terms):
            return batch * Double(terms)
        }
    }
}
