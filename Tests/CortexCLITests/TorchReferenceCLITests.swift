import CortexKit
import Foundation
import Testing

/// `cortex features` on a checkpoint written by PyTorch (`scripts/reference/torch_models.py`, no
/// CortexKit metadata, so the model is named with `--model`): the video-protocol features of the
/// 4-frame clip equal the reference network's layer outputs (chunks of 3 frames: the state carries).
@Suite("cortex features on a PyTorch checkpoint")
struct TorchReferenceCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("CortexModelsTests/Fixtures")

    static func floats(_ entry: SafetensorsFile.Entry) -> [Float] {
        stride(from: 0, to: entry.bytes.count, by: 4).map { i in
            Float(bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(entry.bytes[i + $1]) << (8 * $1) })
        }
    }

    /// (fixture, model flags): a registry name, or the full-size name with every override flag.
    static let cases: [(String, [String])] = [
        ("lorafb_snet18_w4", ["--model", "lorafb-snet18-w4"]),
        ("sew_resnet18_w4", ["--model", "sew-resnet18", "--width", "4", "--in-channels", "1", "--input-size", "32",
                             "--neuron", "lif", "--classes", "10"]),
    ]

    @Test("--as-is clip, --checkpoint torch file, model flags → every default layer equals the reference",
          arguments: 0..<cases.count)
    func features(_ index: Int) throws {
        let (fixture, modelFlags) = Self.cases[index]
        let expected = try SafetensorsFile(contentsOf: Self.fixtures.appendingPathComponent("\(fixture)_expected.safetensors"))
        let input = try #require(expected.tensors["input"])                        // [T, 1, 1, 32, 32]
        let movie = FileManager.default.temporaryDirectory.appendingPathComponent("clip-\(UUID()).npy")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("features-\(UUID()).h5")
        defer { try? FileManager.default.removeItem(at: movie); try? FileManager.default.removeItem(at: out) }
        let frames = input.shape[0]
        try NPYFile.write(NDArray(shape: [frames, 1, 32, 32], scalars: Self.floats(input)), to: movie)
        let r = try CLIRunner.run(["features"] + modelFlags + [
            "--checkpoint", Self.fixtures.appendingPathComponent("\(fixture).safetensors").path,
            "--movie", movie.path, "--as-is", "--protocol", "video", "--chunk", "3", "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let file = try FeatureFile(url: out)
        #expect(file.frameCount == frames)
        #expect(file.layers.count == 11)
        for layer in file.layers {
            let mine = try file.features(of: layer.name)                           // frames × units
            let reference = Self.floats(try #require(expected.tensors[layer.name]))
            #expect(mine.shape == [frames, reference.count / frames], "\(layer.name)")
            if layer.name == "avgpool" {
                let scale = reference.map(abs).max()!
                let error = zip(mine.scalars, reference).map { abs($0 - Double($1)) }.max()! / Double(scale)
                #expect(error < 1e-4, "avgpool relative error \(error)")
            } else {
                let differing = zip(mine.scalars, reference).filter { $0 != Double($1) }.count
                #expect(differing == 0, "\(fixture) \(layer.name): \(differing) of \(reference.count) spike values differ")
            }
        }
    }
}
