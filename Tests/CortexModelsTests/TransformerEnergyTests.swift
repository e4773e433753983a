@testable import CortexEngine
import CortexNumerics
import Foundation
import Testing
@testable import CortexModels

/// The energy monitors on the spiking transformers (the reference fixtures' networks): attention
/// products count one accumulate per non-zero term (counted here by brute force over the recorded
/// Q, K, V spikes), token-wise linears count input values × fan-out, the stem on pixels counts MACs.
@Suite("Spiking transformers: operation counts for the energy estimate")
struct TransformerEnergyTests {
    typealias Collector = MonitorNetworkTests.Collector

    /// `[T, B, N, D]` (Spikformer) or `[T, B, D, H, W]` (SDT) spikes as per-(t, b, head) matrices N × d.
    static func heads(_ x: Tensor<Float>, heads h: Int, tokensLast: Bool) -> [[Float]] {
        let (t, b) = (x.shape[0], x.shape[1])
        let perStep = x.count / (t * b)
        let d = tokensLast ? x.shape[3] : x.shape[2]
        let n = perStep / d
        var out: [[Float]] = []
        for s in 0..<(t * b) {
            for head in 0..<h {
                var m = [Float](repeating: 0, count: n * (d / h))
                for token in 0..<n {
                    for j in 0..<(d / h) {
                        let c = head * (d / h) + j
                        m[token * (d / h) + j] = tokensLast ? x.scalars[s * perStep + token * d + c] : x.scalars[s * perStep + c * n + token]
                    }
                }
                out.append(m)
            }
        }
        return out
    }

    @Test("Spikformer: Q·Kᵀ and (Q·Kᵀ)·V count their non-zero terms; linears and the stem as synaptic layers; energy = 0.9·SOPs + 4.6·MACs")
    func spikformer() throws {
        try TransformerReferenceTests.withNetwork("spikformer_2_32") { network in
            let expected = try TransformerReferenceTests.expected("spikformer_2_32")
            let x = TransformerReferenceTests.tensor(expected, "input")
            var monitor = MonitorPair(SynapticOperationMonitor(), Collector(signals: [.synapticInput]))
            var state = NetworkState()
            let recorded = network.runMonitored(x, state: &state, recording: Set(network.layerNames), monitor: &monitor)
            let sops = monitor.first
            let (n, d, h) = (16, 32, 4)
            for block in 0..<2 {
                let a = "block.\(block).attn."
                let q = Self.heads(recorded[a + "q_lif"]!, heads: h, tokensLast: true)
                let k = Self.heads(recorded[a + "k_lif"]!, heads: h, tokensLast: true)
                let v = Self.heads(recorded[a + "v_lif"]!, heads: h, tokensLast: true)
                var qkTerms = 0, svTerms = 0
                for m in q.indices {
                    var scores = [Float](repeating: 0, count: n * n)
                    for i in 0..<n { for j in 0..<n { for c in 0..<(d / h) {
                        let term = q[m][i * (d / h) + c] * k[m][j * (d / h) + c]
                        if term != 0 { qkTerms += 1 }
                        scores[i * n + j] += term
                    } } }
                    for i in 0..<n { for j in 0..<n { for c in 0..<(d / h) where scores[i * n + j] * v[m][j * (d / h) + c] != 0 { svTerms += 1 } } }
                }
                #expect(sops.counts[a + "qk_product"]!.synapticOperations == Double(qkTerms))
                #expect(sops.counts[a + "qkv_product"]!.synapticOperations == Double(svTerms))
                #expect(sops.counts[a + "qk_product"]!.denseMACs == Double(4 * h * n * (d / h) * n))
                #expect(qkTerms > 0 && svTerms > 0, "block \(block): the attention is not silent")
                // a token-wise linear: Σ input values × outputs, dense = tokens × in × out per step
                let tokens = block == 0 ? recorded["patch_embed"]! : recorded["block.0"]!
                #expect(sops.counts[a + "q_linear"]!.synapticOperations == tokens.scalars.reduce(0) { $0 + Double($1) } * Double(d))
                #expect(sops.counts[a + "q_linear"]!.denseMACs == Double(4 * n * d * d))
            }
            let stem = sops.counts["patch_embed.proj_conv"]!
            #expect(stem.layer.input == .analog && stem.multiplyAccumulates == Double(4 * 4 * 16 * 16 * 9) && stem.synapticOperations == 0)
            #expect(sops.counts["head"]!.multiplyAccumulates == Double(4 * 32 * 10))
            #expect(sops.order == network.monitorPaths.filter { sops.counts[$0] != nil })
            let energy = 0.9 * sops.totalSynapticOperations + 4.6 * sops.totalMultiplyAccumulates
            #expect(abs(sops.totalEnergy() - energy) <= 1e-9 * energy)
        }
    }

    @Test("SDT: Σ_N K ⊗ V counts its non-zero products; every convolution after the stem is fed spikes")
    func spikeDriven() throws {
        try TransformerReferenceTests.withNetwork("sdt_2_32") { network in
            let expected = try TransformerReferenceTests.expected("sdt_2_32")
            let x = TransformerReferenceTests.tensor(expected, "input")
            var monitor = MonitorPair(SynapticOperationMonitor(), Collector(signals: [.synapticInput]))
            var state = NetworkState()
            let recorded = network.runMonitored(x, state: &state, recording: Set(network.layerNames), monitor: &monitor)
            let sops = monitor.first
            for block in 0..<2 {
                let a = "block.\(block).attn."
                let k = recorded[a + "k_lif"]!.scalars, v = recorded[a + "v_lif"]!.scalars
                let products = zip(k, v).filter { $0 * $1 != 0 }.count
                #expect(products > 0)
                #expect(sops.counts[a + "kv_product"]!.synapticOperations == Double(products))
                #expect(sops.counts[a + "kv_product"]!.denseMACs == Double(4 * 16 * 32))
            }
            for (name, count) in sops.counts where name != "patch_embed.proj_conv" {
                #expect(count.layer.input == .spikes, "\(name)")
                let inputs = monitor.second.events[.synapticInput]![name]!
                #expect(inputs.allSatisfy { $0.value.scalars.allSatisfy { $0 == 0 || $0 == 1 } || name.hasSuffix("_product") }, "\(name): binary input")
            }
        }
    }
}

extension TransformerUnderTest where Self: RecordableNetwork, Self.State == NetworkState {
    mutating func runMonitored<M: LayerMonitor>(_ x: Tensor<Float>, state: inout NetworkState, recording: Set<String>, monitor: inout M)
        -> [String: Tensor<Float>] {
        forward(x, state: &state, mode: .inference, recording: recording, monitor: &monitor, firstStep: 0).recorded
    }
}
