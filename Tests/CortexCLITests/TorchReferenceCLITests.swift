import CortexKit
import Foundation
import Testing

/// `cortex features` on a checkpoint written by PyTorch (`scripts/reference/torch_models.py`, no
/// CortexKit metadata, so the model is named with `--model`): the video-protocol features of the
/// 4-frame clip equal the reference network's layer outputs.
@Suite("cortex features on a PyTorch checkpoint")
struct TorchReferenceCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("CortexModelsTests/Fixtures")

    static func floats(_ entry: SafetensorsFile.Entry) -> [Float] {
        stride(from: 0, to: entry.bytes.count, by: 4).map { i in
            Float(bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(entry.bytes[i + $1]) << (8 * $1) })
        }
    }

    @Test("lorafb-snet18-w4: --as-is clip, --checkpoint torch file → every default layer equals the reference")
    func features() throws {
        let expected = try SafetensorsFile(contentsOf: Self.fixtures.appendingPathComponent("lorafb_snet18_w4_expected.safetensors"))
        let input = try #require(expected.tensors["input"])                        // [T, 1, 1, 32, 32]
        let movie = FileManager.default.temporaryDirectory.appendingPathComponent("clip-\(UUID()).npy")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("features-\(UUID()).h5")
        defer { try? FileManager.default.removeItem(at: movie); try? FileManager.default.removeItem(at: out) }
        let frames = input.shape[0]
        try NPYFile.write(NDArray(shape: [frames, 1, 32, 32], scalars: Self.floats(input)), to: movie)
        let r = try CLIRunner.run(["features", "--model", "lorafb-snet18-w4",
                                   "--checkpoint", Self.fixtures.appendingPathComponent("lorafb_snet18_w4.safetensors").path,
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
                #expect(differing == 0, "\(layer.name): \(differing) of \(reference.count) spike values differ")
            }
        }
    }
}
