import CortexKit
import Foundation
import Testing

/// 2-photon sessions end to end: `cortex inspect`, `responses`, `ceiling`, `compare --nwb` and a
/// batch spec on the shipped synthetic Allen-layout sessions (NWB 1.x and 2.x), and `inspect` on the
/// real suite2p recording among pynapple's files.
@Suite("2-photon sessions through the CLI")
struct TwoPhotonCLITests {
    static let root = NWBCommandTests.root
    static func dataset(_ name: String) -> String { root.appendingPathComponent("datasets/\(name)").path }
    static let visp1 = dataset("demo-2p-visp-nwb1.nwb"), visl1 = dataset("demo-2p-visl-nwb1.nwb"), v2 = dataset("demo-2p-nwb2.nwb")

    func temporary() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-2p-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("inspect describes planes, ROIs per area, traces, imaging rate and stimuli of both NWB generations")
    func inspect() throws {
        let one = try CLIRunner.run(["inspect", Self.visp1])
        #expect(one.status == 0, "\(one.stderr)")
        for text in ["NWB-1.0.5 (NWB 1.x), 2-photon imaging", "Cre line        Cux2-CreERT2", "dff (24 ROIs in 1 series)",
                     "imaging_plane_1       VISp             175  GCaMP6f        30.50     24",
                     "natural_movie_one                              3000       10            300  imaging frames",
                     "no event traces"] {
            #expect(one.stdout.contains(text), "missing \(text) in\n\(one.stdout)")
        }
        let two = try CLIRunner.run(["inspect", Self.v2, "--json"])
        #expect(two.status == 0, "\(two.stderr)")
        let j = try Self.json(two.stdout)
        #expect(j["modality"] as? String == "two-photon" && j["nwb_generation"] as? Int == 2)
        #expect(j["cre_line"] as? String == "Rorb-IRES2-Cre")
        let planes = try #require(j["planes"] as? [[String: Any]])
        #expect(planes.map { $0["rois"] as? Int } == [6, 16, 18])
        #expect(planes.map { $0["depth_um"] as? Double } == [275, 175, 375])
        #expect(planes.allSatisfy { $0["imaging_rate_hz"] as? Double == 26 })
        let areas = try #require(j["areas"] as? [[String: Any]])
        #expect(areas.map { "\($0["area"]!) \($0["rois"]!)" } == ["VISal 16", "VISp 18"])
        #expect((j["traces"] as? [[String: Any]])?.map { $0["signal"] as? String } == ["dff", "events", "fluorescence"])
        let stimuli = try #require(j["stimuli"] as? [[String: Any]])
        #expect(stimuli.first?["alignment"] as? String == "time" && stimuli.first?["repeats"] as? Int == 10)
        #expect((j["notes"] as? [String])?.contains { $0.hasPrefix("plane plane_unlabelled records no area") } == true)
    }

    @Test("responses pools NWB 1.x and 2.x sessions per area, records the signal, reports left-out ROIs; ceiling reads it")
    func responsesAndCeiling() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("2p.h5").path
        let r = try CLIRunner.run(["responses", Self.visp1, Self.visl1, Self.v2, "-o", out, "--keep-trials"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("wrote \(out): ΔF/F of natural_movie_one, 10 repeats × 300 frames, 3 session(s)"), "\(r.stdout)")
        #expect(r.stdout.contains("6 ROI(s) of plane plane_unlabelled left out: the plane records no area"))
        #expect(r.stdout.contains("1 ROI(s) of plane plane_visp left out: NaN or infinite trace in a presentation window (ids 1003)"))
        let file = try ResponseFile.read(from: URL(fileURLWithPath: out))
        #expect(file.signal == .dff && file.minimumRate == nil)
        #expect(file.areas.map { "\($0.name) \($0.unitCount)" } == ["VISp 41", "VISl 20", "VISal 16"])
        #expect(file.areas.allSatisfy { $0.signalTrials?.shape.first == 10 })
        let inspect = try CLIRunner.run(["inspect", out])
        #expect(inspect.stdout.contains("signal          ΔF/F (ΔF/F)"), "\(inspect.stdout)")
        let ceiling = try CLIRunner.run(["ceiling", out, "--method", "trials", "--splits", "5", "--json"])
        #expect(ceiling.status == 0, "\(ceiling.stderr)")
        let rows = try #require(try Self.json(ceiling.stdout)["areas"] as? [[String: Any]])
        #expect(rows.count == 3 && rows.allSatisfy { ($0["mean"] as? Double).map { $0 > 0.2 } ?? false }, "\(ceiling.stdout)")
        // Selections: depth and Cre line, recorded in the file's filter attribute.
        let deep = dir.appendingPathComponent("deep.h5").path
        let d = try CLIRunner.run(["responses", Self.visp1, Self.visl1, Self.v2, "-o", deep, "--depth-min", "200",
                                   "--cre-line", "Cux2-CreERT2", "--areas", "all", "--signal", "fluorescence"])
        #expect(d.status == 0, "\(d.stderr)")
        let selected = try ResponseFile.read(from: URL(fileURLWithPath: deep))
        #expect(selected.areas.map(\.name) == ["VISl"] && selected.signal == .fluorescence)
        #expect(selected.filter.recorded == "depth 200–∞ µm, Cre line Cux2-CreERT2")
    }

