import CKernels
import Testing
@testable import CortexEngine

/// The C kernels (`CKernels`, chosen per CPU: AVX-512, AVX2 or baseline) against the Swift loops
/// they replace (`cKernels: false`): the same operations in the same order, so the results must be
/// bit-identical, whatever instruction set the loader picked.
@Suite("C kernels (per-CPU ISA) equal the Swift loops bit for bit")
struct CKernelsTests {
    static func random(_ count: Int, seed: UInt64, scale: Double = 1) -> [Float] {
        GradientCheck.random([count], seed: seed, scale: scale).scalars.map { Float($0) }
    }

    static func same(_ a: [Float], _ b: [Float]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
    }

    @Test("the loader chose a known instruction set")
    func instructionSet() {
        #expect(["avx512f", "avx2", "default"].contains(CKernelBridge.instructionSet))
    }

    @Test("event-driven forward / weight gradient and the dense input gradient (col2im)",
          arguments: ConvolutionTests.cases)
    func convolution(_ c: ConvolutionTests.Case) {
        let g = ConvolutionGeometry(batch: 3, inChannels: c.c, height: c.h, width: c.w, outChannels: c.o,
                                    kernel: c.k, stride: c.s, padding: c.p, dilation: c.d, groups: c.g)
        let count = g.inputShape.reduce(1, *)
        let x = Self.random(count, seed: 41).map { $0 > 0.6 ? Float(1) : ($0 < -0.9 ? 2 : 0) }
        let w = Self.random(g.weightShape.reduce(1, *), seed: 42)
        let dy = Self.random(g.outputShape.reduce(1, *), seed: 43)
        for columns in [1, ConvolutionKernels.panelColumns] {
            #expect(Self.same(ConvolutionKernels.inputGradient(outputGradient: dy, weight: w, geometry: g, panelColumns: columns),
                              ConvolutionKernels.inputGradient(outputGradient: dy, weight: w, geometry: g, panelColumns: columns,
                                                               cKernels: false)))
        }
        guard c.g == 1 else { return }
        #expect(Self.same(SparseConvolutionKernels.forward(input: x, weight: w, geometry: g),
                          SparseConvolutionKernels.forward(input: x, weight: w, geometry: g, cKernels: false)))
        #expect(Self.same(SparseConvolutionKernels.weightGradient(input: x, outputGradient: dy, geometry: g),
                          SparseConvolutionKernels.weightGradient(input: x, outputGradient: dy, geometry: g, cKernels: false)))
    }

    /// Geometries for the fused input gradient besides ``ConvolutionTests/cases``: whole and partial
    /// blocks of 32 pixels, 9, 4 and 1 taps per block, strides, padding, dilation, groups.
    static let fusedCases: [ConvolutionTests.Case] = ConvolutionTests.cases + [
        .init(c: 16, o: 16, h: 16, w: 16, k: (3, 3), s: (1, 1), p: (1, 1), d: (1, 1), g: 1),
        .init(c: 5, o: 7, h: 8, w: 8, k: (3, 3), s: (1, 1), p: (1, 1), d: (1, 1), g: 1),
        .init(c: 3, o: 5, h: 9, w: 11, k: (3, 3), s: (1, 1), p: (1, 1), d: (1, 1), g: 1),       // 99 pixels
        .init(c: 4, o: 6, h: 17, w: 15, k: (3, 3), s: (2, 2), p: (1, 1), d: (1, 1), g: 2),
        .init(c: 2, o: 3, h: 12, w: 12, k: (5, 5), s: (1, 1), p: (2, 2), d: (1, 1), g: 1),      // 25 taps: 9+9+4+1+1+1
        .init(c: 3, o: 4, h: 10, w: 10, k: (2, 2), s: (1, 1), p: (0, 0), d: (2, 2), g: 1),
    ]

    @Test("fused dL/dx (patch rows per channel + col2im) equals GEMM + col2im", arguments: fusedCases)
    func fusedInputGradient(_ c: ConvolutionTests.Case) {
        let g = ConvolutionGeometry(batch: 3, inChannels: c.c, height: c.h, width: c.w, outChannels: c.o,
                                    kernel: c.k, stride: c.s, padding: c.p, dilation: c.d, groups: c.g)
        let w = Self.random(g.weightShape.reduce(1, *), seed: 44)
        let dy = Self.random(g.outputShape.reduce(1, *), seed: 45)
        let fused = ConvolutionKernels.inputGradient(outputGradient: dy, weight: w, geometry: g, fused: { _ in true })
        let gemm = ConvolutionKernels.inputGradient(outputGradient: dy, weight: w, geometry: g, fused: { _ in false })
        let plain = ConvolutionKernels.inputGradient(outputGradient: dy, weight: w, geometry: g, cKernels: false)
        #expect(Self.same(gemm, plain))
        // The same sums over o in the same order; FMA where the C kernel's clone has it (AVX-512) and
        // OpenBLAS's kernels use it: bit-identical on AVX-512 (measured), a rounding apart elsewhere.
        let scale = gemm.map { abs($0) }.max() ?? 0
        #expect(zip(fused, gemm).allSatisfy { abs($0 - $1) <= 1e-5 * max(scale, 1) })
        if CKernelBridge.instructionSet == "avx512f" { #expect(Self.same(fused, gemm)) }
    }

    @Test("fused dL/dW (patch rows per channel) equals im2col + GEMM to rounding", arguments: fusedCases)
    func fusedWeightGradient(_ c: ConvolutionTests.Case) {
        let g = ConvolutionGeometry(batch: 5, inChannels: c.c, height: c.h, width: c.w, outChannels: c.o,
                                    kernel: c.k, stride: c.s, padding: c.p, dilation: c.d, groups: c.g)
        // Spike-like (0, 1, 2) and real-valued inputs, both on the dense path.
        let noise = Self.random(g.inputShape.reduce(1, *), seed: 46)
        let dy = Self.random(g.outputShape.reduce(1, *), seed: 47)
        for x in [noise.map { $0 > 0.2 ? Float(1) : ($0 < -0.6 ? 2 : 0) }, noise] {
            let fused = ConvolutionKernels.weightGradient(input: x, outputGradient: dy, geometry: g, eventDrivenBelow: -1,
                                                          fused: { _ in true })
            let gemm = ConvolutionKernels.weightGradient(input: x, outputGradient: dy, geometry: g, eventDrivenBelow: -1,
                                                         fused: { _ in false })
            // Σ over pixels × samples of terms ≤ scale: rounding ≤ a few ulps of the largest partial sum.
            let scale = gemm.map { abs($0) }.max() ?? 0
            #expect(fused.count == gemm.count)
            #expect(zip(fused, gemm).allSatisfy { abs($0 - $1) <= 1e-5 * max(scale, 1) })
        }
    }

    /// (batch, channels, spatial): spatial below, at and across the 256-value summation block.
    static let normalizationShapes = [(3, 5, 49), (2, 3, 256), (4, 2, 300), (5, 3, 7), (1, 1, 1)]

    @Test("batch norm forward (training, with and without x̂; inference) and backward",
          arguments: 0..<normalizationShapes.count)
    func normalization(_ index: Int) {
        let (n, c, s) = Self.normalizationShapes[index]
        let x = Self.random(n * c * s, seed: 51, scale: 3).map { $0 + 0.7 }
        let (gamma, beta) = (Self.random(c, seed: 52), Self.random(c, seed: 53))
        let dy = Self.random(n * c * s, seed: 54)
        let statistics = (mean: Self.random(c, seed: 55), variance: Self.random(c, seed: 56).map { abs($0) + 0.1 })
        for stats in [nil, statistics] as [(mean: [Float], variance: [Float])?] {
            for keep in [true, false] {
                func run(_ native: Bool) -> NormalizationKernels.Forward<Float> {
                    NormalizationKernels.forward(x, batch: n, channels: c, spatial: s, scale: gamma, shift: beta,
                                                 statistics: stats, epsilon: 1e-5, keepNormalized: keep, cKernels: native)
                }
                let (fast, slow) = (run(true), run(false))
                #expect(Self.same(fast.output, slow.output) && Self.same(fast.normalized, slow.normalized))
                #expect(Self.same(fast.mean, slow.mean) && Self.same(fast.variance, slow.variance)
                        && Self.same(fast.inverseStd, slow.inverseStd))
                guard keep else { continue }
                for training in [true, false] {
                    func back(_ native: Bool) -> ([Float], [Float], [Float]) {
                        NormalizationKernels.backward(dy, normalized: slow.normalized, inverseStd: slow.inverseStd, scale: gamma,
                                                      batch: n, channels: c, spatial: s, training: training, cKernels: native)
                    }
                    let (a, b) = (back(true), back(false))
                    #expect(Self.same(a.0, b.0) && Self.same(a.1, b.1) && Self.same(a.2, b.2))
                }
            }
        }
    }

    static let neuronConfigurations: [(NeuronCharge, NeuronReset, Bool, Double, Bool)] = [
        (.leaky(tau: 2), .hard(0), false, 2, true),
        (.leaky(tau: 2), .hard(-0.2), true, 3, false),
        (.leaky(tau: 3), .soft, false, 2, true),
        (.integrate, .hard(0), false, 2, true),
        (.integrate, .soft, true, 1.5, true),
    ]

    @Test("fused neuron forward (traced, untraced) and ATan backward", arguments: 0..<neuronConfigurations.count)
    func neuron(_ index: Int) {
        let (charge, reset, detach, alpha, decayInput) = Self.neuronConfigurations[index]
        let dynamics = NeuronDynamics(charge: charge, threshold: 0.5, reset: reset, detachReset: detach,
                                      surrogate: ATanSurrogate(alpha: alpha), decayInput: decayInput)
        let k: Float = { if case .leaky(let tau) = charge { return Float(1 / tau) }; return 1 }()
        // Two parallel chunks plus a tail that is no multiple of any vector width.
        let (steps, n) = (4, 2 * NeuronKernel.chunk + 13)
        let x = Self.random(steps * n, seed: 61, scale: 1.5)
        let v0 = Self.random(n, seed: 62, scale: 0.3)
        let joint = Self.random((steps + 1) * n, seed: 63)
        let fast = NeuronKernel.forward(input: x, initial: v0, steps: steps, dynamics: dynamics, decay: k)
        let slow = NeuronKernel.forward(input: x, initial: v0, steps: steps, dynamics: dynamics, decay: k, cKernels: false)
        #expect(Self.same(fast.spikes, slow.spikes) && Self.same(fast.final, slow.final))
        #expect(fast.spikes.contains(1) && fast.spikes.contains(0))
        #expect(Self.same(fast.trace!.charged, slow.trace!.charged))
        let untraced = NeuronKernel.forward(input: x, initial: v0, steps: steps, dynamics: dynamics, decay: k, saveTrace: false)
        #expect(Self.same(untraced.spikes, slow.spikes) && Self.same(untraced.final, slow.final))
        // Inference BN folded in: per-channel affine input (3 channels of 7 elements, rows cycling).
        let affine: (a: [Float], b: [Float], spatial: Int) = ([1.7, -0.4, 2.9], [0.2, 0.9, -1.1], 7)
        let foldedFast = NeuronKernel.forward(input: x, initial: v0, steps: steps, dynamics: dynamics, decay: k,
                                              saveTrace: false, inputAffine: affine)
        let foldedSlow = NeuronKernel.forward(input: x, initial: v0, steps: steps, dynamics: dynamics, decay: k,
                                              saveTrace: false, inputAffine: affine, cKernels: false)
        #expect(Self.same(foldedFast.spikes, foldedSlow.spikes) && Self.same(foldedFast.final, foldedSlow.final))
        #expect(foldedFast.spikes.contains(1) && foldedFast.spikes.contains(0))
        let a = NeuronKernel.backward(slow.trace!, jointGradient: joint)
        let b = NeuronKernel.backward(slow.trace!, jointGradient: joint, cKernels: false)
        #expect(Self.same(a.0, b.0) && Self.same(a.1, b.1) && a.2 == b.2)
        #expect(a.0.contains { $0 != 0 })
    }

    @Test("the monitors' Σ in double: exact on spikes, within rounding on analog values, any length")
    func monitorSum() {
        var state: UInt64 = 9
        func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 24)
        }
        for n in [0, 1, 7, 8, 9, 63, 64, 65, 1000, 100_003] {
            let spikes = (0..<n).map { _ in next() < 0.2 ? Float(1) : 0 }
            let analog = (0..<n).map { _ in next() * 4 - 1 }
            let plainSpikes = spikes.reduce(0.0) { $0 + Double($1) }
            let plainAnalog = analog.reduce(0.0) { $0 + Double($1) }
            let fastSpikes = spikes.withUnsafeBufferPointer { $0.isEmpty ? 0 : ck_sum_f32($0.baseAddress!, $0.count) }
            let fastAnalog = analog.withUnsafeBufferPointer { $0.isEmpty ? 0 : ck_sum_f32($0.baseAddress!, $0.count) }
            #expect(fastSpikes == plainSpikes, "n = \(n)")
            #expect(abs(fastAnalog - plainAnalog) <= 1e-12 * max(1, analog.reduce(0.0) { $0 + abs(Double($1)) }), "n = \(n)")
        }
    }
}
