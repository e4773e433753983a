import CortexEngine
import CortexNumerics
import Foundation
import Testing
@testable import CortexModels

/// The input normalisation a checkpoint records, and its use when a network watches a movie.
@Suite("Input normalisation by training set")
struct InputNormalizationTests {
    /// 2 frames of 4 × 4 pixels 0, 17, 34, … (uint8).
    static let movie = NDArray<UInt8>(shape: [2, 4, 4], scalars: (0..<32).map { UInt8($0 * 8) })

    @Test("frames are normalised with the recorded statistics: (v/255 − mean_c)/std_c per channel")
    func recordedStatistics() {
        let cases: [(InputNormalization, channels: Int)] = [(.ucf101, 3), (.imageNet, 3), (InputNormalization(mean: [0.3], std: [0.2]), 3),
                                                            (InputNormalization(channels: 1), 1)]
        for (normalization, channels) in cases {
            let frames = FramePreprocessing(height: 4, width: 4, channels: channels, normalization: normalization)
                .frames(Self.movie, 0..<2)
            #expect(frames.shape == [2, channels, 4, 4])
            for n in 0..<2 {
                for c in 0..<channels {
                    let (mean, std) = normalization.statistics(channel: c)
                    for p in 0..<16 {
                        let v = Float(Self.movie.scalars[n * 16 + p]) / 255
                        #expect(abs(frames.scalars[((n * channels) + c) * 16 + p] - (v - mean) / std) <= 1e-6)
                    }
                }
            }
        }
    }

    @Test("without a record, the earlier rule stays: ImageNet statistics for 3 channels, 0.449/0.226 for 1")
    func legacyRule() {
        for channels in [1, 3] {
            let legacy = FramePreprocessing(height: 4, width: 4, channels: channels).frames(Self.movie, 0..<2)
            let explicit = FramePreprocessing(height: 4, width: 4, channels: channels,
                                              normalization: InputNormalization(channels: channels)).frames(Self.movie, 0..<2)
            #expect(legacy.scalars == explicit.scalars)
        }
        #expect(InputNormalization(channels: 3) == .imageNet)
        #expect(FramePreprocessing(height: 4, width: 4, channels: 3).channelStatistics.mean == [0.485, 0.456, 0.406])
    }

    @Test("a recorded normalisation that is not one (unequal counts, std ≤ 0) is a metadata error, never a trap",
          arguments: [#"{"mean":[0.5,0.5],"std":[0.5]}"#, #"{"mean":[0.5],"std":[0]}"#, #"{"mean":[],"std":[]}"#])
    func malformed(_ json: String) throws {
        let record = #"{"schema":1,"family":"spiking-resnet","configuration":"#
            + String(decoding: try JSONEncoder().encode(ModelRegistry.configuration(named: "sew-resnet18-w4")!), as: UTF8.self)
            + #","input_normalization":"# + json + "}"
        #expect(throws: CheckpointMetadataError.self) {
            try CheckpointMetadata<ModelConfiguration>.read(from: [CheckpointMetadata<ModelConfiguration>.key: record])
        }
    }

    /// What scripts/convert_pth_to_safetensors.py records for the study's UCF101-trained LoRaFB-SNet
    /// (`--study-model lorafb_snet18 --train-dataset ucf101`), key-sorted as the script writes it.
    static let converterRecord = #"{"configuration": {"architecture": "lorafb-snet", "base_width": 64, "classes": 101, "connect": "ADD", "depth": 18, "input_channels": 3, "input_height": 224, "input_width": 224, "neuron": "lif", "step_normalization": "batch"}, "family": "spiking-resnet", "input_normalization": {"mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]}, "model_name": "lorafb_snet18 (ucf101)", "schema": 1, "task": "video"}"#

    @Test("the converter's record of a study checkpoint reads as its configuration, task and normalisation")
    func converterRecord() throws {
        let recorded = try #require(try CheckpointMetadata<ModelConfiguration>.read(
            from: [CheckpointMetadata<ModelConfiguration>.key: Self.converterRecord], family: SpikingResNet.family))
        var expected = try #require(ModelRegistry.configuration(named: "lorafb-snet18"))
        expected.stepNormalization = .batchStatistics
        #expect(recorded.configuration == expected)
        #expect(recorded.task == .video && recorded.inputNormalization == .ucf101 && recorded.modelName == "lorafb_snet18 (ucf101)")
    }

    @Test("a loaded checkpoint hands its normalisation to extraction; one that does not fit the input channels is refused")
    func loader() throws {
        var rng = SplittableRandom(seed: 3)
        let configuration = try #require(ModelRegistry.configuration(named: "sew-resnet18-w4"))
        let network = SpikingResNet(configuration: configuration, rng: &rng)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ck-norm-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        let good = InputNormalization(mean: [0.4], std: [0.3])
        try network.save(to: url, metadata: CheckpointMetadata(family: SpikingResNet.family, configuration: configuration,
                                                               inputNormalization: good).entries)
        #expect(try ModelLoader.load(.checkpoint(url)).inputNormalization == good)
        try network.save(to: url, metadata: CheckpointMetadata(family: SpikingResNet.family, configuration: configuration,
                                                               inputNormalization: .imageNet).entries)
        #expect(throws: ModelLoadingError.self) { try ModelLoader.load(.checkpoint(url)) }
        #expect(try ModelLoader.load(.random(seed: 1), registryName: "sew-resnet18-w4").inputNormalization == nil)
    }

    @Test("a study-style .pth (weights beside an argparse.Namespace), converted, loads without --model: same weights, task and normalisation recorded")
    func convertedStudyCheckpoint() throws {
        let fixtures = TaskFixtures.root.appendingPathComponent("Tests/CortexModelsTests/Fixtures")
        let converted = try ModelLoader.load(.checkpoint(fixtures.appendingPathComponent("study_lorafb_snet18_w4_converted.safetensors")))
        #expect(converted.name == "lorafb_snet18 (ucf101)")
        #expect(converted.recordedProtocol == .video && converted.inputNormalization == InputNormalization(mean: [0.5], std: [0.5]))
        var expected = try #require(ModelRegistry.configuration(named: "lorafb-snet18-w4"))
        expected.stepNormalization = .batchStatistics
        #expect(converted.configuration == expected)
        let source = try ModelLoader.load(.checkpoint(fixtures.appendingPathComponent("lorafb_snet18_w4.safetensors")),
                                          registryName: "lorafb-snet18-w4")
        let a = converted.network.namedTensors(), b = source.network.namedTensors()
        #expect(a.map(\.name) == b.map(\.name))
        #expect(zip(a, b).allSatisfy { $0.tensor.scalars == $1.tensor.scalars })
    }
}
