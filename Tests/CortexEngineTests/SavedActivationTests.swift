import Testing
@testable import CortexEngine

@Suite("Saved activations: exact bytes for spike-valued inputs, the values unchanged otherwise")
struct SavedActivationTests {
    /// Spike-like values over several parallel chunks: 0/1 mostly, some 2 and 255.
    static func spikeValues(_ n: Int) -> [Float] {
        (0..<n).map { i in
            let h = (UInt64(i) &* 0x9E37_79B9_7F4A_7C15) >> 40
            return h % 97 == 0 ? 255 : h % 7 == 0 ? 2 : Float(h % 2)
        }
    }

    static func bits(_ x: [Float]) -> [UInt32] { x.map(\.bitPattern) }

    @Test("integers in 0…255 are held as bytes and come back bit for bit (C and Swift loops)")
    func compactsSpikes() {
        for n in [1, 17, 4_096, 4_097, 3 * SavedActivation<Float>.chunk + 5] {
            let x = Self.spikeValues(n)
            for native in [true, false] {
                let saved = SavedActivation(compacting: x, cKernels: native)
                #expect(saved.isCompact)
                #expect(Self.bits(saved.scalars(cKernels: native)) == Self.bits(x))
                #expect(Self.bits(saved.scalars(cKernels: !native)) == Self.bits(x))
            }
        }
        let doubles = Self.spikeValues(1_000).map(Double.init)
        let saved = SavedActivation(compacting: doubles)
        #expect(saved.isCompact)
        #expect(saved.scalars().map(\.bitPattern) == doubles.map(\.bitPattern))
    }

    @Test("a fraction, −0, NaN, a negative or 256 anywhere keeps the values as they are")
    func keepsOtherValues() {
        let small = Self.spikeValues(9_000)
        for bad: Float in [0.5, -0.0, .nan, -1, 256, 1e-45, .infinity] {
            for position in [0, 4_095, 4_096, small.count - 1] {
                var x = small
                x[position] = bad
                for native in [true, false] {
                    let saved = SavedActivation(compacting: x, cKernels: native)
                    #expect(!saved.isCompact, "value \(bad) at \(position), C \(native)")
                    #expect(Self.bits(saved.scalars()) == Self.bits(x))
                }
            }
        }
        // Several parallel chunks, the odd value in the last one.
        var large = Self.spikeValues(3 * SavedActivation<Float>.chunk + 5)
        large[large.count - 2] = 0.25
        #expect(!SavedActivation(compacting: large).isCompact)
        let empty = SavedActivation<Float>(compacting: [])
        #expect(!empty.isCompact && empty.scalars().isEmpty)
    }

    @Test("the event-driven weight gradient reads bytes to the same bits as their scalars",
          arguments: [(1, 1, 1), (2, 1, 1), (1, 0, 2), (2, 1, 3)])
    func sparseBytesGradient(stride: Int, padding: Int, dilation: Int) {
        let g = ConvolutionGeometry(batch: 3, inChannels: 4, height: 9, width: 8, outChannels: 5, kernel: (3, 3),
                                    stride: (stride, stride), padding: (padding, padding),
                                    dilation: (dilation, dilation), groups: 1)
        let x = Self.spikeValues(3 * 4 * 9 * 8).enumerated().map { $0.offset % 9 == 0 ? $0.element : 0 }   // ≈ 6 % events
        let dy = (0..<(3 * 5 * g.pixels)).map { Float(($0 * 37) % 23) / 7 - 1.5 }
        let saved = SavedActivation(compacting: x)
        #expect(saved.isCompact && SparseConvolutionKernels.density(bytes: saved.compactBytes!) <= SparseConvolutionKernels.maximumDensity)
        for native in [true, false] {
            #expect(Self.bits(SparseConvolutionKernels.weightGradient(bytes: saved.compactBytes!, outputGradient: dy, geometry: g, cKernels: native))
                    == Self.bits(SparseConvolutionKernels.weightGradient(input: x, outputGradient: dy, geometry: g, cKernels: native)))
        }
        #expect(Self.bits(ConvolutionKernels.weightGradient(saved: saved, outputGradient: dy, geometry: g))
                == Self.bits(ConvolutionKernels.weightGradient(input: x, outputGradient: dy, geometry: g)))
    }

    @Test("a convolution's weight gradient is the same from a spike input held as bytes", arguments: [1, 9])
    func convolutionGradientUnchanged(sparsity: Int) {
        // Spikes [2, 3, 6, 6] (dense, or ≈ 6 % events) → conv 3×3 (4 filters); the backward rule reads the bytes.
        let x = Tensor<Float>(shape: [2, 3, 6, 6], scalars: Self.spikeValues(216).enumerated().map {
            $0.offset % sparsity == 0 ? min($0.element, 1) : 0
        })
        let w0 = Tensor<Float>(shape: [4, 3, 3, 3], generating: { Float($0 % 11) * 0.25 - 1 })
        let graph = Graph<Float>()
        let w = graph.leaf(w0)
        let loss = (x.conv2d(weight: w, padding: (1, 1)) * x.conv2d(weight: w, padding: (1, 1))).sum()
        graph.backward(from: loss)
        let geometry = ConvolutionGeometry(batch: 2, inChannels: 3, height: 6, width: 6, outChannels: 4,
                                           kernel: (3, 3), stride: (1, 1), padding: (1, 1), dilation: (1, 1), groups: 1)
        let y = ConvolutionKernels.forward(input: x.scalars, weight: w0.scalars, geometry: geometry)
        let expected = ConvolutionKernels.weightGradient(input: x.scalars, outputGradient: y, geometry: geometry)
        // Each of the two convolution nodes receives dL/dout = y (the other factor) and adds dW(x, y).
        #expect(Self.bits(graph.gradient(of: w)!.scalars) == Self.bits(zip(expected, expected).map { $0 + $1 }))
    }
}
