extension Linear where Scalar == Float {
    /// This layer applied to each of N tokens, as its equivalent 1×1 convolution over the N token
    /// positions (the monitor's input `[T, B, F_in, N, 1]`), so a token's operations are counted
    /// like a pixel's. Pruned (exactly zero) weights are not counted, as in ``synapticLayer(input:)``.
    public func tokenwiseSynapticLayer(input: SynapticLayer.Input) -> SynapticLayer {
        SynapticLayer(connectivity: .convolution(.init(kernel: (1, 1), stride: (1, 1), padding: (0, 0))),
                      inChannels: weight.shape[1], outChannels: weight.shape[0], input: input)
            .pruned(liveWeights: SynapticLayer.liveCounts(weight, inputAxis: 1, groups: 1))
    }
}
