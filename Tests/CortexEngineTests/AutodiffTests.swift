import Testing
@testable import CortexEngine

@Suite("Autodiff: tape, accumulation and primitive gradients")
struct AutodiffTests {
    typealias T = Tensor<Double>
    let a = GradientCheck.random([3, 4], seed: 1)
    let b = GradientCheck.random([3, 4], seed: 2)

    @Test("x·x has gradient 2x and gradients accumulate over uses and backward calls")
    func accumulation() {
        let graph = Graph<Double>()
        let x = graph.leaf(T(shape: [2], scalars: [1, 2]))
        graph.backward(from: (x * x).sum())
        #expect(graph.gradient(of: x)!.scalars == [2, 4])
        graph.backward(from: (x + x).sum())
        #expect(graph.gradient(of: x)!.scalars == [4, 6])
        graph.zeroGradients()
        #expect(graph.gradient(of: x) == nil)
    }

    @Test("backward drops the saved values of the nodes it sweeps, unless asked to retain them")
    func releasesSavedValues() {
        let graph = Graph<Double>()
        let x = graph.leaf(a), y = graph.leaf(b)
        let loss = (x * y).sum()
        let untouched = (x + y).sum()            // not on the loss's path: keeps its saved values
        #expect(graph.retainingNodeCount == 4)
        graph.backward(from: loss, retainingSavedValues: true)
        #expect(graph.retainingNodeCount == 4)
        graph.backward(from: loss)               // a second sweep through the retained nodes
        #expect(graph.retainingNodeCount == 2)
        #expect(graph.gradient(of: x)!.scalars == b.scalars.map { 2 * $0 })
        #expect(graph.gradient(of: y)!.scalars == a.scalars.map { 2 * $0 })
        graph.backward(from: untouched)
        #expect(graph.retainingNodeCount == 0)
        #expect(graph.gradient(of: x)!.scalars == b.scalars.map { 2 * $0 + 1 })
    }

    @Test("constants record nothing; detached tensors stop gradients")
    func constantsAndDetach() {
        let c = a * b
        #expect(c.graph == nil)
        let graph = Graph<Double>()
        let x = graph.leaf(a)
        let y = (x.detached() * x).sum()
        graph.backward(from: y)
        #expect(graph.gradient(of: x)!.scalars == a.scalars)
        #expect(graph.nodeCount == 3)
    }

    @Test("elementwise arithmetic gradients match central differences")
    func elementwise() {
        let positive = T(shape: b.shape, scalars: b.scalars.map { abs($0) + 0.5 })
        #expect(GradientCheck.maxError([a, b]) { $0[0] + $0[1] } < 1e-7)
        #expect(GradientCheck.maxError([a, b]) { $0[0] - $0[1] } < 1e-7)
        #expect(GradientCheck.maxError([a, b]) { $0[0] * $0[1] } < 1e-7)
        #expect(GradientCheck.maxError([a, positive]) { $0[0] / $0[1] } < 1e-7)
        #expect(GradientCheck.maxError([a]) { -$0[0] * 3 + 2 } < 1e-7)
        #expect(GradientCheck.maxError([a]) { ($0[0] / 4 - 1).squared() } < 1e-7)
    }

    @Test("pointwise functions: exp, log, relu, sigmoid")
    func pointwise() {
        let positive = T(shape: b.shape, scalars: b.scalars.map { abs($0) + 0.5 })
        #expect(GradientCheck.maxError([a]) { $0[0].exp() } < 1e-7)
        #expect(GradientCheck.maxError([positive]) { $0[0].log() } < 1e-7)
        #expect(GradientCheck.maxError([a]) { $0[0].relu() } < 1e-7)
        #expect(GradientCheck.maxError([a]) { $0[0].sigmoid() } < 1e-7)
        #expect(a.relu().scalars == a.scalars.map { max($0, 0) })
    }

