import CortexKit
import Foundation
import Testing

/// `cortex similarity` on CortexKit's own files: response and feature datasets are oriented by the
/// library without transpose flags, and score exactly as `cortex compare` scores them.
@Suite("cortex similarity on response and feature files")
struct SimilarityCortexFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let session = root.appendingPathComponent("datasets/demo-session.nwb").path
    static let movie = root.appendingPathComponent("datasets/demo-movie.npy").path
    static let checkpoint = root.appendingPathComponent("datasets/checkpoints/sew-resnet18-w8-video/model.safetensors").path

    /// A temporary folder with the shipped session's responses (VISp, VISl; trials kept) and the
    /// committed SEW-ResNet's features of the shipped movie (layers sn1, layer1.1).
    final class Files {
        let folder: URL
        var responses: String { folder.appendingPathComponent("r.h5").path }
        var features: String { folder.appendingPathComponent("f.h5").path }
        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("ck-simfiles-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for arguments in [["responses", session, "--areas", "VISp,VISl", "--keep-trials", "-o", responses],
                              ["features", "--checkpoint", checkpoint, "--movie", movie, "--layers", "sn1,layer1.1", "-o", features]] {
                let r = try CLIRunner.run(arguments)
                guard r.status == 0 else { throw Failure(message: "\(arguments[0]): \(r.stderr)") }
            }
        }
        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    struct Failure: Error { var message: String }

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("similarity FEATURES:/layer/features RESPONSES:/VISp/counts needs no flag and equals compare's score for that layer and area")
    func equalsCompare() throws {
        let files = try Files()
        let compare = try CLIRunner.run(["compare", "--responses", files.responses, "--features", files.features,
                                         "--metric", "tsrsa", "--json"])
        #expect(compare.status == 0, "\(compare.stderr)")
        let model = try #require((try object(compare.stdout)["models"] as? [[String: Any]])?.first)
        let layers = try #require(model["layers"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        let areas = try #require(model["areas"] as? [String])
        let table = try #require(model["scores"] as? [[Double]])
        #expect(layers == ["sn1", "layer1.1"] && areas == ["VISp", "VISl"])
        for (i, layer) in layers.enumerated() {
            for (j, area) in areas.enumerated() {
                let arguments = ["similarity", "tsrsa", "\(files.features):/\(layer)/features", "\(files.responses):/\(area)/counts"]
                let json = try CLIRunner.run(arguments + ["--json"])
                #expect(json.status == 0 && json.stderr.isEmpty, "\(json.stderr)")
                let scored = try object(json.stdout)
                #expect(scored["score"] as? Double == table[i][j], "\(layer) × \(area)")
                #expect(scored["frames"] as? Int == 300 && scored["units_b"] as? Int == 16)
                let text = try CLIRunner.run(arguments)
                #expect(text.stdout.hasPrefix("tsrsa = \(String(format: "%.6f", table[i][j]))  ["), "\(text.stdout)")
            }
        }
    }

    @Test("a transpose flag on a CortexKit dataset is an error naming the flag, not a double transpose")
    func transposeOfOrientedDataset() throws {
        let files = try Files()
        let b = "\(files.responses):/VISl/counts"
        let r = try CLIRunner.run(["similarity", "cka-linear", "\(files.features):/sn1/features", b, "--transpose-b"])
        #expect(r.status == 1 && r.stdout.isEmpty)
        #expect(r.stderr == "cortex: error: \(b) is a CortexKit response dataset, already oriented (drop --transpose-b)\n")
        let a = "\(files.features):/sn1/features"
        let f = try CLIRunner.run(["similarity", "cka-linear", a, b, "--transpose-a"])
        #expect(f.stderr == "cortex: error: \(a) is a CortexKit feature dataset, already oriented (drop --transpose-a)\n")
    }

    @Test("a response file's 3-D trials dataset is refused with what it holds")
    func trialsRefused() throws {
        let files = try Files()
        let r = try CLIRunner.run(["similarity", "tsrsa", "\(files.features):/sn1/features", "\(files.responses):/VISp/trials"])
        #expect(r.status == 1 && r.stdout.isEmpty && r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.contains("is a CortexKit response trials dataset of shape [20, 16, 300]"), "\(r.stderr)")
        #expect(r.stderr.contains("per-repeat spike counts") && r.stderr.contains("/VISp/counts"), "\(r.stderr)")
    }

    @Test("an array of rank > 2 from elsewhere is flattened per frame, and the command says so on stderr")
    func flatteningIsNoted() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-simcube-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SplittableRandom(seed: 4)
        let cube = NDArray<Double>.normal(shape: [30, 2, 3], using: &rng)
        let flat = cube.reshaped([30, 6])
        let other = NDArray<Double>.normal(shape: [30, 5], using: &rng)
        let (c, o) = (dir.appendingPathComponent("cube.npy").path, dir.appendingPathComponent("other.npy").path)
        try NPYFile.write(cube, to: URL(fileURLWithPath: c))
        try NPYFile.write(other, to: URL(fileURLWithPath: o))
        let r = try CLIRunner.run(["similarity", "cka-linear", c, o, "--json"])
        #expect(r.status == 0)
        #expect(r.stderr == "cortex: note: \(c): 3-D array 30 × 2 × 3 flattened after the first axis to 30 frames × 6 features\n")
        #expect(abs((try object(r.stdout)["score"] as? Double ?? .nan) - (try CKAMetric().score(flat.rows(1..<30), other.rows(1..<30)))) < 1e-12)
        let t = try CLIRunner.run(["similarity", "cka-linear", c, o, "--transpose-a"])
        #expect(t.status == 1 && t.stderr.contains("only a matrix can be transposed") && t.stderr.hasSuffix("(drop --transpose-a)\n"),
                "\(t.stderr)")
    }
}
