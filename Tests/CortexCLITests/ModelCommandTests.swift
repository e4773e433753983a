import CortexKit
import Foundation
import Testing

@Suite("cortex models / features")
struct ModelCommandTests {
    static let demoMovie = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("datasets/demo-movie.npy")

    @Test("cortex models lists every registry entry with its parameter count")
    func models() throws {
        let r = try CLIRunner.run(["models"])
        #expect(r.status == 0)
        for name in ModelRegistry.names { #expect(r.stdout.contains(name)) }
        #expect(r.stdout.contains("11689512"))
        let one = try CLIRunner.run(["models", "lorafb-snet18-w16"])
        #expect(one.stdout.contains("recurrent_layer3.sub_module.1"))
        let bad = try CLIRunner.run(["models", "resnet-9000"])
        #expect(bad.status != 0 && bad.stderr.contains("unknown model"))
        // A mistyped input size whose one frame would not fit in memory is refused before the run.
        let huge = FileManager.default.temporaryDirectory.appendingPathComponent("huge-\(UUID()).h5")
        let tooLarge = try CLIRunner.run(["features", "--checkpoint", "datasets/checkpoints/spikformer-2-32-image/model.safetensors",
                                          "--input-size", "4096", "--movie", "datasets/demo-movie.npy", "-o", huge.path])
        #expect(tooLarge.status == 1 && tooLarge.stderr.contains("4096x4096 frames needs about"), "\(tooLarge.stderr)")
        #expect(!FileManager.default.fileExists(atPath: huge.path))
        // Commands that take either family list both for an unknown name, on one line.
        for command in [["train", "--model", "resnet-9000", "-o", "/nonexistent/run"],
                        ["search", "--model", "resnet-9000", "-o", "/nonexistent/search"],
                        ["features", "--model", "resnet-9000", "--checkpoint", "random", "--movie", "datasets/demo-movie.npy",
                         "-o", FileManager.default.temporaryDirectory.appendingPathComponent("unknown-\(UUID()).h5").path]] {
            let r = try CLIRunner.run(command)
            #expect(r.status == 1, "\(command[0]): \(r.stderr)")
            #expect(r.stderr.contains("unknown model 'resnet-9000'"), "\(command[0]): \(r.stderr)")
            #expect(r.stderr.contains("sew-resnet18-w16") && r.stderr.contains("spike-driven-transformer-2-64"), "\(command[0]): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(command[0]): \(r.stderr)")
        }
    }

    @Test("cortex features on the demo movie with a random tiny model writes a readable feature file")
    func featuresOnDemoMovie() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("features-\(UUID()).h5")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try CLIRunner.run(["features", "--model", "lorafb-snet18-w8", "--checkpoint", "random", "--weights-seed", "3",
                                   "--movie", Self.demoMovie.path, "--chunk", "50", "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let file = try FeatureFile(url: out)
        #expect(file.frameCount == 300)
        #expect(file.model == "lorafb-snet18-w8")
        #expect(file.featureProtocol == "video")
        var expected = ["sn1", "maxpool"]
        for k in 1...4 { for i in 0...1 { expected.append("recurrent_layer\(k).sub_module.\(i)") } }
        expected.append("avgpool")
        #expect(file.layers.map(\.name) == expected)
        #expect(file.layers.map(\.depth) == Array(0..<11))
        #expect(file.layers[0].unitShape == [8, 32, 32])
        let sn1 = try file.features(of: "sn1")
        #expect(sn1.shape == [300, 8 * 32 * 32])
        #expect(sn1.scalars.contains(1) && sn1.scalars.allSatisfy { $0 == 0 || $0 == 1 })
        // energy: every feature layer's firing rate is its matrix mean; stem on pixels = MACs, the rest SOPs
        let energy = try #require(file.energy)
        for layer in file.layers {
            let values = try file.features(of: layer.name)
            let mean = values.scalars.reduce(0, +) / Double(values.count)
            #expect(abs(energy.firingRate(of: layer.name)! - mean) < 1e-6 * max(1, mean), "\(layer.name)")
        }
        #expect(energy.synapticLayers.first?.layer == "conv1" && energy.synapticLayers.first?.input == .analog)
        #expect(energy.synapticLayers.first?.denseMACsPerFrame == Double(8 * 32 * 32 * 49), "7×7 stem, 1 → 8 channels, 32×32 out")
        #expect(energy.synapticLayers.last?.layer == "fc")
        #expect(energy.synapticLayers.map(\.layer).contains("recurrent_layer2.dwconv"))
        #expect(energy.synapticOperationsPerFrame > 0)
        #expect(r.stdout.contains("energy: ") && r.stdout.contains("pJ per frame"))
    }

    @Test("--weights-seed: the same seed gives the same random weights, another seed others; features has no --seed")
    func weightsSeed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("weights-seed-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func sn1(_ seed: String, _ name: String) throws -> [Double] {
            let out = dir.appendingPathComponent(name).path
            let r = try CLIRunner.run(["features", "--model", "sew-resnet18-w4", "--checkpoint", "random", "--weights-seed", seed,
                                       "--movie", Self.demoMovie.path, "--layers", "sn1", "-o", out])
            #expect(r.status == 0, "\(r.stderr)")
            return try FeatureFile(url: URL(fileURLWithPath: out)).features(of: "sn1").scalars
        }
        #expect(try sn1("5", "a.h5") == (try sn1("5", "b.h5")))
        #expect(try sn1("5", "a.h5") != (try sn1("6", "c.h5")))
        let old = try CLIRunner.run(["features", "--model", "sew-resnet18-w4", "--checkpoint", "random", "--seed", "5",
                                     "--movie", Self.demoMovie.path, "-o", dir.appendingPathComponent("d.h5").path])
        #expect(old.status != 0 && old.stderr.contains("--seed"))
        let help = try CLIRunner.run(["train", "--help"])
        #expect(help.stdout.contains("Seed of the whole run") && help.stdout.contains("--weights-seed"))
    }

    @Test("cortex features rejects unknown layers and a missing configuration")
    func featureErrors() throws {
        let r = try CLIRunner.run(["features", "--model", "sew-resnet18-w8", "--checkpoint", "random", "--movie",
                                   Self.demoMovie.path, "--layers", "layer9.0", "-o", "/tmp/never.h5"])
        #expect(r.status != 0 && r.stderr.contains("no layer 'layer9.0'"))
        let s = try CLIRunner.run(["features", "--checkpoint", "random", "--movie", Self.demoMovie.path, "-o", "/tmp/never.h5"])
        #expect(s.status != 0 && s.stderr.contains("needs --model"))
    }
}
