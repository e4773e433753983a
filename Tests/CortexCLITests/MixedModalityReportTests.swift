import CortexKit
import Foundation
import Testing

/// A batch spec with named response sets — Neuropixels and 2-photon responses to the same movie —
/// through `cortex report`: each set scored on its own, the two sets against each other per area,
/// the numbers equal to scoring the loaded responses directly.
@Suite("Mixed modalities in one report")
struct MixedModalityReportTests {
    static let ephys = TwoPhotonCLITests.dataset("demo-session.nwb"), twoPhoton = TwoPhotonCLITests.v2

    func temporary() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-mixed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func writeSpec(_ dir: URL, sets: String, statistics: String = "statistics:\n  ceiling-splits: 3\n") throws -> URL {
        var rng = SplittableRandom(seed: 5)
        try FeatureFile.write(to: dir.appendingPathComponent("f.h5"), model: "m", layers: [
            (.init(name: "a", depth: 0, unitShape: [12]), NDArray<Double>.normal(shape: [300, 12], using: &rng).map { Float($0) })])
        let url = dir.appendingPathComponent("spec.yaml")
        try ("title: Mixed\n" + sets + "models:\n  - name: m\n    features: f.h5\n" + statistics)
            .write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("ephys and 2p sets: one comparison per set, brain to brain per area equal to the metric on the loaded responses")
    func ephysAndTwoPhoton() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = try writeSpec(dir, sets: """
            responses:
              - name: ephys
                sessions: [\(Self.ephys)]
              - name: 2p
                sessions: [\(Self.twoPhoton)]

            """)
        let r = try CLIRunner.run(["report", spec.path, "-o", dir.appendingPathComponent("out").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("first frame dropped) · ephys:") && r.stdout.contains("first frame dropped) · 2p:"), "\(r.stdout)")
        #expect(r.stdout.contains("brain to brain, 2p against ephys: VISp "), "\(r.stdout)")

        let results = try BatchReport.Results.read(from: dir.appendingPathComponent("out/results.json"))
        #expect(results.comparisons.map(\.responses.name) == ["ephys", "2p"])
        #expect(results.comparisons[1].responses.responseSignal.isTwoPhoton && !results.comparisons[0].responses.responseSignal.isTwoPhoton)
        let pair = try #require(results.brainToBrain?.first)
        #expect(results.brainToBrain?.count == 1 && pair.first.name == "ephys" && pair.second.name == "2p")
        #expect(pair.sameArea.map(\.area) == ["VISp", "VISal"], "\(pair.firstAreas) \(pair.secondAreas)")
        #expect(pair.scores.count == pair.secondAreas.count && pair.scores.allSatisfy { $0.count == pair.firstAreas.count })

        // The same numbers from the responses loaded directly and the metric itself.
        let metric = MetricChoice.studyTSRSA.entry.metric
        let a = try BrainResponses.load(sessions: [("e", URL(fileURLWithPath: Self.ephys))], producer: "test")
        let b = try BrainResponses.load(sessions: [("t", URL(fileURLWithPath: Self.twoPhoton))], producer: "test")
        for row in pair.sameArea {
            let x = try #require(a.brain.first { $0.area == row.area }?.matrix)
            let y = try #require(b.brain.first { $0.area == row.area }?.matrix)
            let expected = try metric.score(y, x)
            // Not bit-for-bit: `cortex report` runs as its own process (its output is byte-identical
            // run to run, under load too), while this process's BLAS calls share OpenBLAS with every
            // test running in parallel, which can change their summation order; a last-bit change in
            // a Pearson distance can swap two near-tied ranks, moving ρ by ~1e-10 per swap (seen:
            // 4e-9 in a loaded CI run).
            #expect(abs((row.score ?? .nan) - expected) < 1e-7, "\(row.area): \(row.score ?? .nan) vs \(expected)")
            // Each set's own ceiling of the area, and the joint ceiling √(c₁c₂).
            let c1 = try #require(results.comparisons[0].ceilings?.first { $0.area == row.area }?.mean)
            let c2 = try #require(results.comparisons[1].ceilings?.first { $0.area == row.area }?.mean)
            #expect(row.firstCeiling == c1 && row.secondCeiling == c2)
            #expect(abs((row.percentOfJointCeiling ?? .nan) - 100 * expected / (c1 * c2).squareRoot()) < 1e-5)
        }

        let csv = try String(contentsOf: dir.appendingPathComponent("out/results.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").dropFirst()
        let set = BatchReport.csvColumns.firstIndex(of: "response_set")!
        let sets = rows.map { $0.split(separator: ",", omittingEmptySubsequences: false)[set] }
        #expect(sets.filter { $0 == "ephys" }.count == 6 && sets.filter { $0 == "2p" }.count == 2, "\(csv)")
        let markdown = try String(contentsOf: dir.appendingPathComponent("out/report.md"), encoding: .utf8)
        for text in ["## Brain to brain", "2p against ephys", "% of joint ceiling", "· ephys", "· 2p"] {
            #expect(markdown.contains(text), "\(text)")
        }
        // One colour scale for the metric across both sets' heatmaps and the brain-to-brain heatmap,
        // although their scores differ: the colour bars (ticks and label) are identical.
        func colorBar(_ name: String) throws -> String {
            let svg = try String(contentsOf: dir.appendingPathComponent("out/\(name)"), encoding: .utf8)
            let start = try #require(svg.range(of: "<g class=\"colorbar\">"))
            let end = try #require(svg.range(of: "</g>", range: start.upperBound..<svg.endIndex))
            // The colour bar's tick labels and title (its geometry follows the figure's rows).
            let group = String(svg[start.lowerBound..<end.upperBound])
            return group.matches(of: /<text[^>]*>([^<]*)<\/text>/).map { String($0.output.1) }.joined(separator: " | ")
        }
        let svgs = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)
        let heatmaps = svgs.filter { $0.contains("-m-layers-areas") || $0.contains("-2p-ephys-areas") }.sorted()
        #expect(heatmaps.count == 3, "\(svgs)")
        let bars = try heatmaps.map(colorBar)
        #expect(bars[0] == bars[1] && bars[1] == bars[2], "\(bars)")
        #expect(bars[0].contains("tsrsa"))
        // The console headline says what each number is, with ceilings per area.
        #expect(r.stdout.contains("ephys: per area the best of 1 layers, mean over areas"), "\(r.stdout)")
        #expect(r.stdout.contains("  noise ceiling "))
    }

    @Test("one set named twice: the same area against itself scores 1 under TSRSA")
    func selfPair() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = try writeSpec(dir, sets: """
            responses:
              - {name: one, sessions: [\(Self.twoPhoton)]}
              - {name: again, sessions: [\(Self.twoPhoton)]}

            """, statistics: "")
        let r = try CLIRunner.run(["report", spec.path, "-o", dir.appendingPathComponent("out").path])
        #expect(r.status == 0, "\(r.stderr)")
        let results = try BatchReport.Results.read(from: dir.appendingPathComponent("out/results.json"))
        let pair = try #require(results.brainToBrain?.first)
        #expect(pair.sameArea.count == 2)
        for row in pair.sameArea { #expect(abs((row.score ?? 0) - 1) < 1e-12, "\(row.area)") }
        #expect(pair.sameArea.allSatisfy { $0.percentOfJointCeiling == nil })
    }

    @Test("sets showing different frames: one line naming both, non-zero exit")
    func frameMismatch() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        // a response file of 2-photon responses restricted to fewer frames cannot be paired with ephys
        let short = dir.appendingPathComponent("short.h5")
        var file = try ResponseFile.twoPhotonDefaults(sessions: [("t", URL(fileURLWithPath: Self.twoPhoton))],
                                                      stimulus: "natural_movie_one", areas: nil, producer: "test")
        file.frameCount = 200
        for i in file.areas.indices {
            let units = file.areas[i].unitCount
            file.areas[i].matrix = NDArray(shape: [200, units], scalars: Array(file.areas[i].matrix.scalars.prefix(200 * units)))
            file.areas[i].signalTrials = nil
            file.areas[i].trials = nil
        }
        try file.write(to: short)
        let spec = try writeSpec(dir, sets: """
            responses:
              - {name: ephys, sessions: [\(Self.ephys)]}
              - {name: short, files: [short.h5]}

            """, statistics: "")
        let r = try CLIRunner.run(["report", spec.path, "-o", dir.appendingPathComponent("out").path])
        #expect(r.status != 0)
        let errors = r.stderr.split(separator: "\n").filter { $0.contains("error") }
        #expect(errors.count == 1 && errors[0].contains("short.h5 has 200") && errors[0].contains("300 frames"), "\(r.stderr)")
    }
}

