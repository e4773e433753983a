import Testing
import Foundation
@testable import CortexEngine

@Suite("Surrogate gradients")
struct SurrogateTests {
    static let surrogates: [any Surrogate] = [ATanSurrogate(alpha: 2), ATanSurrogate(alpha: 0.7),
                                              SigmoidSurrogate(alpha: 4), RectangularSurrogate(width: 1),
                                              RectangularSurrogate(width: 0.6)]

    @Test("σ′ matches central differences of σ", arguments: 0..<surrogates.count)
    func derivativeMatchesPrimitive(_ index: Int) {
        let s = Self.surrogates[index]
        for x in stride(from: -2.0, through: 2.0, by: 0.037) {
            let h = 1e-6
            let numeric = (s.primitive(x + h) - s.primitive(x - h)) / (2 * h)
            #expect(abs(numeric - s.derivative(x)) < 1e-6, "x = \(x)")
        }
    }

    @Test("the kernel's scalar σ′ (Float and Double) equals the Double form", arguments: 0..<surrogates.count)
    func scalarDerivative(_ index: Int) {
        let s = Self.surrogates[index]
        for x in stride(from: -2.0, through: 2.0, by: 0.037) where abs(abs(x) - 0.3) > 1e-3 && abs(abs(x) - 0.5) > 1e-3 {
            #expect(abs(s.derivative(scalar: x) - s.derivative(x)) < 1e-12, "x = \(x)")
            #expect(abs(Double(s.derivative(scalar: Float(x))) - s.derivative(Double(Float(x)))) < 1e-6, "x = \(x)")
        }
    }

    @Test("σ is a smoothed step: σ(−∞) ≈ 0, σ(0) = 1/2, σ(+∞) ≈ 1", arguments: 0..<surrogates.count)
    func stepLimits(_ index: Int) {
        let s = Self.surrogates[index]
        #expect(abs(s.primitive(0) - 0.5) < 1e-12)
        #expect(s.primitive(-1e4) < 1e-3 && s.primitive(1e4) > 1 - 1e-3)
    }

    @Test("ATan(α = 2) has the reference study's σ′(x) = 1/(1 + (πx)²)")
    func atanClosedForm() {
        let s = ATanSurrogate(alpha: 2)
        #expect(s.derivative(0) == 1)
        #expect(abs(s.derivative(0.5) - 1 / (1 + pow(Double.pi / 2, 2))) < 1e-15)
    }

    @Test("heaviside forward is the step and backward the surrogate")
    func heaviside() {
        let graph = Graph<Double>()
        let x = graph.leaf(Tensor(shape: [3], scalars: [-0.5, 0, 0.25]))
        let y = x.heaviside(surrogate: ATanSurrogate())
        #expect(y.scalars == [0, 1, 1])
        graph.backward(from: y.sum())
        #expect(graph.gradient(of: x)!.scalars == [-0.5, 0, 0.25].map { ATanSurrogate().derivative($0) })
    }
}
