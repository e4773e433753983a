import CortexKit
import Foundation
import Testing

/// Identical content is written as identical bytes, so a rerun hits the job cache and provenance
/// digests are stable (issue 12, reproducibility).
@Suite("reproducible files")
struct ReproducibleFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("responses and features written twice, in separate processes a second apart, are byte-identical; a rerun report is all cached")
    func identicalBytes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-repro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let session = Self.root.appendingPathComponent("datasets/demo-session.nwb").path
        let checkpoint = Self.root.appendingPathComponent("datasets/checkpoints/sew-resnet18-w8-video/model.safetensors").path
        let movie = Self.root.appendingPathComponent("datasets/demo-movie.npy").path
        func make(_ tag: String) throws {
            let r = try CLIRunner.run(["responses", session, "--areas", "VISp,VISl", "--keep-trials", "-o",
                                       dir.appendingPathComponent("responses\(tag).h5").path])
            #expect(r.status == 0, "\(r.stderr)")
            // Several layers of several chunks each: the order chunks reach the file must not vary.
            let f = try CLIRunner.run(["features", "--checkpoint", checkpoint, "--movie", movie, "--layers", "sn1,maxpool,layer1.0,avgpool",
                                       "--protocol", "video", "-o", dir.appendingPathComponent("features\(tag).h5").path])
            #expect(f.status == 0, "\(f.stderr)")
        }
        try make("-a")
        Thread.sleep(forTimeInterval: 1.2)           // HDF5 object times have a resolution of one second
        try make("-b")
        for name in ["responses", "features"] {
            let a = try Data(contentsOf: dir.appendingPathComponent("\(name)-a.h5"))
            let b = try Data(contentsOf: dir.appendingPathComponent("\(name)-b.h5"))
            #expect(a == b, "\(name): \(a.count) vs \(b.count) bytes differ")
        }
        try "responses: [responses-a.h5]\nmodels:\n  - {name: sew, features: features-a.h5}\nmetrics:\n  - {kind: cka-linear}\n"
            .write(to: dir.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
        let spec = dir.appendingPathComponent("spec.yaml").path, out = dir.appendingPathComponent("report").path
        #expect(try CLIRunner.run(["report", spec, "-o", out]).stdout.contains("jobs: 1 computed, 0 cached"))
        for name in ["responses", "features"] {         // regenerate the inputs in place, as `make demo` does
            try FileManager.default.removeItem(at: dir.appendingPathComponent("\(name)-a.h5"))
            try FileManager.default.copyItem(at: dir.appendingPathComponent("\(name)-b.h5"), to: dir.appendingPathComponent("\(name)-a.h5"))
        }
        let again = try CLIRunner.run(["report", spec, "-o", out])
        #expect(again.stdout.contains("jobs: 0 computed, 1 cached"), "\(again.stdout)")
        // A damaged cache entry is computed again, not trusted.
        let jobs = URL(fileURLWithPath: out).appendingPathComponent("jobs")
        let entry = try #require(try FileManager.default.contentsOfDirectory(atPath: jobs.path).first)
        let original = try Data(contentsOf: jobs.appendingPathComponent(entry))
        try original.prefix(original.count / 2).write(to: jobs.appendingPathComponent(entry))
        let repaired = try CLIRunner.run(["report", spec, "-o", out])
        #expect(repaired.status == 0 && repaired.stdout.contains("jobs: 1 computed, 0 cached"), "\(repaired.stdout)\(repaired.stderr)")
        #expect(try Data(contentsOf: jobs.appendingPathComponent(entry)) == original)
    }
}
