@testable import CortexEngine
import CortexNumerics
import Foundation
import Testing
@testable import CortexModels

/// Lottery-ticket masks on the spiking transformers: the attention and MLP linears are pruned like
/// convolutions, and the energy monitor counts only their unpruned synapses.
@Suite("Spiking transformers: pruning")
struct TransformerPruningTests {
    /// A Spikformer-2-32 (random weights, seed 4) with half of every prunable weight removed by
    /// magnitude (`linearsOnly`: of the token-wise linears alone, so the stem keeps firing).
    static func prunedSpikformer(linearsOnly: Bool = false) throws -> (network: Spikformer, masks: PruningMasks) {
        let c = try #require(TransformerRegistry.configuration(named: "spikformer-2-32"))
        var rng = SplittableRandom(seed: 4)
        var network = Spikformer(configuration: c, rng: &rng)
        var masks = PruningMasks.dense(network).pruning(network, fraction: 0.5, criterion: MagnitudeCriterion())
        if linearsOnly { masks = PruningMasks(masks: masks.masks.filter { $0.key.contains("_linear.") }) }
        masks.apply(to: &network)
        return (network, masks)
    }

    @Test("every linear of the attention and the MLP is prunable, and half of each is zero after one round of 50 %")
    func masksCoverLinears() throws {
        let (network, masks) = try Self.prunedSpikformer()
        for name in ["block.0.attn.q_linear.weight", "block.0.attn.k_linear.weight", "block.0.attn.v_linear.weight",
                     "block.0.attn.proj_linear.weight", "block.1.mlp.fc1_linear.weight", "block.1.mlp.fc2_linear.weight"] {
            let mask = try #require(masks.masks[name], "\(name) has no mask")
            let tensor = try #require(network.namedTensors().first { $0.name == name }?.tensor)
            #expect(mask.values.filter { $0 == 0 }.count == mask.values.count / 2, "\(name)")
            #expect(zip(mask.values, tensor.scalars).allSatisfy { $0 != 0 || $1 == 0 }, "\(name): a pruned weight is not zero")
        }
    }

    @Test("a pruned token-wise linear counts Σ over tokens and input channels of input × the channel's unpruned fan-out")
    func energyCountsUnprunedSynapses() throws {
        var (network, _) = try Self.prunedSpikformer(linearsOnly: true)
        var rng = SplittableRandom(seed: 9)
        let x = Tensor<Float>(shape: [4, 2, 1, 32, 32], scalars: (0..<(4 * 2 * 32 * 32)).map { _ in Float.random(in: 0..<4, using: &rng) })
        var monitor = SynapticOperationMonitor()
        var state = network.initialState()
        // (Training mode: batch statistics make the untrained stem fire; running statistics would not.)
        let recorded = network.forward(x, state: &state, mode: .training, recording: ["patch_embed", "block.0"],
                                       monitor: &monitor, firstStep: 0).recorded
        for (layer, input) in [("block.0.attn.q_linear", "patch_embed"), ("block.1.attn.v_linear", "block.0")] {
            let weight = try #require(network.namedTensors().first { $0.name == layer + ".weight" }?.tensor)
            let (outputs, inputs) = (weight.shape[0], weight.shape[1])
            let live = (0..<inputs).map { i in (0..<outputs).filter { weight.scalars[$0 * inputs + i] != 0 }.count }
            let tokens = try #require(recorded[input])                                   // [T, B, N, D]
            var expected = 0.0
            for (k, value) in tokens.scalars.enumerated() { expected += Double(value) * Double(live[k % inputs]) }
            let dense = tokens.scalars.reduce(0) { $0 + Double($1) } * Double(outputs)
            let counted = try #require(monitor.counts[layer]).synapticOperations
            #expect(counted == expected, "\(layer)")
            #expect(expected > 0 && expected < 0.75 * dense, "\(layer): pruning must lower the count (\(expected) of \(dense))")
        }
    }
}
