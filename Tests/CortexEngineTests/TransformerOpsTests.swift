import CortexNumerics
import Foundation
import Testing
@testable import CortexEngine

/// The engine operations spiking transformers need: batched (attention) products, axis
/// permutations, repeats along a new axis, BatchNorm1d over tokens and max-pooling of membrane
/// potentials — forward against naive loops written here, backward against central differences.
@Suite("Transformer operations: batched products, permutes, BatchNorm1d, membrane max-pooling")
struct TransformerOpsTests {
    typealias T = Tensor<Double>

    /// A {0, 1} tensor with about `rate` ones.
    static func spikes(_ shape: [Int], seed: UInt64, rate: Double = 0.3) -> T {
        var rng = SplittableRandom(seed: seed)
        return T(shape: shape, generating: { _ in Double.random(in: 0..<1, using: &rng) < rate ? 1 : 0 })
    }

    /// op(x)[b, i, j] of a stored batch of matrices `[batches, r, c]`.
    static func entry(_ x: T, _ b: Int, _ i: Int, _ j: Int, transposed: Bool) -> Double {
        let (r, c) = (x.shape[x.rank - 2], x.shape[x.rank - 1])
        return transposed ? x.scalars[b * r * c + j * c + i] : x.scalars[b * r * c + i * c + j]
    }

    @Test("batched products equal per-matrix sums in all four transpose combinations, gradients by central differences",
          arguments: [(false, false), (true, false), (false, true), (true, true)])
    func batchedProduct(transposes: (Bool, Bool)) {
        let x = GradientCheck.random(transposes.0 ? [2, 3, 4, 3] : [2, 3, 3, 4], seed: 1)
        let y = GradientCheck.random(transposes.1 ? [2, 3, 5, 4] : [2, 3, 4, 5], seed: 2)
        let product = x.batchedMatmul(y, transposeSelf: transposes.0, transposeOther: transposes.1)
        #expect(product.shape == [2, 3, 3, 5])
        var worst = 0.0
        for b in 0..<6 {
            for i in 0..<3 {
                for j in 0..<5 {
                    let expected = (0..<4).reduce(0.0) {
                        $0 + Self.entry(x, b, i, $1, transposed: transposes.0) * Self.entry(y, b, $1, j, transposed: transposes.1)
                    }
                    worst = max(worst, abs(product.scalars[(b * 3 + i) * 5 + j] - expected))
                }
            }
        }
        #expect(worst < 1e-12)
        #expect(GradientCheck.maxError([x, y]) { $0[0].batchedMatmul($0[1], transposeSelf: transposes.0, transposeOther: transposes.1) } < 1e-7)
    }

    @Test("the zero-skipping path for a spike (or sparse real) left operand equals GEMM", arguments: [false, true])
    func sparseLeftEqualsDense(transposeOther: Bool) {
        let q = Self.spikes([4, 2, 16, 8], seed: 3)
        let k = GradientCheck.random(transposeOther ? [4, 2, 16, 8] : [4, 2, 8, 16], seed: 4)
        let geometry = MatmulGeometry(m: 16, k: 8, n: 16, transposeA: false, transposeB: transposeOther)
        let dense = BatchedMatrixKernels.dense(q.scalars, k.scalars, geometry, batches: 8)
        let sparse = BatchedMatrixKernels.sparseLeft(q.scalars, k.scalars, geometry, batches: 8)
        #expect(zip(dense, sparse).map { abs($0 - $1) }.max()! < 1e-12)
        // a real left operand with zeros (Q·Kᵀ·0.125 times V) takes the same path and agrees too
        let scaled = q.scalars.enumerated().map { $0.element * Double($0.offset % 7) * 0.125 }
        let denseReal = BatchedMatrixKernels.dense(scaled, k.scalars, geometry, batches: 8)
        let sparseReal = BatchedMatrixKernels.sparseLeft(scaled, k.scalars, geometry, batches: 8)
        #expect(zip(denseReal, sparseReal).map { abs($0 - $1) }.max()! < 1e-12)
        // the public op picks the sparse path here (≥ 50 % zeros) and its gradient is still exact
        #expect(q.scalars.filter { $0 == 0 }.count * 2 >= q.count)
        #expect(zip(q.batchedMatmul(k, transposeOther: transposeOther).scalars, dense).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(GradientCheck.maxError([q, k]) { $0[0].batchedMatmul($0[1], transposeOther: transposeOther) } < 1e-7)
    }

    @Test("Float spike products are exact integers on both paths (spike × spike counts coincidences)")
    func spikeCounts() {
        let q = Tensor<Float>(shape: [1, 3, 4], scalars: [1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1])
        let k = Tensor<Float>(shape: [1, 2, 4], scalars: [1, 1, 1, 0, 0, 1, 0, 1])
        #expect(q.batchedMatmul(k, transposeOther: true).scalars == [2, 0, 0, 0, 3, 2])
    }

