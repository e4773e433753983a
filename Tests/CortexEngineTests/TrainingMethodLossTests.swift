import Foundation
import Testing
@testable import CortexEngine

/// The training methods' losses (issue 15) against PyTorch (fixtures from
/// `scripts/reference/torch_training_methods.py`) and central differences.
@Suite("Training-method losses")
struct TrainingMethodLossTests {
    static let fixture = try! ReferenceFixture("training_methods.safetensors")

    @Test("supervised contrastive loss over time steps equals PyTorch (value and gradient)", arguments: ["tcl", "stcl"])
    func contrastiveMatchesTorch(_ name: String) {
        let f = Self.fixture
        let e = f.tensor("\(name)/e", as: Double.self)
        let labels = f.values("\(name)/labels").map { Int($0) }
        let tau = f.values("\(name)/temperature")[0]
        let (steps, batch, d) = (e.shape[0], e.shape[1], e.shape[2])
        let rowLabels = (0..<(steps * batch)).map { labels[$0 % batch] }
        let graph = Graph<Double>()
        let leaf = graph.leaf(e)
        let loss = leaf.reshaped([steps * batch, d]).supervisedContrastiveLoss(labels: rowLabels, temperature: tau)
        graph.backward(from: loss)
        #expect(abs(loss.scalar - f.values("\(name)/loss")[0]) < 1e-10)
        let gradient = graph.gradient(of: leaf)!.scalars
        #expect(ReferenceFixture.relativeError(gradient, f.values("\(name)/grad_e")) < 1e-10)
        // Float, as training computes it
        let lossF = f.tensor("\(name)/e", as: Float.self).reshaped([steps * batch, d])
            .supervisedContrastiveLoss(labels: rowLabels, temperature: Float(tau))
        #expect(abs(Double(lossF.scalar) - f.values("\(name)/loss")[0]) < 1e-4)
    }

    @Test("supervised contrastive loss passes a finite-difference gradient check")
    func contrastiveGradientCheck() {
        let x = GradientCheck.random([6, 3], seed: 4)
        let labels = [0, 1, 0, 1, 2, 2]
        let error = GradientCheck.maxError([x]) { $0[0].supervisedContrastiveLoss(labels: labels, temperature: 0.5) }
        #expect(error < 1e-6)
    }

    @Test("a row with no positive is left out; all rows without positives give 0")
    func contrastiveWithoutPositives() {
        let x = GradientCheck.random([4, 3], seed: 5)
        #expect(x.supervisedContrastiveLoss(labels: [0, 1, 2, 3], temperature: 0.1).scalar == 0)
        // label 3 has no partner: the loss is the mean over the other three anchors
        let all = x.supervisedContrastiveLoss(labels: [0, 0, 0, 3], temperature: 0.1).scalar
        let three = x.slice(along: 0, 0..<3).supervisedContrastiveLoss(labels: [0, 0, 0], temperature: 0.1).scalar
        #expect(all != three)          // the unmatched row still appears in the denominators
        #expect(all.isFinite && all > 0)
    }

    @Test("unbiased HSIC and debiased CKA equal PyTorch (value and gradient)")
    func ckaMatchesTorch() {
        let f = Self.fixture
        let x = f.tensor("cka/x", as: Double.self), y = f.tensor("cka/y", as: Double.self)
        #expect(abs(Tensor.unbiasedHSIC(x.gram(), y.gram()).scalar - f.values("cka/hsic_kl")[0]) < 1e-12)
        let graph = Graph<Double>()
        let (xl, yl) = (graph.leaf(x), graph.leaf(y))
        let cka = Tensor.debiasedCKA(gramX: xl.gram(), gramY: yl.gram())
        graph.backward(from: cka)
        #expect(abs(cka.scalar - f.values("cka/cka")[0]) < 1e-12)
        #expect(ReferenceFixture.relativeError(graph.gradient(of: xl)!.scalars, f.values("cka/grad_x")) < 1e-10)
        #expect(ReferenceFixture.relativeError(graph.gradient(of: yl)!.scalars, f.values("cka/grad_y")) < 1e-10)
    }

    @Test("the HSIC op passes a finite-difference check on non-symmetric matrices, and ignores diagonals")
    func hsicGradientCheck() {
        let k = GradientCheck.random([5, 5], seed: 6), l = GradientCheck.random([5, 5], seed: 7)
        #expect(GradientCheck.maxError([k, l]) { Tensor.unbiasedHSIC($0[0], $0[1]) } < 1e-7)
        let graph = Graph<Double>()
        let kl = graph.leaf(k)
        graph.backward(from: Tensor.unbiasedHSIC(kl, l))
        let g = graph.gradient(of: kl)!.scalars
        #expect((0..<5).allSatisfy { g[$0 * 6] == 0 })
        var shifted = k.scalars
        for i in 0..<5 { shifted[i * 6] += 3 }
        #expect(Tensor.unbiasedHSIC(Tensor(shape: [5, 5], scalars: shifted), l).scalar == Tensor.unbiasedHSIC(k, l).scalar)
    }

    @Test("debiased CKA through Gram matrices passes a finite-difference check; CKA(X, X) = 1")
    func ckaGradientCheck() {
        let x = GradientCheck.random([7, 4], seed: 8), y = GradientCheck.random([7, 3], seed: 9)
        #expect(GradientCheck.maxError([x, y]) { Tensor.debiasedCKA(gramX: $0[0].gram(), gramY: $0[1].gram()) } < 1e-7)
        #expect(abs(Tensor.debiasedCKA(gramX: x.gram(), gramY: x.gram()).scalar - 1) < 1e-12)
    }
}
