import CortexEngine
import CortexModels
import CortexNWB
import CortexNumerics
import CortexIO
import CortexPipeline
import Foundation
import Testing

/// A batch spec's checkpoint model may be a spiking transformer: its recorded family builds it.
@Suite("batch checkpoint models: spiking transformers")
struct BatchTransformerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("a Spikformer checkpoint (CML stem, recorded configuration) is scored layer by layer like a ResNet")
    func spikformerCheckpoint() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tf-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // The PyTorch reference weights of the model tests, saved with CortexKit's record.
        let reference = Self.root.appendingPathComponent("Tests/CortexModelsTests/Fixtures/spikformer_cml_2_32.safetensors")
        let loaded = try ModelLoader.loadAnyFamily(.checkpoint(reference), registryName: "spikformer-2-32",
                                                   transformerOverrides: .init(downsampling: .cml))
        try loaded.network.save(to: dir.appendingPathComponent("t.safetensors"), metadata: loaded.network.checkpointRecord)
        let frames = 12
        var rng = SplittableRandom(seed: 5)
        let pixels = (0..<(frames * 32 * 32)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        try NPYFile.write(NDArray<UInt8>(shape: [frames, 32, 32], scalars: pixels), to: dir.appendingPathComponent("movie.npy"))
        let counts = NDArray<Double>.normal(shape: [frames, 5], using: &rng).map { abs($0) }
        let area = AreaResponses(name: "VISp", unitIDs: Array(0..<5), sessionIndex: Array(repeating: 0, count: 5), matrix: counts,
                                 trials: nil)
        try ResponseFile(stimulus: "movie", repeatCount: 1, frameCount: frames, binsPerFrame: 1, filter: .none, minimumRate: nil,
                         smoothing: .none, sources: [.init(path: "s.nwb", sha256: "ab")], areas: [area], producer: "tests")
            .write(to: dir.appendingPathComponent("r.h5"))
        let spec = try BatchSpec(yaml: """
            responses: [r.h5]
            models:
              - name: spikformer
                checkpoint: t.safetensors
                movie: movie.npy
                layers: [patch_embed.block4_lif, block.0.attn.attn_lif, block.1]
            metrics:
              - {kind: cka-linear}
            """, file: "spec.yaml", directory: dir)
        let out = dir.appendingPathComponent("out")
        _ = try BatchRunner(spec: spec, outputDirectory: out, version: "tests").run()
        let job = try #require(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("jobs").path).first)
        let result = try JSONDecoder().decode(JobResult.self, from: Data(contentsOf: out.appendingPathComponent("jobs/\(job)")))
        let scores = try #require(result.model).scores
        #expect(scores.layers.map(\.name) == ["patch_embed.block4_lif", "block.0.attn.attn_lif", "block.1"])
        #expect(scores.scores.joined().contains { $0.isFinite })
    }
}