    @Test("bad 2-photon requests end with one line and a non-zero exit")
    func badRequests() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("x.h5").path
        let session = NWBCommandTests.root.appendingPathComponent("Tests/CortexNWBTests/Fixtures/session-a.nwb").path
        for (arguments, fragment) in [
            (["responses", Self.visp1, "-o", out, "--signal", "events"], "no calcium events traces (the file has: ΔF/F, fluorescence)"),
            (["responses", Self.visp1, "-o", out, "--min-rate", "1"], "--min-rate applies to spike data"),
            (["responses", Self.visp1, "-o", out, "--filter", "allen-default"], "--filter allen-default applies to spike data"),
            (["responses", Self.visp1, session, "-o", out], "build one response file per modality"),
            (["responses", session, "-o", out, "--signal", "dff"], "apply to 2-photon sessions"),
            (["responses", Self.visp1, "-o", out, "--areas", "VISam"], "no ROIs in area VISam"),
        ] {
            let r = try CLIRunner.run(arguments)
            #expect(r.status != 0, "\(arguments)")
            #expect(r.stderr.contains(fragment), "\(arguments): \(r.stderr)")
            // Progress lines go to stderr too (plain lines off a terminal); the failure is one line.
            #expect(r.stderr.split(separator: "\n").filter { $0.contains("error") }.count == 1, "\(arguments): \(r.stderr)")
        }
    }

    @Test("compare --nwb on 2-photon sessions equals compare --responses on the file built with the same defaults")
    func compareStraightFromNWB() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let features = dir.appendingPathComponent("f.h5")
        var rng = SplittableRandom(seed: 9)
        try FeatureFile.write(to: features, model: "m", layers: [
            (.init(name: "a", depth: 0, unitShape: [12]), NDArray<Double>.normal(shape: [300, 12], using: &rng).map { Float($0) })])
        let viaNWB = try CLIRunner.run(["compare", "--nwb", Self.visp1, "--nwb", Self.v2, "--features", features.path, "--json"])
        #expect(viaNWB.status == 0, "\(viaNWB.stderr)")
        let responses = dir.appendingPathComponent("r.h5").path
        #expect(try CLIRunner.run(["responses", Self.visp1, Self.v2, "-o", responses, "--keep-trials"]).status == 0)
        let viaFile = try CLIRunner.run(["compare", "--responses", responses, "--features", features.path, "--json"])
        #expect(viaFile.status == 0, "\(viaFile.stderr)")
        func scores(_ s: String) throws -> [[Double]] {
            ((try Self.json(s)["models"] as? [[String: Any]])?.first?["scores"] as? [[Double]]) ?? []
        }
        #expect(try !scores(viaNWB.stdout).isEmpty && scores(viaNWB.stdout) == scores(viaFile.stdout))
        let provenance = try #require(try Self.json(viaNWB.stdout)["responses"] as? [String: Any])
        #expect(provenance["signal"] as? String == "dff")
    }

    @Test("a batch spec over 2-photon sessions: the report names the signal and its unit")
    func batchReport() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SplittableRandom(seed: 3)
        try FeatureFile.write(to: dir.appendingPathComponent("f.h5"), model: "m", layers: [
            (.init(name: "a", depth: 0, unitShape: [10]), NDArray<Double>.normal(shape: [300, 10], using: &rng).map { Float($0) })])
        try """
        title: Two-photon
        sessions: [\(Self.visp1), \(Self.v2)]
        models:
          - name: m
            features: f.h5
        metrics:
          - kind: cka-linear
        statistics:
          ceiling-splits: 3
        """.write(to: dir.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["report", dir.appendingPathComponent("spec.yaml").path, "-o", dir.appendingPathComponent("out").path])
        #expect(r.status == 0, "\(r.stderr)")
        let markdown = try String(contentsOf: dir.appendingPathComponent("out/report.md"), encoding: .utf8)
        #expect(markdown.contains("signal: ΔF/F, in ΔF/F per movie frame averaged over repeats"), "\(markdown.prefix(2000))")
        #expect(markdown.contains("ROIs per area: VISp 41, VISal 16"))
        // 2-photon trials (ΔF/F, kept as Double) reach the default trial-bound ceiling: no fallback to split-half neurons
        let results = try String(contentsOf: dir.appendingPathComponent("out/results.json"), encoding: .utf8)
        #expect(results.contains("\"method\" : \"trial-bounds\"") && !results.contains("\"requested_method\""), "\(results.prefix(3000))")
    }

    @Test("inspect on the real suite2p recording (pynapple): one V1 plane, 219 ROIs stored ROI-first, no movie",
          .enabled(if: FileManager.default.fileExists(atPath: TwoPhotonCLITests.suite2p), "run scripts/fetch-test-data.sh"))
    func realSuite2pFile() throws {
        let r = try CLIRunner.run(["inspect", Self.suite2p, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try Self.json(r.stdout)
        let planes = try #require(j["planes"] as? [[String: Any]])
        #expect(planes.count == 1 && planes[0]["rois"] as? Int == 219)
        #expect((j["areas"] as? [[String: Any]])?.first?["area"] as? String == "V1")
        let traces = try #require(j["traces"] as? [[String: Any]])
        #expect(traces.map { "\($0["signal"]!) \($0["rois"]!)" } == ["events 219", "fluorescence 219"])
        #expect((j["notes"] as? [String])?.contains { $0.hasPrefix("no stimulus presentations") } == true)
        let text = try CLIRunner.run(["inspect", Self.suite2p])
        #expect(text.status == 0 && text.stdout.contains("2-photon imaging"))
    }

    static let suite2p = root.appendingPathComponent(".cache/test-data/pynapple/2022_08_08.nwb").path
}
