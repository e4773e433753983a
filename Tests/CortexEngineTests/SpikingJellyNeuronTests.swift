import Foundation
import Testing
@testable import CortexEngine

/// CortexEngine's neurons against SpikingJelly 2.0.0 (`LIFNode`, `IFNode`, `ParametricLIFNode`,
/// multi-step): fixtures from `scripts/reference/spikingjelly_reference.py` (part A), one input
/// x[8, 32] per case with loss L = Σ spikes·gs + Σ V_T·gv.
@Suite("Neurons against SpikingJelly")
struct SpikingJellyNeuronTests {
    struct Case: Decodable, Sendable, CustomStringConvertible {
        let name: String
        let kind: String
        let tau: Double?
        let decay_input: Bool
        let v_reset: Double?
        let detach_reset: Bool
        let surrogate: String
        let alpha: Double
        let v_threshold: Double
        var description: String { name }
    }

    static let fixture = try! ReferenceFixture("spikingjelly_neurons.safetensors")
    static let cases: [Case] = try! JSONDecoder().decode([Case].self, from: Data(fixture.file.metadata["cases"]!.utf8))

    /// Runs one case in `S`; returns spikes, V after every step, V_T, dL/dx and dL/dw (PLIF).
    static func run<S: TensorScalar>(_ c: Case, as type: S.Type) -> (spikes: [Double], membranes: [Double], final: [Double],
                                                                      gradX: [Double], gradW: Double?) {
        let f = fixture
        let x = f.tensor("\(c.name)/x", as: S.self), gs = f.tensor("\(c.name)/gs", as: S.self)
        let gv = f.tensor("\(c.name)/gv", as: S.self)
        let reset: NeuronReset = c.v_reset.map { .hard($0) } ?? .soft
        let surrogate: any Surrogate = c.surrogate == "atan" ? ATanSurrogate(alpha: c.alpha) : SigmoidSurrogate(alpha: c.alpha)
        let graph = Graph<S>()
        let xl = graph.leaf(x)
        var plif: PLIFNeuron<S>?
        let dynamics: NeuronDynamics
        let out: (spikes: Tensor<S>, state: NeuronState<S>)
        switch c.kind {
        case "lif":
            let n = LIFNeuron<S>(tau: c.tau!, threshold: c.v_threshold, reset: reset, detachReset: c.detach_reset,
                                 surrogate: surrogate, decayInput: c.decay_input)
            (dynamics, out) = (n.dynamics, n(xl))
        case "if":
            let n = IFNeuron<S>(threshold: c.v_threshold, reset: reset, detachReset: c.detach_reset, surrogate: surrogate)
            (dynamics, out) = (n.dynamics, n(xl))
        default:
            var n = PLIFNeuron<S>(initialTau: c.tau!, threshold: c.v_threshold, reset: reset, detachReset: c.detach_reset,
                                  surrogate: surrogate, decayInput: c.decay_input)
            n.w = f.tensor("\(c.name)/w")     // SpikingJelly keeps w₀ = −ln(τ₀ − 1) rounded to float32
            n.track(in: graph)
            (plif, dynamics, out) = (n, n.dynamics, n(xl))
        }
        graph.backward(from: (out.spikes * gs).sum() + (out.state.membrane * gv).sum())
        // V after each step: run again one step at a time, carrying the state.
        var membranes: [Double] = []
        var state = NeuronState<S>(resting: [x.shape[1]], dynamics: dynamics)
        for t in 0..<x.shape[0] {
            let step = x.slice(along: 0, t..<(t + 1)).spikingNeuron(initial: state.membrane, dynamics: dynamics,
                                                                   decayParameter: plif?.w.detached())
            state = NeuronState(membrane: step.membrane)
            membranes += step.membrane.scalars.map { Double($0) }
        }
        let gradW = plif.flatMap { $0.gradients(in: graph)["w"] }.map { Double($0.scalars[0]) }
        return (out.spikes.scalars.map { Double($0) }, membranes, out.state.membrane.scalars.map { Double($0) },
                graph.gradient(of: xl)!.scalars.map { Double($0) }, gradW)
    }

    @Test("the fixture covers LIF, IF and PLIF, hard and soft reset, detached or not, both surrogates, decay_input false")
    func coverage() {
        let cases = Self.cases
        #expect(Set(cases.map(\.kind)) == ["lif", "if", "plif"])
        #expect(cases.contains { $0.v_reset == nil } && cases.contains { $0.v_reset == 0 })
        #expect(cases.contains { $0.detach_reset } && cases.contains { !$0.detach_reset })
        #expect(Set(cases.map(\.surrogate)) == ["atan", "sigmoid"])
        #expect(cases.contains { $0.kind == "lif" && !$0.decay_input })
    }

    @Test("Double: spikes identical, membranes and gradients within 1e-5 relative (elementwise)", arguments: cases)
    func double(_ c: Case) {
        let r = Self.run(c, as: Double.self)
        let f = Self.fixture
        #expect(r.spikes == f.values("\(c.name)/spikes"))
        #expect(r.spikes.contains(1))
        for (mine, key) in [(r.membranes, "v_seq"), (r.final, "v_final"), (r.gradX, "grad_x")] {
            let reference = f.values("\(c.name)/\(key)")
            // elementwise relative, denominators floored at 1e-7 (exact zeros after a hard reset)
            let worst = zip(mine, reference).map { abs($0 - $1) / max(abs($1), 1e-7) }.max() ?? 0
            #expect(worst < 1e-5, "\(c.name) \(key): relative error \(worst)")
        }
        if c.kind == "plif" {
            let w0 = PLIFNeuron<Double>(initialTau: c.tau!).w.scalars[0], reference = f.values("\(c.name)/w")[0]
            #expect(abs(w0 - reference) <= 1e-7 * max(abs(reference), 1e-3), "w₀ \(w0) vs \(reference)")
            let gradient = f.values("\(c.name)/grad_w")[0]
            #expect(abs(r.gradW! - gradient) <= 1e-5 * abs(gradient), "\(c.name) dL/dw \(r.gradW!) vs \(gradient)")
        }
    }

    @Test("Float: spikes identical (no threshold ties within 4e-4), values and gradients within 1e-5 of the tensor's scale",
          arguments: cases)
    func float(_ c: Case) {
        let r = Self.run(c, as: Float.self)
        let f = Self.fixture
        #expect(r.spikes == f.values("\(c.name)/spikes"))
        for (mine, key) in [(r.membranes, "v_seq"), (r.final, "v_final"), (r.gradX, "grad_x")] {
            let error = ReferenceFixture.relativeError(mine, f.values("\(c.name)/\(key)"))
            #expect(error < 1e-5, "\(c.name) \(key): relative error \(error)")
        }
        if c.kind == "plif" {
            let reference = f.values("\(c.name)/grad_w")[0]
            #expect(abs(r.gradW! - reference) <= 1e-5 * abs(reference), "\(c.name) dL/dw \(r.gradW!) vs \(reference)")
        }
    }
}