    @Test("matmul in all four transpose combinations", arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matmul(transposes: (Bool, Bool)) {
        let x = GradientCheck.random(transposes.0 ? [4, 3] : [3, 4], seed: 3)
        let y = GradientCheck.random(transposes.1 ? [5, 4] : [4, 5], seed: 4)
        let product = x.matmul(y, transposeSelf: transposes.0, transposeOther: transposes.1)
        #expect(product.shape == [3, 5])
        // forward against the definition
        func at(_ t: T, _ i: Int, _ j: Int, _ transposed: Bool) -> Double {
            transposed ? t.scalars[j * t.shape[1] + i] : t.scalars[i * t.shape[1] + j]
        }
        let expected = (0..<15).map { idx in (0..<4).reduce(0.0) { $0 + at(x, idx / 5, $1, transposes.0) * at(y, $1, idx % 5, transposes.1) } }
        #expect(zip(product.scalars, expected).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(GradientCheck.maxError([x, y]) { $0[0].matmul($0[1], transposeSelf: transposes.0, transposeOther: transposes.1) } < 1e-7)
    }

    @Test("reductions and broadcasts")
    func reductions() {
        let x = GradientCheck.random([2, 3, 4], seed: 5)
        #expect(GradientCheck.maxError([x]) { $0[0].sum() } < 1e-7)
        #expect(GradientCheck.maxError([x]) { $0[0].mean() } < 1e-7)
        for axis in 0..<3 {
            #expect(GradientCheck.maxError([x]) { $0[0].sum(alongAxis: axis) } < 1e-7)
            #expect(GradientCheck.maxError([x]) { $0[0].mean(alongAxis: axis) } < 1e-7)
            let v = GradientCheck.random([x.shape[axis]], seed: 6)
            #expect(GradientCheck.maxError([x, v]) { $0[0] * $0[1].broadcast(along: axis, to: [2, 3, 4]) } < 1e-7)
        }
        #expect(x.sum(alongAxis: 1).scalars[0] == x.scalars[0] + x.scalars[4] + x.scalars[8])
        let s = T(shape: [1], scalars: [0.7])
        #expect(GradientCheck.maxError([x, s]) { $0[0] * $0[1].expanded(to: [2, 3, 4]) } < 1e-7)
    }

    @Test("reshape, time folding, concat, slice and stack")
    func shapes() {
        let x = GradientCheck.random([2, 3, 2, 2], seed: 7)
        let y = GradientCheck.random([2, 1, 2, 2], seed: 8)
        #expect(x.foldingTime().shape == [6, 2, 2])
        #expect(x.foldingTime().unfoldingTime(steps: 2).shape == x.shape)
        #expect(x.flattened().shape == [2, 12])
        let c = T.concatenate([x, y], along: 1)
        #expect(c.shape == [2, 4, 2, 2])
        #expect(Array(c.scalars[12..<16]) == Array(y.scalars[0..<4]))
        #expect(GradientCheck.maxError([x, y]) { T.concatenate([$0[0], $0[1]], along: 1).reshaped([4, -1]) } < 1e-7)
        #expect(GradientCheck.maxError([x]) { $0[0].slice(along: 1, 1..<3) } < 1e-7)
        #expect(GradientCheck.maxError([x]) { T.stack([$0[0].step(1), $0[0].step(0)]) } < 1e-7)
        #expect(x.step(1).scalars == Array(x.scalars[12...]))
    }

    @Test("log-softmax, cross-entropy and MSE")
    func losses() {
        let logits = GradientCheck.random([4, 5], seed: 9)
        let labels = [0, 3, 4, 1]
        #expect(GradientCheck.maxError([logits]) { $0[0].logSoftmax() } < 1e-7)
        #expect(GradientCheck.maxError([logits]) { $0[0].crossEntropy(labels: labels) } < 1e-7)
        #expect(GradientCheck.maxError([logits, GradientCheck.random([4, 5], seed: 10)]) { $0[0].meanSquaredError($0[1]) } < 1e-7)
        // closed form: uniform logits give loss log(K)
        let uniform = T(shape: [2, 5], repeating: 0.3)
        #expect(abs(uniform.crossEntropy(labels: [1, 2]).scalar - Foundation.log(5.0)) < 1e-12)
        let ce = logits.crossEntropy(labels: labels).scalar
        var expected = 0.0
        for r in 0..<4 {
            let row = Array(logits.scalars[(r * 5)..<(r * 5 + 5)])
            expected -= row[labels[r]] - Foundation.log(row.map { Foundation.exp($0) }.reduce(0, +))
        }
        #expect(abs(ce - expected / 4) < 1e-12)
    }
}

import Foundation