    @Test("permutes match index arithmetic; their gradients permute back")
    func permutes() {
        let x = GradientCheck.random([2, 3, 4, 5], seed: 5)
        let axes = [0, 2, 3, 1]
        let y = x.permuted(axes)
        #expect(y.shape == [2, 4, 5, 3])
        var mismatches = 0
        for a in 0..<2 { for b in 0..<3 { for c in 0..<4 { for d in 0..<5 {
            if y.scalars[((a * 4 + c) * 5 + d) * 3 + b] != x.scalars[((a * 3 + b) * 4 + c) * 5 + d] { mismatches += 1 }
        } } } }
        #expect(mismatches == 0)
        #expect(y.permuted([0, 3, 1, 2]).scalars == x.scalars)                     // the inverse
        #expect(x.transposed(2, 3).shape == [2, 3, 5, 4])
        #expect(x.transposed(1, 1).scalars == x.scalars)
        for permutation in [[0, 2, 3, 1], [3, 2, 1, 0], [1, 0, 2, 3], [0, 1, 3, 2]] {
            #expect(GradientCheck.maxError([x]) { $0[0].permuted(permutation) } < 1e-7)
        }
        // [T, B, C, H, W] → [T, B, N, C] → [T, B, heads, N, d] and back, as the models do it
        let image = GradientCheck.random([2, 1, 6, 2, 3], seed: 6)
        let tokens = image.reshaped([2, 1, 6, 6]).transposed(2, 3)                 // [T, B, N, C]
        #expect(tokens.scalars[(0 * 6 + 4) * 6 + 5] == image.scalars[5 * 6 + 4])  // token 4, channel 5
        let heads = tokens.reshaped([2, 1, 6, 2, 3]).permuted([0, 1, 3, 2, 4])
        #expect(heads.permuted([0, 1, 3, 2, 4]).reshaped([2, 1, 6, 6]).transposed(2, 3).reshaped(image.shape).scalars == image.scalars)
        #expect(GradientCheck.maxError([image]) { $0[0].reshaped([2, 1, 6, 6]).transposed(2, 3).reshaped([2, 1, 6, 2, 3]).permuted([0, 1, 3, 2, 4]) } < 1e-7)
    }

    @Test("repeat along a new axis copies the tensor; its gradient sums the copies")
    func repeats() {
        let x = GradientCheck.random([2, 3, 4], seed: 7)
        for axis in 0...3 {
            let y = x.repeated(count: 5, alongNewAxis: axis)
            var shape = x.shape
            shape.insert(5, at: axis)
            #expect(y.shape == shape)
            #expect(y.sum(alongAxis: axis).scalars.enumerated().allSatisfy { abs($0.element - 5 * x.scalars[$0.offset]) < 1e-12 })
            #expect(GradientCheck.maxError([x]) { $0[0].repeated(count: 5, alongNewAxis: axis) } < 1e-7)
        }
    }

    @Test("BatchNorm1d over tokens normalises each channel over time, batch and tokens (PyTorch's transpose–BN1d–transpose)")
    func batchNorm1dTraining() {
        let x = GradientCheck.random([2, 3, 5, 4], seed: 8, scale: 2)                 // [T, B, N, C]
        var bn = BatchNorm1d<Double>(channels: 4)
        bn.normalization.weight = GradientCheck.random([4], seed: 9)
        bn.normalization.bias = GradientCheck.random([4], seed: 10)
        let y = bn(x, mode: .training)
        #expect(y.shape == x.shape)
        let rows = x.count / 4
        for c in 0..<4 {
            let column = (0..<rows).map { x.scalars[$0 * 4 + c] }
            let mean = column.reduce(0, +) / Double(rows)
            let variance = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(rows)
            let (gamma, beta) = (bn.normalization.weight.scalars[c], bn.normalization.bias.scalars[c])
            let worst = (0..<rows).map { r in
                abs(y.scalars[r * 4 + c] - (gamma * (column[r] - mean) / (variance + 1e-5).squareRoot() + beta))
            }.max()!
            #expect(worst < 1e-12)
            // running statistics: momentum 0.1, unbiased variance over M = T·B·N samples
            #expect(abs(bn.normalization.runningMean.scalars[c] - 0.1 * mean) < 1e-12)
            #expect(abs(bn.normalization.runningVariance.scalars[c] - (0.9 + 0.1 * variance * Double(rows) / Double(rows - 1))) < 1e-12)
        }
        #expect(bn.namedTensors().map(\.name) == ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"])
        let gamma = bn.normalization.weight, beta = bn.normalization.bias
        #expect(GradientCheck.maxError([x, gamma, beta]) { inputs in
            var layer = BatchNorm1d<Double>(channels: 4)
            layer.normalization.weight = inputs[1]
            layer.normalization.bias = inputs[2]
            return layer(inputs[0], mode: .training)
        } < 1e-6)
        #expect(GradientCheck.maxError([x]) { inputs in
            var layer = bn
            return layer(inputs[0], mode: .inference)
        } < 1e-7)
    }

    @Test("max-pooling membrane potentials pads with −∞: negative borders stay negative; gradient reaches the chosen input only")
    func membraneMaxPool() {
        // all-negative membrane potentials: zero padding would put 0 at every border window
        let v = T(shape: [1, 1, 4, 4], generating: { -1 - Double($0) * 0.25 })
        let pooled = v.maxPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1))
        // window maxima of the real entries only (top-left corner of each window's valid part)
        #expect(pooled.scalars == [-1, -1.25, -2, -2.25])
        let x = GradientCheck.random([2, 3, 5, 5], seed: 11)                          // distinct values: no ties
        #expect(GradientCheck.maxError([x]) { $0[0].maxPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1)) } < 1e-7)
        let graph = Graph<Double>()
        let leaf = graph.leaf(v)
        graph.backward(from: leaf.maxPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1)).sum())
        let g = graph.gradient(of: leaf)!.scalars
        #expect(g.reduce(0, +) == 4 && g[0] == 1 && g[1] == 1 && g[4] == 1 && g[5] == 1)
    }
}
