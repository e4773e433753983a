import CortexKit
import Foundation
import Testing

/// The spiking transformers through the command line: `cortex models`, `features` and `compare
/// --checkpoint` take them like the ResNets (a reference checkpoint without a record, named with
/// `--model`), with the transformer overrides.
@Suite("cortex with spiking transformers")
struct TransformerCLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let movie = root.appendingPathComponent("datasets/demo-movie.npy").path
    static let session = root.appendingPathComponent("datasets/demo-session.nwb").path
    /// The PyTorch reference weights of the model tests (Spikformer, embedding 32, CML stem).
    static let reference = root.appendingPathComponent("Tests/CortexModelsTests/Fixtures/spikformer_cml_2_32.safetensors").path
    static let layers = "patch_embed.block4_lif,block.0.attn.attn_lif,block.1"

    func temporary() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tf-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("cortex models lists the transformer families with their parameter counts and layers")
    func models() throws {
        let r = try CLIRunner.run(["models"])
        #expect(r.status == 0)
        for name in TransformerRegistry.names { #expect(r.stdout.contains(name)) }
        #expect(r.stdout.contains("9324730"))
        let one = try CLIRunner.run(["models", "spikformer-2-64"])
        #expect(one.stdout.contains("block.1.attn.attn_lif") && one.stdout.contains("block.0.norm1.weight"))
    }

    @Test("features and compare --checkpoint run a reference Spikformer checkpoint named with --model and --downsample cml")
    func featuresAndCompare() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let features = dir.appendingPathComponent("f.h5").path
        let model = ["--model", "spikformer-2-32", "--downsample", "cml"]
        let f = try CLIRunner.run(["features", "--checkpoint", Self.reference, "--movie", Self.movie, "--layers", Self.layers,
                                   "--chunk", "100", "-o", features] + model)
        #expect(f.status == 0, "\(f.stderr)")
        #expect(f.stdout.contains("spikformer-2-32 --downsample cml") && f.stdout.contains("energy: "))
        let file = try FeatureFile(url: URL(fileURLWithPath: features))
        #expect(file.layers.map(\.name) == Self.layers.split(separator: ",").map(String.init))
        #expect(file.layers[1].unitShape == [64, 32])                                       // 8 × 8 tokens × 32 channels
        let spikes = try file.features(of: "block.0.attn.attn_lif")
        #expect(spikes.shape == [300, 64 * 32] && spikes.scalars.allSatisfy { $0 == 0 || $0 == 1 })
        #expect(try file.features(of: "patch_embed.block4_lif").scalars.contains(1))
        let energy = try #require(file.energy)
        #expect(energy.synapticLayers.map(\.layer).contains("block.0.attn.qk_product"))

        let responses = dir.appendingPathComponent("r.h5").path
        #expect(try CLIRunner.run(["responses", Self.session, "--areas", "VISp,VISl", "-o", responses]).status == 0)
        let c = try CLIRunner.run(["compare", "--responses", responses, "--checkpoint", Self.reference, "--movie", Self.movie,
                                   "--layers", Self.layers, "--zero-variance", "propagate", "--json"] + model)
        #expect(c.status == 0, "\(c.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(c.stdout.utf8)) as! [String: Any]
        let scores = (object["models"] as! [[String: Any]])[0]["scores"] as! [[Any]]
        #expect(scores.count == 3 && scores.joined().contains { $0 is Double })
    }

    @Test("flags of the other family are refused with one line naming the flag")
    func wrongFamilyFlags() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tf-\(UUID()).h5").path
        let a = try CLIRunner.run(["features", "--model", "spikformer-2-32", "--checkpoint", "random", "--depth", "34",
                                   "--movie", Self.movie, "-o", out])
        #expect(a.status != 0 && a.stderr.contains("--depth applies to the ResNets"))
        let b = try CLIRunner.run(["features", "--model", "sew-resnet18-w4", "--checkpoint", "random", "--heads", "2",
                                   "--movie", Self.movie, "-o", out])
        #expect(b.status != 0 && b.stderr.contains("--heads applies to the spiking transformers"))
        let c = try CLIRunner.run(["features", "--model", "spikformer-2-32", "--checkpoint", "random", "--heads", "5",
                                   "--movie", Self.movie, "-o", out])
        #expect(c.status != 0 && c.stderr.contains("heads must divide"))
    }
}
