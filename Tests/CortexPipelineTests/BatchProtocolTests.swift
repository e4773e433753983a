import CortexModels
import CortexNWB
import CortexNumerics
import CortexIO
import CortexPipeline
import Foundation
import Testing

/// A checkpoint model of a batch spec without `protocol:` watches the movie the way its recorded
/// training task calls for (image-trained → image protocol), as `cortex features` does.
@Suite("batch checkpoint models: protocol from the recorded task")
struct BatchProtocolTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("no protocol: an image-trained checkpoint is scored as with protocol: image, not as with video")
    func recordedTask() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-protocol-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // The committed image-trained network, re-saved with a record of its task.
        let committed = Self.root.appendingPathComponent("datasets/checkpoints/sew-resnet18-w8-image/model.safetensors")
        var network = try ModelLoader.load(.checkpoint(committed)).network
        let record = CheckpointMetadata(family: SpikingResNet.family, configuration: network.configuration, modelName: "sew-image",
                                        task: .image, inputNormalization: InputNormalization(channels: 1), testAccuracy: nil)
        try network.save(to: dir.appendingPathComponent("image.safetensors"), metadata: record.entries)
        // A short movie and responses of as many frames.
        let frames = 12
        var rng = SplittableRandom(seed: 5)
        let pixels = (0..<(frames * 64 * 64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        try NPYFile.write(NDArray<UInt8>(shape: [frames, 64, 64], scalars: pixels), to: dir.appendingPathComponent("movie.npy"))
        let counts = NDArray<Double>.normal(shape: [frames, 5], using: &rng).map { abs($0) }
        let area = AreaResponses(name: "VISp", unitIDs: Array(0..<5), sessionIndex: Array(repeating: 0, count: 5), matrix: counts,
                                 trials: nil)
        try ResponseFile(stimulus: "movie", repeatCount: 1, frameCount: frames, binsPerFrame: 1, filter: .none, minimumRate: nil,
                         smoothing: .none, sources: [.init(path: "s.nwb", sha256: "ab")], areas: [area], producer: "tests")
            .write(to: dir.appendingPathComponent("r.h5"))
        func scores(_ protocolLine: String) throws -> [[Double]] {
            let spec = try BatchSpec(yaml: """
                responses: [r.h5]
                models:
                  - name: m
                    checkpoint: image.safetensors
                    movie: movie.npy
                    layers: [sn1, avgpool]
                \(protocolLine)
                metrics:
                  - {kind: cka-linear}
                """, file: "spec.yaml", directory: dir)
            let out = dir.appendingPathComponent("out-\(UUID().uuidString)")
            _ = try BatchRunner(spec: spec, outputDirectory: out, version: "tests").run()
            let job = try #require(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("jobs").path).first)
            let result = try JSONDecoder().decode(JobResult.self, from: Data(contentsOf: out.appendingPathComponent("jobs/\(job)")))
            return try #require(result.model).scores.scores
        }
        let recorded = try scores(""), image = try scores("    protocol: image"), video = try scores("    protocol: video")
        #expect(recorded == image)
        #expect(recorded != video)
    }
}
