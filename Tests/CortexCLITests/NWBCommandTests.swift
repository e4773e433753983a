import CortexKit
import Foundation
import Testing

/// End-to-end tests of `cortex inspect` and `cortex responses` on the pynwb-written fixtures,
/// against the independent h5py + numpy counts in Tests/CortexNWBTests/Fixtures/nwb_reference.json
/// (scripts/reference/nwb_reference_counts.py).
@Suite("cortex inspect / responses")
struct NWBCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let sessionA = root.appendingPathComponent("Tests/CortexNWBTests/Fixtures/session-a.nwb").path
    static let sessionB = root.appendingPathComponent("Tests/CortexNWBTests/Fixtures/session-b-epochs.nwb").path

    struct Reference: Decodable {
        struct Bins: Decodable { var trial_sum: [[Int]] }
        var unit_ids: [Int64]
        var areas: [String]
        var repeat_count: Int
        var frame_count: Int
        var bins1: Bins
        var allen_default_ids: [Int64]
        var min_rate_ids: [Int64]
    }

    static func reference(_ name: String) throws -> Reference {
        let url = root.appendingPathComponent("Tests/CortexNWBTests/Fixtures/nwb_reference.json")
        let all = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return try JSONDecoder().decode(Reference.self, from: JSONSerialization.data(withJSONObject: all[name]!))
    }

    func temporary() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-nwbcli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("responses: counts × repeats equal the h5py + numpy reference exactly, for every area, both layouts",
          arguments: ["session-a.nwb", "session-b-epochs.nwb"])
    func countsMatchReference(name: String) throws {
        let ref = try Self.reference(name)
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("r.h5")
        let session = Self.root.appendingPathComponent("Tests/CortexNWBTests/Fixtures/\(name)").path
        let r = try CLIRunner.run(["responses", session, "--areas", "all", "--min-rate", "0", "--keep-trials", "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let file = try ResponseFile.read(from: out)
        #expect(file.repeatCount == ref.repeat_count && file.frameCount == ref.frame_count)
        let expectedAreas = Set(ref.areas.filter { !$0.isEmpty && $0 != "None" })
        #expect(Set(file.areas.map(\.name)) == expectedAreas)
        for area in file.areas {
            let rows = ref.unit_ids.indices.filter { ref.areas[$0] == area.name }
            #expect(area.unitIDs == rows.map { ref.unit_ids[$0] })
            for (u, row) in rows.enumerated() {
                let sums = (0..<ref.frame_count).map { Int((area.matrix[$0, u] * Double(ref.repeat_count)).rounded()) }
                #expect(sums == ref.bins1.trial_sum[row], "unit \(ref.unit_ids[row]) in \(area.name)")
            }
            #expect(area.trials?.shape == [ref.repeat_count, rows.count, ref.frame_count])
        }
        #expect(file.sources.first?.sha256 == (try SHA256.hexDigest(ofFile: URL(fileURLWithPath: session))))
    }

    @Test("responses: the default rate filter and --filter allen-default keep the reference's units")
    func filters() throws {
        let ref = try Self.reference("session-a.nwb")
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rated = dir.appendingPathComponent("rate.h5"), allen = dir.appendingPathComponent("allen.h5")
        #expect(try CLIRunner.run(["responses", Self.sessionA, "--areas", "all", "-o", rated.path]).status == 0)
        #expect(try CLIRunner.run(["responses", Self.sessionA, "--areas", "all", "--min-rate", "0",
                                   "--filter", "allen-default", "-o", allen.path]).status == 0)
        let kept = Set(try ResponseFile.read(from: rated).areas.flatMap(\.unitIDs))
        let inBrain = Set(ref.unit_ids.indices.filter { !ref.areas[$0].isEmpty && ref.areas[$0] != "None" }.map { ref.unit_ids[$0] })
        #expect(kept == Set(ref.min_rate_ids).intersection(inBrain))
        #expect(Set(try ResponseFile.read(from: allen).areas.flatMap(\.unitIDs)) == Set(ref.allen_default_ids).intersection(inBrain))
    }

    @Test("responses: two sessions pool per area, session_index says where each unit came from")
    func pooling() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("pooled.h5")
        let r = try CLIRunner.run(["responses", Self.sessionA, Self.sessionB, "--areas", "VISp", "--min-rate", "0", "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let visp = try #require(try ResponseFile.read(from: out).areas.first)
        let a = try #require(try ResponseFile.read(from: out).sources.first?.path)
        #expect(a == Self.sessionA)
        let fromA = visp.sessionIndex.filter { $0 == 0 }.count, fromB = visp.sessionIndex.filter { $0 == 1 }.count
        #expect(fromA > 0 && fromB > 0 && fromA + fromB == visp.unitCount)
        #expect(visp.sessionIndex == Array(repeating: 0, count: fromA) + Array(repeating: 1, count: fromB), "session order")
    }

    @Test("bad inputs: one line naming the file, exit 1, nothing written")
    func badInputs() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("never.h5")
        let notNWB = Self.root.appendingPathComponent("Tests/CortexHDF5Tests/Fixtures/numeric.h5").path
        let cases: [([String], String)] = [
            (["responses", Self.sessionA, "--stimulus", "natural_movie_three", "-o", out.path], "no stimulus 'natural_movie_three'"),
            (["responses", Self.root.appendingPathComponent("README.md").path, "-o", out.path], "not an HDF5 file"),
            (["responses", notNWB, "-o", out.path], notNWB),
            (["responses", Self.sessionA, "--areas", "VISxx", "-o", out.path], "VISxx"),
            (["inspect", dir.appendingPathComponent("missing.nwb").path], "no such file"),
        ]
        for (args, needle) in cases {
            let r = try CLIRunner.run(args)
            #expect(r.status == 1, "\(args)")
            let lines = r.stderr.split(separator: "\n").filter { $0.hasPrefix("cortex: error:") }
            #expect(lines.count == 1 && lines[0].contains(needle), "\(args): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "no temporary files left")
    }

    @Test("inspect --json: units per area, stimuli with repeats, for both interval layouts")
    func inspect() throws {
        for (path, name) in [(Self.sessionA, "session-a.nwb"), (Self.sessionB, "session-b-epochs.nwb")] {
            let ref = try Self.reference(name)
            let r = try CLIRunner.run(["inspect", path, "--json"])
            #expect(r.status == 0, "\(r.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            #expect(json["units"] as? Int == ref.unit_ids.count)
            let areas = try #require(json["areas"] as? [[String: Any]])
            for area in areas {
                let name = try #require(area["area"] as? String)
                #expect(area["units"] as? Int == ref.areas.filter { $0 == name }.count, "\(name)")
            }
            let stimuli = try #require(json["stimuli"] as? [[String: Any]])
            let movie = try #require(stimuli.first { $0["name"] as? String == "natural_movie_one" })
            #expect(movie["repeats"] as? Int == ref.repeat_count)
            #expect(movie["frames_per_repeat"] as? Int == ref.frame_count)
        }
    }
}

