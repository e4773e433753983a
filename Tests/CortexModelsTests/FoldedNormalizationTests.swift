import CortexEngine
import CortexNumerics
import Testing
@testable import CortexModels

/// The registry networks' inference folds every BN → neuron pair into the fused neuron kernel
/// (``SpikingNeuronUnit/callAsFunction(_:normalizedBy:mode:renormalize:pendingKey:name:state:monitor:firstStep:)``).
/// A monitor that asks for membrane potentials takes the two separate calls instead, so the
/// two runs compare the folded path with the unfolded one on the same weights.
@Suite("Inference with BN folded into the neurons equals BN then neurons")
struct FoldedNormalizationTests {
    /// Wants every layer's membrane potential (forcing the unfolded path) and keeps nothing.
    struct MembraneWanting: LayerMonitor {
        var seen = 0
        func wants(_ layer: String, _ signal: MonitorSignal) -> Bool { signal == .membranePotential }
        mutating func observe(_ event: MonitorEvent) { seen += 1 }
    }

    /// A tiny model with random BN parameters and running statistics (γ ∈ [2, 5], β ∈ [−0.5, 0.5],
    /// μ ∈ [−0.3, 0.3], σ² ∈ [0.5, 2]), so the folded affine map is far from the identity.
    static func model(_ architecture: Architecture, neuron: NeuronKind) -> SpikingResNet {
        var rng = SplittableRandom(seed: 3)
        var model = SpikingResNet(configuration: TinyModels.configuration(architecture, neuron: neuron), rng: &rng)
        model.visitTensors(prefix: "") { name, _, tensor in
            let parts = name.split(separator: ".")
            guard tensor.rank == 1, parts.count >= 2, parts[parts.count - 2].hasPrefix("bn") || parts[parts.count - 2] == "1"
            else { return }
            let (low, high): (Double, Double)
            switch parts.last! {
            case "weight": (low, high) = (2, 5)
            case "bias": (low, high) = (-0.5, 0.5)
            case "running_mean": (low, high) = (-0.3, 0.3)
            case "running_var": (low, high) = (0.5, 2)
            default: return
            }
            tensor = Tensor(shape: tensor.shape, generating: { _ in Float(low + (high - low) * rng.uniformDouble()) })
        }
        return model
    }

    @Test("logits, recorded layers and final neuron states are bit-identical",
          arguments: [(Architecture.sewResNet, NeuronKind.leakyIntegrateAndFire), (.loraFBSNet, .leakyIntegrateAndFire),
                      (.sewResNet, .integrateAndFire), (.loraFBSNet, .integrateAndFire)])
    func foldedEqualsUnfolded(_ p: (architecture: Architecture, neuron: NeuronKind)) {
        var model = Self.model(p.architecture, neuron: p.neuron)
        let x = TinyModels.input(steps: 3)
        var foldedState = NetworkState()
        let folded = model.forward(x, state: &foldedState, mode: .inference, recording: Set(model.layerNames))
        var monitor = MembraneWanting()
        var plainState = NetworkState()
        let plain = model.forward(x, state: &plainState, mode: .inference, recording: Set(model.layerNames), monitor: &monitor)
        #expect(monitor.seen > 0)
        #expect(folded.logits.scalars == plain.logits.scalars)
        for name in model.layerNames { #expect(folded.recorded[name]!.scalars == plain.recorded[name]!.scalars, "\(name)") }
        #expect(Set(foldedState.neurons.keys) == Set(plainState.neurons.keys))
        for (name, v) in plainState.neurons { #expect(foldedState.neurons[name]!.membrane.scalars == v.membrane.scalars, "\(name)") }
        // the deeper stages still fire, so the comparison covers them
        let last = model.blockPath(stage: 3, block: 1)
        #expect(folded.recorded[last]!.scalars.contains { $0 != 0 })
    }

    @Test("with only BN's γ and β tracked, inference does not fold them away: they receive gradients")
    func trackedScaleIsNotFolded() {
        var model = Self.model(.sewResNet, neuron: .leakyIntegrateAndFire)
        let graph = Graph<Float>()
        model.visitTensors(prefix: "") { name, role, tensor in
            if role == .parameter, name.contains("bn") { tensor = graph.leaf(tensor) }
        }
        var state = NetworkState()
        let logits = model.forward(TinyModels.input(steps: 2), state: &state, mode: .inference).logits
        #expect(logits.isTracked)
        guard logits.isTracked else { return }
        graph.backward(from: logits.sum())
        let gradient = graph.gradient(of: model.stages[0][0].bn1.bias)
        #expect(gradient != nil && gradient!.scalars.contains { $0 != 0 })
    }
}
