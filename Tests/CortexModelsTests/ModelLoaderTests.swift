import CortexEngine
import CortexNumerics
import Foundation
import Testing
@testable import CortexModels

@Suite("Model loader and checkpoint metadata")
struct ModelLoaderTests {
    static let committed = TaskFixtures.root.appendingPathComponent("datasets/checkpoints/sew-resnet18-w8-video/model.safetensors")
    /// The same weights as CortexKit wrote them before checkpoint schema 1 (configuration under
    /// `cortexkit.model_configuration`, no task): the demo checkpoint before its metadata was upgraded.
    static let legacy = TaskFixtures.root.appendingPathComponent("Tests/CortexModelsTests/Fixtures/legacy_sew_resnet18_w8_video.safetensors")
    static let converted = TaskFixtures.root.appendingPathComponent("Tests/CortexModelsTests/Fixtures/sew_resnet18_w4.safetensors")

    static func temporaryURL() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("loader-\(UUID()).safetensors")
    }

    /// The video-protocol features of the first 6 demo frames, every default layer, in order.
    static func features(_ network: inout SpikingResNet) throws -> [Float] {
        let preprocessing = FramePreprocessing(inputShape: network.inputShape)
        var out: [Float] = []
        try FeatureExtraction(featureProtocol: .video, layers: network.defaultFeatureLayers, chunkFrames: 4)
            .run(model: &network, frameCount: 6, frames: { preprocessing.frames(TaskFixtures.movie, $0) }) { _, _, _, v in out += v }
        return out
    }

    @Test("a legacy-format checkpoint loads with its recorded configuration and name")
    func legacyCheckpoint() throws {
        let loaded = try ModelLoader.load(.checkpoint(Self.legacy))
        #expect(loaded.name == "sew-resnet18-w8")
        #expect(loaded.configuration == ModelRegistry.configuration(named: "sew-resnet18-w8"))
        #expect(loaded.network.configuration == loaded.configuration)
        #expect(loaded.source == .checkpoint(Self.legacy))
        let recorded = try #require(loaded.recorded)
        #expect(recorded.schema == 0 && recorded.family == "spiking-resnet" && recorded.modelName == "sew-resnet18-w8")
        #expect(recorded.task == nil && recorded.inputNormalization == nil)
        let file = try SafetensorsFile(contentsOf: Self.legacy)
        #expect(file.metadata[CheckpointMetadata<ModelConfiguration>.key] == nil)   // the old keys on disk
        // The committed demo checkpoint: the same weights, the schema-1 record (scripts/upgrade_checkpoint_metadata.py).
        let committed = try ModelLoader.load(.checkpoint(Self.committed))
        #expect(committed.configuration == loaded.configuration && committed.recorded?.schema == 1)
        #expect(committed.recorded?.task == .video && committed.recorded?.inputNormalization == InputNormalization(channels: 1))
        #expect(committed.network.stateDict(metadata: [:]).encoded() == loaded.network.stateDict(metadata: [:]).encoded())
    }

    @Test("a legacy checkpoint rewritten with schema-1 metadata loads to bit-identical features")
    func legacyAndCurrentAgree() throws {
        var legacy = try ModelLoader.load(.checkpoint(Self.legacy)).network
        let url = Self.temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        let record = CheckpointMetadata(family: SpikingResNet.family, configuration: legacy.configuration,
                                        modelName: "renamed", task: .video, inputNormalization: InputNormalization(channels: 1),
                                        testAccuracy: 0.5)
        try legacy.save(to: url, metadata: record.entries)
        let current = try ModelLoader.load(.checkpoint(url))
        #expect(current.name == "renamed" && current.recorded == record && current.recorded?.schema == 1)
        var network = current.network
        #expect(try Self.features(&legacy) == (try Self.features(&network)))
        #expect(try Self.features(&legacy).contains { $0 != 0 })
    }

    @Test("a registry name or override contradicting the recorded configuration is refused, naming both; the input size may differ")
    func contradictions() throws {
        let cases: [(String?, ModelConfiguration.Overrides, String)] = [
            ("lorafb-snet18-w8", .init(), "lorafb-snet18-w8 (lorafb-snet, depth 18, width 8, input 1x64x64, lif, ADD, 10 classes)"),
            (nil, .init(baseWidth: 4), "sew-resnet18-w8 --width 4 (sew-resnet, depth 18, width 4, input 1x64x64, lif, ADD, 10 classes)"),
            (nil, .init(neuron: .integrateAndFire), "sew-resnet18-w8 --neuron if (sew-resnet, depth 18, width 8, input 1x64x64, if, ADD, 10 classes)"),
            ("sew-resnet18-w4", .init(), "sew-resnet18-w4 (sew-resnet, depth 18, width 4, input 1x32x32, lif, ADD, 10 classes)"),
        ]
        for (name, overrides, requested) in cases {
            #expect(throws: ModelLoadingError.self) { try ModelLoader.load(.checkpoint(Self.committed), registryName: name, overrides: overrides) }
            do {
                _ = try ModelLoader.load(.checkpoint(Self.committed), registryName: name, overrides: overrides)
            } catch {
                guard case .contradictsCheckpoint(let path, let recorded, let found) = error else {
                    Issue.record("\(name ?? "-") \(overrides): expected contradictsCheckpoint, got \(error)")
                    continue
                }
                #expect(path == Self.committed.path && found == requested)
                #expect(recorded == "sew-resnet18-w8 (sew-resnet, depth 18, width 8, input 1x64x64, lif, ADD, 10 classes)")
                #expect(error.description.split(separator: "\n").count == 3)
            }
        }
        // restating the model, or another input size, is fine; the recorded task is exposed
        let resized = try ModelLoader.load(.checkpoint(Self.committed), registryName: "sew-resnet18-w8",
                                           overrides: .init(inputSize: .init(height: 32, width: 32)))
        #expect(resized.configuration.inputHeight == 32 && resized.name == "sew-resnet18-w8 --input-size 32")
        #expect(resized.task == .video)                              // the committed checkpoint records its task
    }

    @Test("random weights are deterministic per seed and differ between seeds")
    func randomWeights() throws {
        func weights(_ seed: UInt64) throws -> [[Float]] {
            try ModelLoader.load(.random(seed: seed), registryName: "lorafb-snet18-w4").network.namedTensors().map(\.tensor.scalars)
        }
        #expect(try weights(3) == (try weights(3)))
        #expect(try weights(3) != (try weights(4)))
        let loaded = try ModelLoader.load(.random(seed: 3), registryName: "lorafb-snet18-w4")
        #expect(loaded.name == "lorafb-snet18-w4" && loaded.recorded == nil && loaded.source == .random(seed: 3))
    }

    @Test("overrides apply to the named configuration and name the model; invalid ones are typed errors")
    func overrides() throws {
        var changes = ModelConfiguration.Overrides()
        changes.baseWidth = 6
        changes.inputSize = try .init(parsing: "32")
        let loaded = try ModelLoader.load(.random(seed: 0), registryName: "sew-resnet18-w8", overrides: changes)
        #expect(loaded.configuration.baseWidth == 6 && loaded.configuration.inputShape == NetworkInputShape(channels: 1, height: 32, width: 32))
        #expect(loaded.name == "sew-resnet18-w8 --width 6 --input-size 32")
        // overrides landing on a registered configuration take its name
        let w4 = try ModelLoader.load(.random(seed: 0), registryName: "sew-resnet18-w8",
                                      overrides: .init(baseWidth: 4, inputSize: .init(height: 32, width: 32)))
        #expect(w4.name == "sew-resnet18-w4")
        #expect(try ModelConfiguration.Overrides.InputSize(parsing: "48x64") == .init(height: 48, width: 64))

        let bad: [(ModelConfiguration.Overrides, ModelConfiguration.InvalidOverride)] = [
            (.init(depth: 20), .depth(20)), (.init(baseWidth: 0), .baseWidth(0)), (.init(inputChannels: 2), .inputChannels(2)),
            (.init(classes: 0), .classes(0)), (.init(inputSize: .init(height: 40, width: 40)), .inputSizeNotMultipleOf32(height: 40, width: 40)),
        ]
        let lorafb = try #require(ModelRegistry.configuration(named: "lorafb-snet18-w8"))
        for (overrides, expected) in bad {
            #expect(throws: expected) { try overrides.applied(to: lorafb) }
            #expect(!expected.description.contains("\n") && !expected.description.isEmpty)
        }
        for text in ["7", "abc", "32x", "x32", "32x32x3"] {
            #expect(throws: ModelConfiguration.InvalidOverride.inputSize(text)) { try ModelConfiguration.Overrides.InputSize(parsing: text) }
        }
        do {
            _ = try ModelLoader.load(.random(seed: 0), registryName: "lorafb-snet18-w8", overrides: .init(depth: 19))
            Issue.record("depth 19 was accepted")
        } catch {
            guard case .invalidOverride(.depth(19)) = error else { Issue.record("unexpected \(error)"); return }
        }
    }

    @Test("loader errors: unknown name (listing the known ones), no configuration, random without a name, misfit tensors")
    func errors() throws {
        func failure(_ body: () throws -> LoadedModel) -> ModelLoadingError? {
            do { _ = try body(); return nil } catch { return error as? ModelLoadingError }
        }
        let unknown = try #require(failure { try ModelLoader.load(.random(seed: 0), registryName: "resnet50") })
        guard case .unknownModel("resnet50", let known) = unknown else { Issue.record("\(unknown)"); return }
        #expect(known == ModelRegistry.names)
        #expect(unknown.description.contains("sew-resnet18-w8") && !unknown.description.contains("\n"))

        let random = try #require(failure { try ModelLoader.load(.random(seed: 0)) })
        guard case .randomWeightsNeedRegistryName = random else { Issue.record("\(random)"); return }

        let none = try #require(failure { try ModelLoader.load(.checkpoint(Self.converted)) })
        guard case .noConfiguration(let path) = none else { Issue.record("\(none)"); return }
        #expect(path == Self.converted.path && none.description.contains(path))
        // named, with overrides, the converted PyTorch checkpoint loads
        let named = try ModelLoader.load(.checkpoint(Self.converted), registryName: "sew-resnet18",
                                         overrides: .init(baseWidth: 4, inputChannels: 1, inputSize: .init(height: 32, width: 32),
                                                          neuron: .leakyIntegrateAndFire, classes: 10))
        #expect(named.configuration.baseWidth == 4 && named.recorded == nil)

        let misfit = try #require(failure { try ModelLoader.load(.checkpoint(Self.converted), registryName: "sew-resnet18-w8") })
        guard case .checkpoint(_, .mismatches) = misfit else { Issue.record("\(misfit)"); return }
        #expect(misfit.description.hasPrefix(Self.converted.path))

        let missing = try #require(failure { try ModelLoader.load(.checkpoint(URL(fileURLWithPath: "/no/such.safetensors"))) })
        guard case .checkpoint = missing else { Issue.record("\(missing)"); return }
    }

    @Test("metadata: snake_case keys, a newer schema is refused, legacy camelCase configurations decode")
    func metadataSchema() throws {
        let configuration = try #require(ModelRegistry.configuration(named: "lorafb-snet18-w4"))
        let record = CheckpointMetadata(family: "spiking-resnet", configuration: configuration, modelName: "m", task: .image,
                                        inputNormalization: InputNormalization(channels: 1), pruningMasks: ["fc.weight": "mask.fc.weight"],
                                        testAccuracy: 0.25)
        let json = try #require(record.entries[CheckpointMetadata<ModelConfiguration>.key])
        for key in ["\"schema\":1", "\"model_name\"", "\"input_normalization\"", "\"pruning_masks\"", "\"test_accuracy\"",
                    "\"base_width\"", "\"input_channels\"", "\"step_normalization\""] {
            #expect(json.contains(key), "\(key) missing from \(json)")
        }
        #expect(!json.contains("baseWidth"))
        #expect(try CheckpointMetadata<ModelConfiguration>.read(from: record.entries) == record)

        let newer = json.replacingOccurrences(of: "\"schema\":1", with: "\"schema\":2")
        #expect(throws: CheckpointMetadataError.unsupportedSchema(found: 2, newest: 1)) {
            try CheckpointMetadata<ModelConfiguration>.read(from: [CheckpointMetadata<ModelConfiguration>.key: newer])
        }
        #expect(throws: CheckpointMetadataError.self) {
            try CheckpointMetadata<ModelConfiguration>.read(from: [CheckpointMetadata<ModelConfiguration>.key: "{}"])
        }
        #expect(try CheckpointMetadata<ModelConfiguration>.read(from: [:]) == nil)

        // the JSON of checkpoints written before the schema (camelCase, no step normalisation)
        let old = """
            {"architecture":"lorafb-snet","baseWidth":4,"classes":10,"connect":"ADD","depth":18,"inputChannels":1,\
            "inputHeight":32,"inputWidth":32,"neuron":"lif"}
            """
        let legacy = try #require(try CheckpointMetadata<ModelConfiguration>.read(
            from: ["cortexkit.model_configuration": old, "cortexkit.model_name": "old"]))
        var expected = configuration
        expected.stepNormalization = .batchStatistics
        #expect(legacy.configuration == expected && legacy.modelName == "old" && legacy.schema == 0)
        #expect(ModelConfiguration(metadata: ["cortexkit.model_configuration": old]) == expected)
    }
}