/// pynwb 4.2.0's 27 back-compatibility files (NWB 1.0.2 … 3.0.0, fetched by
/// scripts/fetch-test-data.sh): `cortex inspect` summarises every one, with the version, units and
/// spikes h5py reads (scripts/reference/pynapple_reference.py), and notes what is missing.
@Suite("cortex inspect on pynwb's back-compatibility files", .enabled(if: BackCompatFiles.available,
                                                                     "run scripts/fetch-test-data.sh (make test does)"))
struct BackCompatInspectTests {
    @Test("every back-compat file is summarised, never an error or a crash")
    func inspectEveryFile() throws {
        let referenceURL = NWBCommandTests.root.appendingPathComponent("Tests/CortexNWBTests/Fixtures/pynapple_reference.json")
        let all = try JSONSerialization.jsonObject(with: Data(contentsOf: referenceURL)) as! [String: Any]
        let facts = try #require(all["pynwb_back_compat"] as? [String: [String: Any]])
        #expect(facts.count == 27)
        for (name, fact) in facts.sorted(by: { $0.key < $1.key }) {
            let r = try CLIRunner.run(["inspect", BackCompatFiles.directory.appendingPathComponent(name).path, "--json"])
            #expect(r.status == 0, "\(name): \(r.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(name)")
            #expect(json["nwb_version"] as? String == fact["nwb_version"] as? String, "\(name)")
            #expect(json["units"] as? Int == fact["units"] as? Int, "\(name)")
            #expect(json["spikes"] as? Int == fact["spikes"] as? Int, "\(name)")
            let notes = json["notes"] as? [String] ?? []
            #expect(notes.contains { $0.hasPrefix("no /units") } == ((fact["units"] as? Int) == 0), "\(name)")
        }
    }
}

enum BackCompatFiles {
    static let directory = NWBCommandTests.root.appendingPathComponent(".cache/test-data/pynwb-back-compat")
    static var available: Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent(".complete").path) }
}
