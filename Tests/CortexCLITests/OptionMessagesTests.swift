import CortexKit
import Foundation
import Testing

/// Invalid choices list the valid values; options apply where they are accepted or are refused.
@Suite("option messages")
struct OptionMessagesTests {
    @Test("an invalid choice lists every valid value on the one error line")
    func choices() throws {
        let metric = try CLIRunner.run(["similarity", "foo", "a.npy", "b.npy"])
        #expect(metric.status == 64 && metric.stderr.contains("tsrsa, rsa, cka-linear") && metric.stderr.contains("ridge"), "\(metric.stderr)")
        let compare = try CLIRunner.run(["similarity", "tsrsa", "a.npy", "b.npy", "--compare", "foo"])
        #expect(compare.stderr.contains("spearman, pearson") && compare.stderr.split(separator: "\n").count == 1, "\(compare.stderr)")
    }

    @Test("--zero-variance is TSRSA's: refused for other metrics, and never suggested to them")
    func zeroVariance() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-opt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var silent = [Double](repeating: 0, count: 30 * 4)
        for i in silent.indices where i / 4 != 7 { silent[i] = Double((i * 7919) % 13) }      // frame 7 silent
        let a = dir.appendingPathComponent("a.npy"), b = dir.appendingPathComponent("b.npy")
        try NPYFile.write(NDArray(shape: [30, 4], scalars: silent), to: a)
        try NPYFile.write(NDArray(shape: [30, 4], scalars: (0..<120).map { Double(($0 * 31) % 17) + 0.5 }), to: b)
        let refused = try CLIRunner.run(["similarity", "rsa", a.path, b.path, "--zero-variance", "drop-frame"])
        #expect(refused.status == 64 && refused.stderr.contains("applies to tsrsa only"), "\(refused.stderr)")
        let rsa = try CLIRunner.run(["similarity", "rsa", a.path, b.path])
        #expect(rsa.status == 1 && rsa.stderr.contains("zero variance") && !rsa.stderr.contains("--zero-variance"), "\(rsa.stderr)")
        let tsrsa = try CLIRunner.run(["similarity", "tsrsa", a.path, b.path])
        #expect(tsrsa.status == 1 && tsrsa.stderr.contains("use --zero-variance drop-frame or propagate"), "\(tsrsa.stderr)")
    }

    @Test("models are labelled NAME=PATH; two models with one label are an error")
    func labels() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-label-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = try CompareCommandTests.inputs(in: dir)
        let base = ["compare", "--responses", made.responses.path, "--zero-variance", "drop-frame", "--json"]
        let ok = try CLIRunner.run(base + ["--features", "mimic=\(made.copycat.path)", "--features", "chance=\(made.noise.path)"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ok.stdout.utf8)) as? [String: Any])
        #expect((object["models"] as? [[String: Any]])?.map { $0["model"] as? String } == ["mimic", "chance"])
        let same = try CLIRunner.run(base + ["--features", "m=\(made.copycat.path)", "--features", "m=\(made.noise.path)"])
        #expect(same.status == 1 && same.stderr.contains("two models are labelled 'm'"), "\(same.stderr)")
        let twice = try CLIRunner.run(base + ["--features", made.copycat.path, "--features", made.copycat.path])
        #expect(twice.status == 1 && twice.stderr.contains("two models are labelled 'copycat'"), "\(twice.stderr)")
    }

    @Test("a brain matrix with fewer frames than units gets a warning suggesting --transpose-b")
    func orientationWarning() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-orient-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.npy"), b = dir.appendingPathComponent("b.npy")
        try NPYFile.write(NDArray(shape: [16, 40], scalars: (0..<640).map { Double(($0 * 7919) % 101) }), to: a)
        try NPYFile.write(NDArray(shape: [16, 40], scalars: (0..<640).map { Double(($0 * 104729) % 97) }), to: b)
        let r = try CLIRunner.run(["similarity", "cka-linear", a.path, b.path])
        #expect(r.status == 0 && r.stderr.contains("16 frames (rows) but 40 units") && r.stderr.contains("--transpose-b"), "\(r.stderr)")
        let t = try CLIRunner.run(["similarity", "cka-linear", a.path, b.path, "--transpose-a", "--transpose-b"])
        #expect(t.status == 0 && !t.stderr.contains("warning"), "\(t.stderr)")
    }
}
