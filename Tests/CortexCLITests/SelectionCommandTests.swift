import CortexKit
import Foundation
import Testing

/// Held-out selection, the selection-aware p-value and paired model comparisons through
/// `cortex compare` and `cortex report`: the same numbers from both, in JSON, CSV and the report.
@Suite("selection and paired comparisons on the command line")
struct SelectionCommandTests {
    func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Each model's selection rows as text (area, layer, in-sample, held-out, split, p).
    func selections(_ result: [String: Any]) throws -> [String] {
        let models = try #require(result["models"] as? [[String: Any]])
        return models.flatMap { m in
            (m["selection"] as? [[String: Any]] ?? []).map {
                "\(m["model"] ?? "") \($0["area"] ?? "") \($0["layer"] ?? "-") \($0["score"] ?? "-") "
                    + "\($0["held_out_score"] ?? "-") \($0["held_out_split"] ?? "-") \($0["p_value_selection"] ?? "-")"
            }
        }
    }

    @Test("compare and report give the same selection and paired rows; JSON, CSV and the report show them")
    func compareAndReport() throws {
        let dir = try OnePathTests().prepare(method: "trials")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = { (name: String) in dir.appendingPathComponent(name).path }
        try """
        responses: [r.h5]
        models:
          - name: copycat
            features: copycat.h5
          - name: noise
            features: noise.h5
        metrics:
          - kind: tsrsa
            zero-variance: drop-frame
        statistics:
          permutations: 19
          bootstrap: 20
          held-out-block: 20
          paired-blocks: 6
          correction: bh
        seed: 3
        """.write(to: dir.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
        let compare = try CLIRunner.run(["compare", "--responses", path("r.h5"), "--features", path("copycat.h5"),
                                         "--features", path("noise.h5"), "--metric", "tsrsa", "--zero-variance", "drop-frame",
                                         "--permutations", "19", "--bootstrap", "20", "--held-out-block", "20",
                                         "--paired-blocks", "6", "--correction", "bh", "--seed", "3",
                                         "-o", path("compare.json"), "--report", path("compare-report")])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stdout.contains("held-out") && compare.stdout.contains("paired comparisons"), "\(compare.stdout)")
        let report = try CLIRunner.run(["report", path("spec.yaml"), "-o", path("report")])
        #expect(report.status == 0, "\(report.stderr)")

        let fromCompare = try object(try Data(contentsOf: dir.appendingPathComponent("compare.json")))
        let results = try object(try Data(contentsOf: dir.appendingPathComponent("report/results.json")))
        let fromReport = try #require((results["comparisons"] as? [[String: Any]])?.first)
        let rows = try selections(fromCompare)
        #expect(rows.count == 6 && rows.allSatisfy { $0.contains("frame-blocks:20") }, "\(rows)")
        #expect(try selections(fromReport) == rows)

        let pairs = try #require(fromCompare["paired_comparisons"] as? [[String: Any]])
        #expect(pairs.count == 4, "3 areas + the mean over areas")   // one model pair
        for pair in pairs {
            let p = try #require(pair["p_value"] as? Double), q = try #require(pair["p_adjusted"] as? Double)
            #expect(q >= p && pair["correction"] as? String == "bh" && pair["blocks"] as? Int == 6)
        }
        let mean = try #require(pairs.first { $0["area"] == nil })
        #expect((mean["difference"] as? Double ?? 0) > 0, "copycat is more brain-like than noise: \(mean)")
        let reportPairs = try #require(fromReport["paired_comparisons"] as? [[String: Any]])
        #expect(reportPairs.map { "\($0["area"] ?? "mean") \($0["p_value"] ?? "") \($0["ci_lower"] ?? "")" }
                == pairs.map { "\($0["area"] ?? "mean") \($0["p_value"] ?? "") \($0["ci_lower"] ?? "")" })

        let selectionCSV = try String(contentsOf: dir.appendingPathComponent("report/selection.csv"), encoding: .utf8)
        #expect(selectionCSV.split(separator: "\n").count == 7 && selectionCSV.hasPrefix("model,metric,area,layer,lag,score,held_out_score"))
        let pairedCSV = try String(contentsOf: dir.appendingPathComponent("report/paired.csv"), encoding: .utf8)
        #expect(pairedCSV.split(separator: "\n").count == 5 && pairedCSV.contains("mean over areas"))
        for folder in ["report", "compare-report"] {
            let markdown = try String(contentsOf: dir.appendingPathComponent("\(folder)/report.md"), encoding: .utf8)
            #expect(markdown.contains("Layer selection: in-sample best") && markdown.contains("Which model is more cortex-like")
                    && markdown.contains("p (max over layers, circular shifts)"), "\(folder)")
        }
    }

    @Test("--held-out repeats splits even and odd repeats when trials are kept, and says why not otherwise")
    func repeats() throws {
        let dir = try OnePathTests().prepare(method: "trials")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = { (name: String) in dir.appendingPathComponent(name).path }
        func run(_ responses: String) throws -> [[String: Any]] {
            let r = try CLIRunner.run(["compare", "--responses", responses, "--features", path("copycat.h5"), "--metric", "cka-linear",
                                       "--held-out", "repeats", "--json"])
            #expect(r.status == 0, "\(r.stderr)")
            let models = try #require(try object(Data(r.stdout.utf8))["models"] as? [[String: Any]])
            return try #require(models.first?["selection"] as? [[String: Any]])
        }
        let withTrials = try run(path("r.h5"))
        #expect(withTrials.count == 3 && withTrials.allSatisfy { $0["held_out_split"] as? String == "repeats" && $0["held_out_score"] is Double },
                "\(withTrials)")
        let plain = dir.appendingPathComponent("plain.h5")
        let made = try CLIRunner.run(["responses", CompareCommandTests.session, "--areas", "VISp,VISl,VISam", "--min-rate", "0",
                                      "-o", plain.path])
        #expect(made.status == 0, "\(made.stderr)")
        let without = try run(plain.path)
        #expect(without.allSatisfy { $0["held_out_score"] == nil && ($0["note"] as? String ?? "").contains("no trials kept") }, "\(without)")
    }

    @Test("bad selection options fail in one line naming the option", arguments: [
        (["--held-out", "halves"], "--held-out"), (["--held-out-block", "0"], "--held-out-block"),
        (["--held-out", "repeats", "--held-out-block", "5"], "--held-out-block"), (["--paired-blocks", "1"], "--paired-blocks"),
        (["--correction", "bonferroni"], "--correction"),
    ])
    func badOptions(arguments: [String], option: String) throws {
        let r = try CLIRunner.run(["compare", "--responses", "r.h5", "--features", "f.h5"] + arguments)
        #expect(r.status != 0 && r.stderr.contains(option), "\(r.stderr)")
    }
}
