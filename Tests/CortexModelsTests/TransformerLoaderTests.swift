@testable import CortexEngine
import CortexNumerics
import Foundation
import Testing
@testable import CortexModels

/// The transformer registry, overrides and ``ModelLoader/loadAnyFamily(_:registryName:overrides:transformerOverrides:)``.
@Suite("Spiking transformers: registry, overrides, loading")
struct TransformerLoaderTests {
    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID()).safetensors")
    }

    @Test("every registry entry builds; the counted parameters equal the built network's; Spikformer-4-384 has the paper's 9.32 M")
    func registry() {
        for (name, c) in TransformerRegistry.entries where c.embedDim <= 64 {
            var rng = SplittableRandom(seed: 1)
            let network = ModelNetwork(configuration: .transformer(c), rng: &rng)
            #expect(network.parameterCount == c.parameterCount, "\(name)")
            #expect(network.familyName == c.architecture.family)
            #expect(network.layerNames.last == "head" && !network.defaultFeatureLayers.contains("head"))
            #expect(Set(network.layerNames).isSubset(of: Set(network.monitorPaths)), "\(name): every layer is a monitor path")
        }
        let spikformer = TransformerRegistry.configuration(named: "spikformer-4-384")!
        #expect(abs(Double(spikformer.parameterCount) - 9.32e6) < 0.005e6)    // Zhou et al. 2023, Table (CIFAR): 9.32 M
        #expect(spikformer.tokens == 64 && spikformer.headDim == 32)
        #expect(TransformerRegistry.configuration(named: "spike-driven-transformer-2-512")!.pooledStages == [false, false, true, true])
        #expect(Set(TransformerRegistry.names).isDisjoint(with: Set(ModelRegistry.names)))
    }

    @Test("overrides: --downsample cml, --heads, --embed-dim, input size; broken rules name the rule")
    func overrides() throws {
        let base = TransformerRegistry.configuration(named: "spikformer-2-64")!
        let c = try SpikingTransformerConfiguration.Overrides(embedDim: 96, heads: 8, blocks: 3, mlpRatio: 2, downsampling: .cml,
                                                              inputSize: .init(height: 32, width: 48)).applied(to: base)
        #expect((c.embedDim, c.heads, c.blocks, c.mlpRatio, c.downsampling) == (96, 8, 3, 2, .cml))
        #expect((c.inputHeight, c.inputWidth, c.tokens) == (32, 48, 8 * 12))
        #expect(throws: InvalidTransformerOverride.self) { try SpikingTransformerConfiguration.Overrides(heads: 5).applied(to: base) }
        #expect(throws: InvalidTransformerOverride.self) { try SpikingTransformerConfiguration.Overrides(embedDim: 60).applied(to: base) }
        #expect(throws: InvalidTransformerOverride.self) {
            try SpikingTransformerConfiguration.Overrides(inputSize: .init(height: 30, width: 30)).applied(to: base)   // not a multiple of 4
        }
        #expect(SpikingTransformerConfiguration.Overrides(heads: 8, downsampling: .cml).label(base: "spikformer-2-64")
                == "spikformer-2-64 --heads 8 --downsample cml")
    }

    @Test("random weights by registry name (any family); ResNet and transformer flags are refused on the other family")
    func loadAny() throws {
        let t = try ModelLoader.loadAnyFamily(.random(seed: 4), registryName: "spike-driven-transformer-2-32",
                                              overrides: .init(classes: 7), transformerOverrides: .init(downsampling: .cml))
        guard case .spikeDrivenTransformer(let sdt) = t.network else { Issue.record("not an SDT"); return }
        #expect(sdt.configuration.classes == 7 && sdt.configuration.downsampling == .cml)
        #expect(t.name == "spike-driven-transformer-2-32 --downsample cml --classes 7")
        let r = try ModelLoader.loadAnyFamily(.random(seed: 4), registryName: "sew-resnet18-w4")
        guard case .spikingResNet = r.network else { Issue.record("not a ResNet"); return }
        #expect(r.name == "sew-resnet18-w4")
        #expect(throws: ModelLoadingError.self) {
            try ModelLoader.loadAnyFamily(.random(seed: 4), registryName: "spikformer-2-32", overrides: .init(depth: 34))
        }
        #expect(throws: ModelLoadingError.self) {
            try ModelLoader.loadAnyFamily(.random(seed: 4), registryName: "sew-resnet18-w4", transformerOverrides: .init(heads: 2))
        }
        do {
            _ = try ModelLoader.loadAnyFamily(.random(seed: 4), registryName: "no-such-model")
            Issue.record("an unknown name loaded")
        } catch {
            #expect(error.description.contains("spikformer-2-64") && error.description.contains("sew-resnet18"))
        }
    }

    @Test("a CortexKit checkpoint records family and configuration and loads without a name; a contradicting name is refused")
    func checkpointRoundTrip() throws {
        let url = Self.temporary("spikformer")
        defer { try? FileManager.default.removeItem(at: url) }
        let built = try ModelLoader.loadAnyFamily(.random(seed: 9), registryName: "spikformer-2-32", transformerOverrides: .init(heads: 2))
        try built.network.save(to: url, metadata: built.network.checkpointRecord)
        let loaded = try ModelLoader.loadAnyFamily(.checkpoint(url))
        guard case .spikformer(let s) = loaded.network else { Issue.record("not a Spikformer"); return }
        #expect(s.configuration.heads == 2)
        #expect(loaded.network.stateDict().encoded() == built.network.stateDict().encoded())
        // the input size may differ, nothing else
        let resized = try ModelLoader.loadAnyFamily(.checkpoint(url), overrides: .init(inputSize: .init(height: 16, width: 16)))
        #expect(resized.network.inputShape.height == 16)
        #expect(throws: ModelLoadingError.self) { try ModelLoader.loadAnyFamily(.checkpoint(url), registryName: "spikformer-2-32") }
        #expect(throws: ModelLoadingError.self) { try ModelLoader.loadAnyFamily(.checkpoint(url), registryName: "spike-driven-transformer-2-32") }
        // Overrides without a name must describe the recorded network too: --heads 4 keeps every
        // tensor's shape, so it would otherwise run a network the checkpoint was never trained as.
        for changes in [SpikingTransformerConfiguration.Overrides(heads: 4), .init(mlpRatio: 2), .init(downsampling: .cml)] {
            do {
                _ = try ModelLoader.loadAnyFamily(.checkpoint(url), transformerOverrides: changes)
                Issue.record("\(changes.label(base: "checkpoint")) loaded")
            } catch {
                guard case .contradictsCheckpoint(_, let recorded, let requested) = error else { Issue.record("\(error)"); continue }
                #expect(recorded.contains("2 heads"), "\(recorded)")
                #expect(requested != recorded, "\(requested)")
            }
        }
        let same = try ModelLoader.loadAnyFamily(.checkpoint(url), transformerOverrides: .init(heads: 2))
        #expect(same.network.stateDict().encoded() == built.network.stateDict().encoded())
    }

    @Test("a reference checkpoint without a record loads with a registry name and the overrides that describe it")
    func referenceCheckpoint() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/sdt_cml_2_32.safetensors")
        #expect(throws: ModelLoadingError.self) { try ModelLoader.loadAnyFamily(.checkpoint(fixture)) }   // no record, no name
        let loaded = try ModelLoader.loadAnyFamily(.checkpoint(fixture), registryName: "spike-driven-transformer-2-32",
                                                   overrides: .init(inputSize: .init(height: 16, width: 16)),
                                                   transformerOverrides: .init(downsampling: .cml))
        #expect(loaded.network.unusedTensorNames == ["block.0.attn.talking_heads.weight", "block.1.attn.talking_heads.weight"])
        #expect(loaded.task == nil && loaded.recordedProtocol == nil)
    }
}
