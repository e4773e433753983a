import Testing
@testable import CortexEngine

/// Batch normalisation of rows `[M, C]` (spatial extent 1, BatchNorm1d) runs along the rows
/// (``NormalizationKernels/forwardRows``); against the per-channel kernels it replaces: bit for bit
/// within one block of rows (the same sums in the same order), within Double rounding of the
/// block-ordered sums beyond.
@Suite("Batch norm over rows equals the per-channel kernels")
struct NormalizationRowsTests {
    /// (rows, channels): within one 256-row block, then across blocks (BatchNorm1d over 8192 tokens).
    static let shapes = [(7, 3), (256, 64), (1, 5), (1000, 17), (8192, 64)]

    static func close(_ a: [Float], _ b: [Float], exact: Bool) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { exact ? $0.bitPattern == $1.bitPattern : abs($0 - $1) <= 1e-6 * max(1, abs($1)) }
    }

    @Test("forward (training with and without x̂, inference) and backward (training, inference)", arguments: 0..<shapes.count)
    func rows(_ index: Int) {
        let (n, c) = Self.shapes[index]
        let exact = n <= NormalizationKernels.rowBlock
        let x = CKernelsTests.random(n * c, seed: 61, scale: 3).map { $0 + 0.7 }
        let (gamma, beta) = (CKernelsTests.random(c, seed: 62), CKernelsTests.random(c, seed: 63))
        let dy = CKernelsTests.random(n * c, seed: 64)
        let statistics = (mean: CKernelsTests.random(c, seed: 65), variance: CKernelsTests.random(c, seed: 66).map { abs($0) + 0.1 })
        for stats in [nil, statistics] as [(mean: [Float], variance: [Float])?] {
            for keep in [true, false] {
                func run(_ rowKernels: Bool) -> NormalizationKernels.Forward<Float> {
                    NormalizationKernels.forward(x, batch: n, channels: c, spatial: 1, scale: gamma, shift: beta,
                                                 statistics: stats, epsilon: 1e-5, keepNormalized: keep, rowKernels: rowKernels)
                }
                let (fast, slow) = (run(true), run(false))
                #expect(Self.close(fast.output, slow.output, exact: exact) && Self.close(fast.normalized, slow.normalized, exact: exact))
                #expect(Self.close(fast.mean, slow.mean, exact: exact) && Self.close(fast.variance, slow.variance, exact: exact)
                        && Self.close(fast.inverseStd, slow.inverseStd, exact: exact))
                guard keep else { continue }
                for training in [true, false] {
                    func back(_ rowKernels: Bool) -> ([Float], [Float], [Float]) {
                        NormalizationKernels.backward(dy, normalized: slow.normalized, inverseStd: slow.inverseStd, scale: gamma,
                                                      batch: n, channels: c, spatial: 1, training: training, rowKernels: rowKernels)
                    }
                    let (a, b) = (back(true), back(false))
                    #expect(Self.close(a.0, b.0, exact: exact) && Self.close(a.1, b.1, exact: exact) && Self.close(a.2, b.2, exact: exact))
                }
            }
        }
    }

    @Test("folded inference BN with a spatial extent of 1 (channel = index mod C): C kernel equals the Swift loop bit for bit")
    func foldedNeuron() {
        let dynamics = NeuronDynamics(charge: .leaky(tau: 2), threshold: 1, reset: .hard(0), detachReset: true,
                                      surrogate: SigmoidSurrogate(alpha: 4), decayInput: true)
        // Rows of 7 channels; parallel chunks start and end inside rows.
        let (steps, n, c) = (4, 2 * NeuronKernel.chunk + 13, 7)
        let x = CKernelsTests.random(steps * n, seed: 81, scale: 2)
        let v0 = CKernelsTests.random(n, seed: 82, scale: 0.3)
        let affine = (a: CKernelsTests.random(c, seed: 83, scale: 2), b: CKernelsTests.random(c, seed: 84), spatial: 1)
        let fast = NeuronKernel.forward(input: x, initial: v0, steps: steps, dynamics: dynamics, decay: 0.5,
                                        saveTrace: false, inputAffine: affine)
        let slow = NeuronKernel.forward(input: x, initial: v0, steps: steps, dynamics: dynamics, decay: 0.5,
                                        saveTrace: false, inputAffine: affine, cKernels: false)
        #expect(CKernelsTests.same(fast.spikes, slow.spikes) && CKernelsTests.same(fast.final, slow.final))
        #expect(fast.spikes.contains(1) && fast.spikes.contains(0))
    }
}
