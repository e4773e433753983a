import CortexNumerics
import Testing
@testable import CortexEngine

@Suite("Convolution: im2col + GEMM against direct convolution, gradients")
struct ConvolutionTests {
    typealias T = Tensor<Double>

    /// (C, O, H, W, kernel, stride, padding, dilation, groups)
    struct Case: Sendable, CustomStringConvertible {
        let c, o, h, w: Int
        let k: (Int, Int), s: (Int, Int), p: (Int, Int), d: (Int, Int)
        let g: Int
        var description: String { "C\(c) O\(o) \(h)×\(w) k\(k) s\(s) p\(p) d\(d) g\(g)" }
    }

    static let cases: [Case] = [
        Case(c: 3, o: 4, h: 7, w: 6, k: (3, 3), s: (1, 1), p: (0, 0), d: (1, 1), g: 1),
        Case(c: 3, o: 4, h: 7, w: 6, k: (3, 3), s: (2, 2), p: (1, 1), d: (1, 1), g: 1),
        Case(c: 2, o: 2, h: 9, w: 8, k: (3, 2), s: (2, 1), p: (2, 1), d: (2, 3), g: 1),
        Case(c: 4, o: 6, h: 6, w: 6, k: (3, 3), s: (1, 2), p: (1, 0), d: (1, 1), g: 2),
        Case(c: 4, o: 4, h: 6, w: 5, k: (3, 3), s: (1, 1), p: (1, 1), d: (1, 1), g: 4),   // depthwise
        Case(c: 3, o: 6, h: 5, w: 5, k: (3, 3), s: (2, 2), p: (1, 1), d: (1, 1), g: 3),   // depthwise ×2
        Case(c: 5, o: 3, h: 4, w: 4, k: (1, 1), s: (1, 1), p: (0, 0), d: (1, 1), g: 1),   // 1×1
        Case(c: 2, o: 3, h: 11, w: 11, k: (7, 7), s: (2, 2), p: (3, 3), d: (1, 1), g: 1), // stem-like
        Case(c: 2, o: 2, h: 3, w: 3, k: (3, 3), s: (3, 3), p: (0, 0), d: (1, 1), g: 1),
    ]

    @Test("forward equals the direct definition", arguments: cases)
    func forwardMatchesNaive(_ c: Case) {
        let x = GradientCheck.random([3, c.c, c.h, c.w], seed: 11)
        let w = GradientCheck.random([c.o, c.c / c.g, c.k.0, c.k.1], seed: 12)
        let y = x.conv2d(weight: w, stride: c.s, padding: c.p, dilation: c.d, groups: c.g)
        let geometry = ConvolutionGeometry(batch: 3, inChannels: c.c, height: c.h, width: c.w, outChannels: c.o,
                                           kernel: c.k, stride: c.s, padding: c.p, dilation: c.d, groups: c.g)
        let reference = ConvolutionKernels.naiveForward(input: x.scalars, weight: w.scalars, geometry: geometry)
        #expect(y.shape == geometry.outputShape)
        #expect(zip(y.scalars, reference).allSatisfy { abs($0 - $1) < 1e-10 })
    }

