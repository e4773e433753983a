import Testing
@testable import CortexEngine

@Suite("Pooling and batch normalisation")
struct PoolingAndNormalizationTests {
    typealias T = Tensor<Double>
    let ramp = T(shape: [1, 1, 4, 4], generating: { Double($0) })

    @Test("pooling forward on a ramp (closed form)")
    func rampValues() {
        #expect(ramp.maxPool2d(kernel: (2, 2)).scalars == [5, 7, 13, 15])
        #expect(ramp.avgPool2d(kernel: (2, 2)).scalars == [2.5, 4.5, 10.5, 12.5])
        #expect(ramp.maxPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1)).scalars == [5, 7, 13, 15])
        // count_include_pad: the corner window sees 0+1+4+5 = 10 over 9 cells
        #expect(abs(ramp.avgPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1)).scalars[0] - 10.0 / 9) < 1e-12)
        #expect(ramp.adaptiveAvgPool2d(output: (1, 1)).scalars == [7.5])
        // 4 → 3 bins: [0,2) [1,3) [2,4)
        let a = ramp.adaptiveAvgPool2d(output: (3, 3))
        #expect(a.scalars[0] == 2.5 && a.scalars[4] == 7.5 && a.scalars[8] == 12.5)
    }

    @Test("max pooling equals a direct scan on ties (spikes), −∞ and odd sizes; the first maximum in window order wins",
          arguments: [(7, 6, 3, 2, 1), (8, 8, 3, 2, 1), (5, 9, 2, 2, 0), (4, 4, 3, 1, 1), (6, 5, 2, 3, 1)])
    func maxPoolingMatchesScan(_ p: (h: Int, w: Int, k: Int, s: Int, pad: Int)) {
        let noise = GradientCheck.random([2, 3, p.h, p.w], seed: 29).scalars
        // spikes (0/1: ties in almost every window) with a few −∞ and a few larger values
        let x = noise.map { $0 > 0.9 ? -Double.infinity : ($0 > 0.3 ? 1 : ($0 < -0.95 ? 2 : 0)) }
        let g = PoolGeometry(planes: 6, height: p.h, width: p.w, kernel: (p.k, p.k), stride: (p.s, p.s), padding: (p.pad, p.pad))
        let (values, argmax) = PoolingKernels.maxForward(x, g)
        let untracked = PoolingKernels.maxForward(x, g, keepArgmax: false)          // inference: the same values, no positions
        #expect(untracked.0 == values && untracked.1.isEmpty)
        for plane in 0..<6 {
            for oy in 0..<g.outHeight {
                for ox in 0..<g.outWidth {
                    var (best, index) = (-Double.infinity, -1)
                    for ki in 0..<p.k {
                        for kj in 0..<p.k {
                            let (iy, ix) = (oy * p.s - p.pad + ki, ox * p.s - p.pad + kj)
                            guard iy >= 0, iy < p.h, ix >= 0, ix < p.w else { continue }
                            let i = (plane * p.h + iy) * p.w + ix
                            if index < 0 || x[i] > best { (best, index) = (x[i], i) }
                        }
                    }
                    let o = (plane * g.outHeight + oy) * g.outWidth + ox
                    #expect(values[o] == best && argmax[o] == index)
                }
            }
        }
    }

    @Test("pooling gradients match central differences")
    func poolingGradients() {
        let x = GradientCheck.random([2, 3, 5, 6], seed: 21)
        #expect(GradientCheck.maxError([x]) { $0[0].maxPool2d(kernel: (2, 2)) } < 1e-7)
        #expect(GradientCheck.maxError([x]) { $0[0].maxPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1)) } < 1e-7)
        #expect(GradientCheck.maxError([x]) { $0[0].avgPool2d(kernel: (3, 2), stride: (1, 2), padding: (1, 1)) } < 1e-7)
        #expect(GradientCheck.maxError([x]) { $0[0].adaptiveAvgPool2d(output: (3, 4)) } < 1e-7)
        #expect(GradientCheck.maxError([x]) { $0[0].adaptiveAvgPool2d(output: (1, 1)) } < 1e-7)
    }

    @Test("batch norm: training output is normalised; gradients of x, γ, β in both modes")
    func batchNorm() {
        let x = GradientCheck.random([4, 3, 2, 3], seed: 22, scale: 2)
        let gamma = GradientCheck.random([3], seed: 23)
        let beta = GradientCheck.random([3], seed: 24)
        let unit = x.batchNormalized(scale: T(shape: [3], repeating: 1), shift: T(shape: [3], repeating: 0),
                                     statistics: nil, epsilon: 0).output
        let channel0 = (0..<4).flatMap { n in (0..<6).map { unit.scalars[n * 18 + $0] } }
        let mean = channel0.reduce(0, +) / 24
        let variance = channel0.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 24
        #expect(abs(mean) < 1e-12 && abs(variance - 1) < 1e-10)
        #expect(GradientCheck.maxError([x, gamma, beta]) {
            $0[0].batchNormalized(scale: $0[1], shift: $0[2], statistics: nil, epsilon: 1e-5).output
        } < 1e-6)
        let stats = (mean: [0.1, -0.2, 0.3], variance: [1.5, 0.5, 2.0])
        #expect(GradientCheck.maxError([x, gamma, beta]) {
            $0[0].batchNormalized(scale: $0[1], shift: $0[2], statistics: stats, epsilon: 1e-5).output
        } < 1e-7)
    }
}