@Suite("Recorded configurations are validated")
struct RecordedConfigurationValidationTests {
    static func record(_ change: (inout [String: Any]) -> Void) -> [String: String] {
        var configuration: [String: Any] = ["architecture": "sew-resnet", "depth": 18, "base_width": 8, "input_channels": 1,
                                            "input_height": 64, "input_width": 64, "neuron": "if", "connect": "ADD",
                                            "classes": 10]
        change(&configuration)
        let object: [String: Any] = ["schema": 1, "family": "spiking-resnet", "configuration": configuration]
        let json = String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        return [CheckpointMetadata<ModelConfiguration>.key: json]
    }

    @Test("each bad field is a typed error naming the field and the allowed values",
          arguments: [("depth", 5, "depth must be 18 or 34, got 5"),
                      ("base_width", 0, "width must be in 1...256, got 0"),
                      ("base_width", 1 << 40, "width must be in 1...256, got 1099511627776"),
                      ("classes", 0, "classes must be in 1...100000, got 0"),
                      ("input_channels", 2, "input channels must be 1 or 3, got 2"),
                      ("input_height", -64, "input size must be N or HxW with sides in 8...4096, got '-64x64'"),
                      ("input_width", 1 << 31, "input size must be N or HxW with sides in 8...4096, got '64x2147483648'")])
    func badField(field: String, value: Int, message: String) throws {
        let metadata = Self.record { $0[field] = value }
        do {
            _ = try CheckpointMetadata<ModelConfiguration>.read(from: metadata)
            Issue.record("\(field) = \(value) was accepted")
        } catch {
            #expect(error == .invalidConfiguration(key: "cortexkit.checkpoint", reason: message))
            #expect(error.description.contains(message))
        }
        #expect(ModelConfiguration(metadata: metadata) == nil)
    }

    @Test("a recorded lorafb-snet configuration needs input sides that are multiples of 32")
    func loraFBInputSize() {
        let metadata = Self.record { $0["architecture"] = "lorafb-snet"; $0["input_height"] = 48 }
        #expect(throws: CheckpointMetadataError.invalidConfiguration(
            key: "cortexkit.checkpoint", reason: "lorafb-snet needs an input size that is a multiple of 32, got 48x64")) {
            try CheckpointMetadata<ModelConfiguration>.read(from: metadata)
        }
    }

    @Test("overrides share the bounds: a huge width or input size is refused before anything is allocated")
    func overrideBounds() {
        #expect(throws: ModelConfiguration.InvalidOverride.baseWidth(100_000)) {
            try ModelConfiguration.Overrides(baseWidth: 100_000).validate()
        }
        #expect(throws: ModelConfiguration.InvalidOverride.inputSize("100000")) {
            try ModelConfiguration.Overrides.InputSize(parsing: "100000")
        }
    }
}