    @Test("panels of several samples per GEMM equal one sample per GEMM (forward, dx, dW)", arguments: cases)
    func panelsMatchPerSample(_ c: Case) {
        let geometry = ConvolutionGeometry(batch: 5, inChannels: c.c, height: c.h, width: c.w, outChannels: c.o,
                                           kernel: c.k, stride: c.s, padding: c.p, dilation: c.d, groups: c.g)
        let x = GradientCheck.random(geometry.inputShape, seed: 21).scalars
        let w = GradientCheck.random(geometry.weightShape, seed: 22).scalars
        let dy = GradientCheck.random(geometry.outputShape, seed: 23).scalars
        func close(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-10 } }
        let reference = ConvolutionKernels.naiveForward(input: x, weight: w, geometry: geometry)
        let single = (ConvolutionKernels.forward(input: x, weight: w, geometry: geometry, panelColumns: 1),
                      ConvolutionKernels.inputGradient(outputGradient: dy, weight: w, geometry: geometry, panelColumns: 1),
                      ConvolutionKernels.weightGradient(input: x, outputGradient: dy, geometry: geometry, panelColumns: 1))
        #expect(close(single.0, reference))
        for columns in [2 * geometry.pixels, ConvolutionKernels.panelColumns] {
            #expect(close(ConvolutionKernels.forward(input: x, weight: w, geometry: geometry, panelColumns: columns), reference))
            #expect(close(ConvolutionKernels.inputGradient(outputGradient: dy, weight: w, geometry: geometry,
                                                           panelColumns: columns), single.1))
            #expect(close(ConvolutionKernels.weightGradient(input: x, outputGradient: dy, geometry: geometry,
                                                            panelColumns: columns), single.2))
        }
    }

    @Test("event-driven forward and weight gradient equal the dense kernels on sparse inputs", arguments: cases)
    func eventDrivenMatchesDense(_ c: Case) {
        guard c.g == 1 else { return }
        let geometry = ConvolutionGeometry(batch: 3, inChannels: c.c, height: c.h, width: c.w, outChannels: c.o,
                                           kernel: c.k, stride: c.s, padding: c.p, dilation: c.d, groups: c.g)
        // Spike-like input: about 20 % of the elements are 1 or 2, the rest 0.
        let noise = GradientCheck.random(geometry.inputShape, seed: 24).scalars
        let x = noise.map { $0 > 0.6 ? 1.0 : ($0 < -0.9 ? 2.0 : 0.0) }
        #expect(x.contains(0) && x.contains(1))
        let w = GradientCheck.random(geometry.weightShape, seed: 25).scalars
        let dy = GradientCheck.random(geometry.outputShape, seed: 26).scalars
        func close(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-10 } }
        let sparse = ConvolutionKernels.forward(input: x, weight: w, geometry: geometry, eventDrivenBelow: 1)
        #expect(close(sparse, ConvolutionKernels.naiveForward(input: x, weight: w, geometry: geometry)))
        #expect(close(sparse, ConvolutionKernels.forward(input: x, weight: w, geometry: geometry, eventDrivenBelow: -1)))
        #expect(close(ConvolutionKernels.weightGradient(input: x, outputGradient: dy, geometry: geometry, eventDrivenBelow: 1),
                      ConvolutionKernels.weightGradient(input: x, outputGradient: dy, geometry: geometry, eventDrivenBelow: -1)))
    }

    @Test("the tiled weight packing of the event-driven path equals its definition, and unpacking inverts it",
          arguments: [(37, 5, 3, 3), (16, 3, 1, 1), (3, 2, 7, 7), (33, 4, 3, 2)])
    func packing(_ p: (o: Int, c: Int, kh: Int, kw: Int)) {
        let geometry = ConvolutionGeometry(batch: 1, inChannels: p.c, height: 8, width: 8, outChannels: p.o,
                                           kernel: (p.kh, p.kw), stride: (1, 1), padding: (0, 0), dilation: (1, 1), groups: 1)
        let w = GradientCheck.random(geometry.weightShape, seed: 27).scalars
        for merged in [false, true] {
            let packed = SparseConvolutionKernels.pack(w, geometry, merged: merged)
            var expected = [Double](repeating: .nan, count: w.count)
            for oi in 0..<p.o { for c in 0..<p.c { for ki in 0..<p.kh { for kj in 0..<p.kw {
                let row = SparseConvolutionKernels.packedRow(c, ki, kj, geometry, merged: merged)
                expected[row * p.o + oi] = w[((oi * p.c + c) * p.kh + ki) * p.kw + kj]
            } } } }
            #expect(packed == expected)
            #expect(SparseConvolutionKernels.unpack(packed, geometry, merged: merged) == w)
        }
    }

    @Test("the packed-weight cache gives the packing of the weight it is handed, also after the weight changes")
    func packedWeightCache() {
        let geometry = ConvolutionGeometry(batch: 2, inChannels: 5, height: 6, width: 6, outChannels: 19,
                                           kernel: (3, 3), stride: (1, 1), padding: (1, 1), dilation: (1, 1), groups: 1)
        let w1 = GradientCheck.random(geometry.weightShape, seed: 31).scalars
        let w2 = GradientCheck.random(geometry.weightShape, seed: 32).scalars
        let cache = PackedWeightCache<Double>()
        for _ in 0..<2 { #expect(cache.packed(w1, geometry, merged: true) == SparseConvolutionKernels.pack(w1, geometry, merged: true)) }
        #expect(cache.packed(w2, geometry, merged: true) == SparseConvolutionKernels.pack(w2, geometry, merged: true))
        #expect(cache.packed(w2, geometry, merged: false) == SparseConvolutionKernels.pack(w2, geometry, merged: false))
        var w3 = w2
        w3[7] += 1                                        // a changed copy has storage of its own
        #expect(cache.packed(w3, geometry, merged: false) == SparseConvolutionKernels.pack(w3, geometry, merged: false))
        // A layer whose weight is replaced between calls (as an optimiser step does) uses the new weight.
        var rng = SplittableRandom(seed: 5)
        var conv = Conv2d<Double>(inChannels: 5, outChannels: 19, kernel: (3, 3), padding: (1, 1), bias: false, rng: &rng)
        let noise = GradientCheck.random(geometry.inputShape, seed: 33).scalars
        let x = T(shape: geometry.inputShape, scalars: noise.map { $0 > 0.7 ? 1 : 0 })      // spikes: event-driven path
        for w in [w1, w2, w1] {
            conv.weight = T(shape: geometry.weightShape, scalars: w)
            let reference = ConvolutionKernels.naiveForward(input: x.scalars, weight: w, geometry: geometry)
            for _ in 0..<2 { #expect(zip(conv(x).scalars, reference).allSatisfy { abs($0 - $1) < 1e-12 }) }
        }
    }

    @Test("Float forward agrees with Double")
    func floatForward() {
        let x = GradientCheck.random([2, 4, 6, 6], seed: 13)
        let w = GradientCheck.random([4, 2, 3, 3], seed: 14)
        let yd = x.conv2d(weight: w, padding: (1, 1), groups: 2)
        let yf = Tensor<Float>(shape: x.shape, scalars: x.scalars.map(Float.init))
            .conv2d(weight: Tensor<Float>(shape: w.shape, scalars: w.scalars.map(Float.init)), padding: (1, 1), groups: 2)
        #expect(zip(yd.scalars, yf.scalars).allSatisfy { abs($0 - Double($1)) < 1e-4 })
    }

    @Test("input and weight gradients match central differences", arguments: Array(cases.prefix(7)))
    func gradients(_ c: Case) {
        let x = GradientCheck.random([2, c.c, c.h, c.w], seed: 15)
        let w = GradientCheck.random([c.o, c.c / c.g, c.k.0, c.k.1], seed: 16)
        let error = GradientCheck.maxError([x, w]) {
            $0[0].conv2d(weight: $0[1], stride: c.s, padding: c.p, dilation: c.d, groups: c.g)
        }
        #expect(error < 1e-6)
    }

    @Test("transposed convolution: output size, adjoint of conv2d, gradients",
          arguments: [(1, 0, 0, 1), (2, 1, 1, 1), (2, 1, 1, 4), (2, 0, 1, 2)])
    func transposed(_ p: (stride: Int, padding: Int, outputPadding: Int, groups: Int)) {
        let (cin, cout) = (4, 4)
        let x = GradientCheck.random([2, cin, 3, 4], seed: 17)
        let w = GradientCheck.random([cin, cout / p.groups, 3, 3], seed: 18)
        let y = x.convTranspose2d(weight: w, stride: (p.stride, p.stride), padding: (p.padding, p.padding),
                                  outputPadding: (p.outputPadding, p.outputPadding), groups: p.groups)
        let expectedH = (3 - 1) * p.stride - 2 * p.padding + 2 + p.outputPadding + 1
        let expectedW = (4 - 1) * p.stride - 2 * p.padding + 2 + p.outputPadding + 1
        #expect(y.shape == [2, cout, expectedH, expectedW])
        // ⟨convT(x), z⟩ = ⟨x, conv(z)⟩
        let z = GradientCheck.random(y.shape, seed: 19)
        let conv = z.conv2d(weight: w, stride: (p.stride, p.stride), padding: (p.padding, p.padding), groups: p.groups)
        let lhs = zip(y.scalars, z.scalars).reduce(0) { $0 + $1.0 * $1.1 }
        let rhs = zip(x.scalars, conv.scalars).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(lhs - rhs) < 1e-9 * max(1, abs(lhs)))
        let error = GradientCheck.maxError([x, w]) {
            $0[0].convTranspose2d(weight: $0[1], stride: (p.stride, p.stride), padding: (p.padding, p.padding),
                                  outputPadding: (p.outputPadding, p.outputPadding), groups: p.groups)
        }
        #expect(error < 1e-6)
    }
}
