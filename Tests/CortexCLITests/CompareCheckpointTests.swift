import CortexKit
import Foundation
import Testing

/// `cortex compare --checkpoint … --movie …`: layers scored straight from the network, no feature
/// file; the same table as `cortex features` + `cortex compare --features`.
@Suite("cortex compare --checkpoint")
struct CompareCheckpointTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let movie = root.appendingPathComponent("datasets/demo-movie.npy").path
    static let session = root.appendingPathComponent("datasets/demo-session.nwb").path
    static func checkpoint(_ name: String) -> String {
        root.appendingPathComponent("datasets/checkpoints/\(name)/model.safetensors").path
    }
    /// Layers both architectures have (the recurrent blocks are named differently).
    static let layers = "sn1,maxpool,avgpool"

    func temporary() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func run(_ arguments: [String]) throws -> CLIRunner.Result {
        let r = try CLIRunner.run(arguments)
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        return r
    }

    func tables(_ json: String) throws -> [[[Double?]]] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        return (object["models"] as! [[String: Any]]).map { ($0["scores"] as! [[Any]]).map { $0.map { $0 as? Double } } }
    }

    /// Each model's best-layer p-values.
    func pValues(_ json: String) throws -> [[Double?]] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        return (object["models"] as! [[String: Any]]).map { ($0["statistics"] as! [[String: Any]]).map { $0["p_value"] as? Double } }
    }

    @Test("two checkpoints side by side give the tables and p-values of features + compare --features, and the timing split")
    func equalsFeatureFiles() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let responses = dir.appendingPathComponent("r.h5").path
        _ = try run(["responses", Self.session, "--areas", "VISp,VISl", "-o", responses])
        var viaFiles = ["compare", "--responses", responses, "--zero-variance", "propagate", "--permutations", "4", "--json"]
        var direct = viaFiles + ["--movie", Self.movie, "--layers", Self.layers, "--verbose"]
        for name in ["sew-resnet18-w8-video", "lorafb-snet18-w8-video"] {
            let features = dir.appendingPathComponent("\(name).h5").path
            _ = try run(["features", "--checkpoint", Self.checkpoint(name), "--movie", Self.movie, "--layers", Self.layers,
                         "-o", features])
            viaFiles += ["--features", features]
            direct += ["--checkpoint", Self.checkpoint(name)]
        }
        let a = try run(viaFiles), b = try run(direct)
        let fileTables = try tables(a.stdout), directTables = try tables(b.stdout)
        #expect(fileTables.count == 2 && fileTables.allSatisfy { $0.count == 3 })
        #expect(fileTables.joined().joined().contains { $0 != nil })
        #expect(directTables == fileTables)
        #expect(try pValues(b.stdout) == pValues(a.stdout) && pValues(a.stdout).joined().contains { $0 != nil })
        let timing = b.stderr.split(separator: "\n").filter { $0.contains("forward") && $0.contains("similarity") }
        #expect(timing.count == 2, "\(b.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(written == ["lorafb-snet18-w8-video.h5", "r.h5", "sew-resnet18-w8-video.h5"], "no file from --checkpoint")
    }

    @Test("bad inputs: one error line, non-zero exit")
    func badInputs() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let responses = dir.appendingPathComponent("r.h5").path
        _ = try run(["responses", Self.session, "--areas", "VISp", "-o", responses])
        let floats = dir.appendingPathComponent("floats.npy")
        try NPYFile.write(NDArray<Float>(shape: [300, 1, 32, 32], repeating: 0), to: floats)
        let rgb = dir.appendingPathComponent("rgb.npy")         // --as-is takes the movie's size, not its channels
        try NPYFile.write(NDArray<Float>(shape: [300, 3, 32, 32], repeating: 0), to: rgb)
        let sew = Self.checkpoint("sew-resnet18-w8-video")
        let cases: [([String], Int32, String)] = [
            (["compare", "--responses", responses, "--checkpoint", sew], 64, "--checkpoint needs --movie"),
            (["compare", "--responses", responses, "--movie", Self.movie], 64, "give at least one --features file or --checkpoint"),
            (["compare", "--responses", responses, "--checkpoint", sew, "--movie", floats.path], 1, "expected uint8 frames × H × W"),
            (["compare", "--responses", responses, "--checkpoint", sew, "--movie", rgb.path, "--as-is"], 1,
             "frames × 1 × 32 × 32 (the model's input)"),
            (["compare", "--responses", responses, "--checkpoint", sew, "--movie", Self.movie, "--layers", "layer9.0"], 1,
             "no layer 'layer9.0'"),
            (["compare", "--responses", responses, "--checkpoint", sew, "--movie", Self.movie, "--memory-budget", "64K"], 1,
             "over the memory budget of 64.0 KB"),
            (["compare", "--responses", responses, "--checkpoint", sew, "--movie", Self.movie, "--memory-budget", "lots"], 64,
             "--memory-budget"),
        ]
        for (args, status, needle) in cases {
            let r = try CLIRunner.run(args)
            #expect(r.status == status, "\(args): \(r.stderr)")
            let lines = r.stderr.split(separator: "\n").filter { $0.hasPrefix("cortex: error:") }
            #expect(lines.count == 1 && lines[0].contains(needle), "\(args): \(r.stderr)")
        }
    }
}
