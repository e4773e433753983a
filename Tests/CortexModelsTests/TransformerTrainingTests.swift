@testable import CortexEngine
import CortexNumerics
import Foundation
import Testing
@testable import CortexModels

/// The spiking transformers train with the engine's training loop (BPTT through the surrogate,
/// BatchNorm1d, the attention products, permutes and repeats) and their checkpoints load back.
@Suite("Spiking transformers: training")
struct TransformerTrainingTests {
    /// One epoch of the motion task with `N` built from `configuration`; checks and returns the run folder's checkpoint.
    static func trainOneEpoch<N: RecordableNetwork>(_ type: N.Type, name: String, unused: (N) -> [String],
                                                    build: @escaping (inout SplittableRandom) -> N) throws -> URL {
        let dir = TrainingRunTests.temporaryFolder()
        var options = TrainingRunTests.options(epochs: 1)                  // 1 × 32 × 32 frames, 10 classes: the task's shapes
        options.modelName = name
        var run = try TrainingRun(directory: dir, options: options, task: TrainingRunTests.task) { _, rng in build(&rng) }
        let before = Dictionary(uniqueKeysWithValues: run.model.namedTensors().map { ($0.name, $0.tensor.scalars) })
        #expect(try run.train())
        let after = run.model.namedTensors()
        let unchanged = after.filter { $0.role == .parameter && before[$0.name] == $0.tensor.scalars }.map(\.name)
        #expect(unchanged.isEmpty, "\(name): untrained \(unchanged)")
        let never = unused(run.model)
        #expect(!never.isEmpty)
        for tensor in after where never.contains(tensor.name) {
            #expect(before[tensor.name] == tensor.tensor.scalars, "\(tensor.name) is never trained")
        }
        #expect(run.testAccuracy != nil)
        return dir
    }

    @Test("Spikformer: one epoch changes every trainable tensor, stem to head; the checkpoint records its family and loads back")
    func spikformer() throws {
        let c = try #require(TransformerRegistry.configuration(named: "spikformer-2-32"))
        let dir = try Self.trainOneEpoch(Spikformer.self, name: "spikformer-2-32", unused: \.unusedTensorNames) {
            Spikformer(configuration: c, rng: &$0)
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        let loaded = try ModelLoader.loadAnyFamily(.checkpoint(dir.appendingPathComponent("model.safetensors")))
        guard case .spikformer(let s) = loaded.network else { Issue.record("not a Spikformer"); return }
        #expect(s.configuration == c && loaded.name == "spikformer-2-32" && loaded.task == .video)
    }

    @Test("Spike-driven Transformer: the same")
    func spikeDriven() throws {
        let c = try #require(TransformerRegistry.configuration(named: "spike-driven-transformer-2-32"))
        let dir = try Self.trainOneEpoch(SpikeDrivenTransformer.self, name: "spike-driven-transformer-2-32", unused: \.unusedTensorNames) {
            SpikeDrivenTransformer(configuration: c, rng: &$0)
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        let loaded = try ModelLoader.loadAnyFamily(.checkpoint(dir.appendingPathComponent("model.safetensors")))
        guard case .spikeDrivenTransformer(let s) = loaded.network else { Issue.record("not an SDT"); return }
        #expect(s.configuration == c && loaded.recordedProtocol == .video)
    }

    @Test("a transformer run's options.json records the transformer and no ResNet; decoding restores the frames and classes; CKA-SR needs two blocks")
    func optionsCoding() throws {
        let c = try #require(TransformerRegistry.configuration(named: "spike-driven-transformer-2-32"))
        let options = TrainingOptions(modelName: "spike-driven-transformer-2-32", transformer: c, task: .image, batchSize: 8)
        let data = try JSONEncoder().encode(options)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["configuration"] == nil && (object["transformer"] as? [String: Any])?["architecture"] as? String == "spike-driven-transformer")
        let decoded = try JSONDecoder().decode(TrainingOptions.self, from: data)
        #expect(decoded == options && decoded.network == .transformer(c))
        #expect(decoded.configuration.inputShape == c.inputShape && decoded.configuration.classes == 10)
        var resNet = TrainingRunTests.options(epochs: 1)
        #expect(resNet.network == .spikingResNet(resNet.configuration))
        resNet.transformer = c                                   // the carrier follows the transformer
        #expect(resNet.configuration.inputShape == c.inputShape)
        var one = options
        one.transformer?.blocks = 1
        one.regularizer = .ckaSparsity(CKASparsitySettings(samples: 8))
        #expect(throws: TrainingOptions.InvalidValue.self) { try one.validate() }
        one.transformer?.blocks = 2
        try one.validate()
    }

    @Test("a search candidate of a transformer base sets embedding D and blocks; its space takes no other neuron constants")
    func searchCandidate() throws {
        let c = try #require(TransformerRegistry.configuration(named: "spikformer-2-32"))
        let base = TrainingOptions(modelName: "spikformer-2-32", transformer: c, task: .video)
        let options = SearchCandidate(steps: 2, threshold: 1, tau: 2, baseWidth: 16, depth: 1).options(base: base)
        #expect(options.transformer?.embedDim == 16 && options.transformer?.blocks == 1 && options.steps == 2)
        #expect(options.transformer?.heads == c.heads && options.configuration == base.configuration)
        #expect(SearchSpace.transformers().isValid(for: c))
        #expect(!SearchSpace(steps: [2], thresholds: [1, 1.5], taus: [2], widths: [16], depths: [1]).isValid(for: c))
        #expect(!SearchSpace.transformers(widths: [12]).isValid(for: c))           // not a multiple of 8
        #expect(!SearchSpace.transformers(blocks: [0]).isValid(for: c))
        #expect(!SearchSpace.transformers().isValid(for: nil))                    // a ResNet's depths are 18 or 34
    }
}
