import CortexKit
import Foundation
import Testing

/// An output that is an input is refused before any work, and the input survives byte for byte.
@Suite("outputs never overwrite inputs")
struct OutputGuardTests {
    @Test("responses, compare and report refuse an output that is one of their inputs")
    func outputIsInput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-guard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = try CompareCommandTests.inputs(in: dir)
        let session = dir.appendingPathComponent("s.nwb")
        try FileManager.default.copyItem(atPath: CompareCommandTests.session, toPath: session.path)
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("alias.nwb"), withDestinationURL: session)
        let before = try Data(contentsOf: session), features = try Data(contentsOf: made.copycat)
        for args in [["responses", session.path, "-o", session.path],
                     ["responses", session.path, "-o", dir.appendingPathComponent("alias.nwb").path],
                     ["compare", "--responses", made.responses.path, "--features", made.copycat.path, "-o", made.copycat.path],
                     ["compare", "--responses", made.responses.path, "--features", made.copycat.path, "--report", made.copycat.path]] {
            let r = try CLIRunner.run(args)
            #expect(r.status == 1 && r.stderr.contains("would overwrite the input"), "\(args): \(r.stderr)")
        }
        let movie = dir.appendingPathComponent("movie.npy")
        try FileManager.default.copyItem(at: CompareCheckpointTests.root.appendingPathComponent("datasets/demo-movie.npy"), to: movie)
        let movieBytes = try Data(contentsOf: movie)
        let f = try CLIRunner.run(["features", "--model", "sew-resnet18-w4", "--checkpoint", "random", "--movie", movie.path,
                                   "-o", movie.path])
        #expect(f.status == 1 && f.stderr.contains("would overwrite the input"), "\(f.stderr)")
        #expect(try Data(contentsOf: movie) == movieBytes)
        #expect(try Data(contentsOf: session) == before && Data(contentsOf: made.copycat) == features)
        let nowhere = try CLIRunner.run(["responses", session.path, "-o", "/nonexistent-\(UUID())/r.h5"])
        #expect(nowhere.status == 1 && nowhere.stderr.contains("cannot write here"), "\(nowhere.stderr)")
    }

    @Test("the same session given twice (any path) is refused instead of counting its units twice")
    func duplicateSession() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-dup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("copy.nwb")
        try FileManager.default.copyItem(atPath: CompareCommandTests.session, toPath: copy.path)
        let r = try CLIRunner.run(["responses", CompareCommandTests.session, copy.path, "-o", dir.appendingPathComponent("r.h5").path])
        #expect(r.status == 1 && r.stderr.contains("same content as") && r.stderr.contains("twice"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("r.h5").path))
        let c = try CLIRunner.run(["compare", "--nwb", CompareCommandTests.session, "--nwb", copy.path, "--features",
                                   dir.appendingPathComponent("f.h5").path])
        #expect(c.status == 1 && c.stderr.contains("twice"), "\(c.stderr)")
    }

    @Test("no units left is an error, never an empty file; compare prints and records units per area")
    func unitsPerArea() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty.h5")
        let r = try CLIRunner.run(["responses", CompareCommandTests.session, "--min-rate", "100000", "-o", empty.path])
        #expect(r.status == 1 && r.stderr.contains("no unit is left"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: empty.path))
        let made = try CompareCommandTests.inputs(in: dir)
        let c = try CLIRunner.run(["compare", "--responses", made.responses.path, "--features", made.copycat.path,
                                   "--zero-variance", "drop-frame"])
        #expect(c.status == 0 && c.stdout.contains("units per area: VISp 6, VISl 3, VISam 5"), "\(c.stdout)\(c.stderr)")
        let json = try CLIRunner.run(["compare", "--responses", made.responses.path, "--features", made.copycat.path,
                                      "--zero-variance", "drop-frame", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let units = try #require((object["responses"] as? [String: Any])?["units"] as? [[String: Any]])
        #expect(units.map { "\($0["area"]!) \($0["units"]!)" } == ["VISp 6", "VISl 3", "VISam 5"])
    }
}
