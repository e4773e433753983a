import CortexKit
import Foundation
import Testing

/// `cortex inspect` on files that are not NWB sessions.
@Suite("cortex inspect: CortexKit files and other HDF5")
struct InspectFilesTests {
    @Test("describes response and feature files, strips control characters, and refuses other HDF5 with exit 1")
    func kinds() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-inspect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = try CompareCommandTests.inputs(in: dir)
        let r = try CLIRunner.run(["inspect", made.responses.path])
        #expect(r.status == 0 && r.stdout.contains("CortexKit response file") && r.stdout.contains("VISp         6 units"), "\(r.stdout)")
        let f = try CLIRunner.run(["inspect", made.copycat.path, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(f.stdout.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "cortexkit-features" && (object["layers"] as? [Any])?.count == 2)
        // A name with an escape sequence reaches the terminal defanged.
        let evil = AreaResponses(name: "VIS\u{1B}]0;pwned\u{07}p", unitIDs: [1, 2], sessionIndex: [0, 0],
                                 matrix: NDArray(shape: [3, 2], scalars: [0, 1, 2, 3, 4, 5]), trials: nil)
        let file = ResponseFile(stimulus: "movie", repeatCount: 1, frameCount: 3, binsPerFrame: 1, filter: .none,
                                minimumRate: nil, smoothing: .none, sources: [.init(path: "s.nwb", sha256: "ab")],
                                areas: [evil], producer: "tests")
        let evilURL = dir.appendingPathComponent("evil.h5")
        try file.write(to: evilURL)
        let e = try CLIRunner.run(["inspect", evilURL.path])
        #expect(e.status == 0 && !e.stdout.contains("\u{1B}") && e.stdout.contains("VIS?]0;pwned?p"), "\(e.stdout)")
        // Any other HDF5 file is not NWB: exit 1, one line.
        let plain = dir.appendingPathComponent("plain.h5")
        let h5 = try HDF5File.create(plain)
        try h5.root.writeDataset("x", NDArray<Double>(shape: [2], scalars: [1, 2]))
        try h5.flush()
        let other = try CLIRunner.run(["inspect", plain.path])
        #expect(other.status == 1 && other.stderr.contains("not an NWB file"), "\(other.stderr)")
    }
}