/// The report's Methods section is written from the options the batch ran with.
@Suite("Report methods section")
struct ReportMethodsTests {
    @Test("methods name the data, filters, units per area, models, metric definition, selection, statistics and the commit")
    func methods() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-methods-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SplittableRandom(seed: 5)
        try FeatureFile.write(to: dir.appendingPathComponent("f.h5"), model: "lorafb-snet18-w8", layers: [
            (.init(name: "a", depth: 0, unitShape: [12]), NDArray<Double>.normal(shape: [300, 12], using: &rng).map { Float($0) })])
        try """
        responses:
          - {name: ephys, sessions: [\(MixedModalityReportTests.ephys)]}
        models:
          - {name: m, features: f.h5}
        metrics:
          - {kind: tsrsa, lags: 0...2, zero-variance: drop-frame}
        statistics: {ceiling-splits: 4, permutations: 9, bootstrap: 5, ci-method: percentile}
        seed: 3
        """.write(to: dir.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["report", dir.appendingPathComponent("spec.yaml").path, "-o", dir.appendingPathComponent("out").path])
        #expect(r.status == 0, "\(r.stderr)")
        let md = try String(contentsOf: dir.appendingPathComponent("out/report.md"), encoding: .utf8)
        let methods = try #require(md.components(separatedBy: "## Methods").dropFirst().first?.components(separatedBy: "\n## ").first)
        for text in ["Response set \"ephys\": 1 input (demo-session.nwb)", "300 frames of 33.3 ms × 20 repeats",
                     "Units: no unit quality filter, mean rate ≥ 0.5 spikes/s", "VISp 16", "(96 in all)",
                     "m (lorafb-snet18-w8, recurrent (feedback); 1 layers; feature file f.h5; ",
                     "time-series RSA", "correlation distance", "lags k = 0…2", "Frames with zero variance: drop-frame",
                     "best of 1 layers × 3 lags", "9 circular shifts", "5 bootstrap resamples of moving blocks of frames",
                     "percentile 95 % intervals", "4 random splits", "statistics seed 3", "git commit "] {
            #expect(methods.contains(text), "\(text)")
        }
    }
}
