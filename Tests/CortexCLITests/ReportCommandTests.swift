import CortexKit
import Foundation
import Testing

/// `cortex report`: a batch spec over the fixture session, run whole, as shards in separate
/// processes, and resumed — the results must agree byte for byte.
@Suite("cortex report")
struct ReportCommandTests {
    func prepare() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        _ = try CompareCommandTests.inputs(in: dir)            // r.h5, copycat.h5, noise.h5
        try """
        title: Copycat vs noise <check & escape>
        responses: [r.h5]
        models:
          - name: copycat
            features: copycat.h5
          - name: noise
            features: noise.h5
        metrics:
          - kind: tsrsa
            zero-variance: drop-frame
          - kind: cka-linear
          - kind: rsa
            rdm: euclidean
            compare: kendall-tau-b
        statistics:
          ceiling-splits: 5
          permutations: 19
          bootstrap: 4
        seed: 3
        """.write(to: dir.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test("whole run = shards in separate processes merged; a resumed run recomputes only the missing job")
    func shardsAndResume() throws {
        let dir = try prepare()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("spec.yaml").path
        let whole = dir.appendingPathComponent("whole"), a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        let merged = dir.appendingPathComponent("merged")
        let r = try CLIRunner.run(["report", spec, "-o", whole.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("jobs: 9 computed, 0 cached"), "6 model jobs and 3 ceiling jobs")
        #expect(try CLIRunner.run(["report", spec, "-o", a.path, "--shard", "1/2"]).stdout.contains("jobs: 5 computed"))
        #expect(try CLIRunner.run(["report", spec, "-o", b.path, "--shard", "2/2"]).stdout.contains("jobs: 4 computed"))
        let incomplete = try CLIRunner.run(["report", "merge", a.path, "--spec", spec, "-o", merged.path])
        #expect(incomplete.status == 1 && incomplete.stderr.contains("4 of 9 jobs have no result yet"))
        let m = try CLIRunner.run(["report", "merge", a.path, b.path, "--spec", spec, "-o", merged.path])
        #expect(m.status == 0, "\(m.stderr)")
        let wholeJSON = try Data(contentsOf: whole.appendingPathComponent("results.json"))
        #expect(try Data(contentsOf: merged.appendingPathComponent("results.json")) == wholeJSON)
        #expect(try Data(contentsOf: merged.appendingPathComponent("results.csv"))
                == Data(contentsOf: whole.appendingPathComponent("results.csv")))
        // Resume: remove one finished job, re-run.
        let jobFiles = try FileManager.default.contentsOfDirectory(atPath: whole.appendingPathComponent("jobs").path).sorted()
        let jobs = jobFiles.filter { $0.hasSuffix(".json") }
        #expect(jobs.count == 9)
        #expect(jobFiles.filter { $0.hasSuffix(".rdms") }.count == 2, "the two TSRSA model jobs keep their frame RDMs")
        #expect(try Data(contentsOf: merged.appendingPathComponent("rdms/index.csv"))
                == Data(contentsOf: whole.appendingPathComponent("rdms/index.csv")), "shards export the same RDMs")
        let results = try #require(try JSONSerialization.jsonObject(with: wholeJSON) as? [String: Any])
        let comparisons = try #require(results["comparisons"] as? [[String: Any]])
        #expect(comparisons.allSatisfy { ($0["ceilings"] as? [[String: Any]])?.count == 3 }, "ceilings for every area")
        let firstModel = try #require((comparisons[0]["models"] as? [[String: Any]])?.first)
        let stats = try #require(firstModel["statistics"] as? [[String: Any]])
        #expect(stats.count == 3 && stats.allSatisfy { ($0["p_value"] as? Double).map { $0 > 0 && $0 <= 1 } == true })
        let image = try #require(firstModel["rdm_image"] as? [String: Any], "TSRSA jobs keep the RDMs of the first area")
        let size = try #require(image["size"] as? Int)
        #expect(size == 59 && (image["brain"] as? [Any])?.count == size * size && (image["model"] as? [Any])?.count == size * size,
                "60 frames minus the dropped first frame")
        try FileManager.default.removeItem(at: whole.appendingPathComponent("jobs/\(jobs[0])"))
        let again = try CLIRunner.run(["report", spec, "-o", whole.path])
        #expect(again.stdout.contains("jobs: 1 computed, 8 cached"), "\(again.stdout)")
        #expect(try Data(contentsOf: whole.appendingPathComponent("results.json")) == wholeJSON)
        // The report itself: self-contained, escaped, every figure present.
        let html = try String(contentsOf: whole.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("Copycat vs noise &lt;check &amp; escape&gt;"))
        #expect(!html.contains("<script"))
        #expect(html.range(of: #"(src|href)\s*=\s*"https?:|url\(\s*https?:|@import"#, options: .regularExpression) == nil,
                "no network references (namespace URIs are not fetched)")
        #expect(html.components(separatedBy: "<svg").count - 1 >= 3 * 4, "heatmaps ×2, bars, depth curve per metric")
        #expect(html.contains("frame RDMs, VISp and layer"), "RDM images of an area and its best layer")
        #expect(html.contains("distance percentile (within each RDM)") && html.contains("both axes: frames 1–"), "labelled RDM axes and colour bar")
        let csv = try String(contentsOf: whole.appendingPathComponent("results.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 1 + 3 * (2 * 3 + 1 * 3), "header + metrics × (layers × areas)")
        // Energy from the feature files: results.json, results.csv, the table and the scatter (one per metric).
        let energy = try #require(firstModel["energy"] as? [String: Any])
        #expect(energy["synaptic_operations_per_frame"] as? Double == 4.5e4)
        #expect(energy["energy_pj_per_frame"] as? Double == 0.9 * 4.5e4 + 4.6 * 1000)
        #expect(csv.hasPrefix(BatchReport.csvColumns.joined(separator: ",") + "\n"))
        // One flat table: every row has every column; look cells up by column name.
        let table = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(table.allSatisfy { $0.count == BatchReport.csvColumns.count })
        func cell(_ row: [String], _ column: String) -> String { row[BatchReport.csvColumns.firstIndex(of: column)!] }
        let copycatMix = try #require(table.first {
            cell($0, "model") == "copycat" && cell($0, "metric") == "tsrsa" && cell($0, "layer") == "mix" && cell($0, "area") == "VISp"
        })
        #expect(cell(copycatMix, "depth") == "1" && cell(copycatMix, "firing_rate") == "0.3", "\(copycatMix)")
        #expect(cell(copycatMix, "model_sops_per_frame") == "45000.0" && cell(copycatMix, "model_energy_pj_per_frame") == "45100.0")
        // Each area's best layer is flagged once per model and metric; statistics cells are empty
        // (and not named in `computed`) where they were not computed.
        let best = table.dropFirst().filter { cell($0, "best_layer") == "true" }
        #expect(best.count == 3 * 2 * 3, "metrics × models × areas")
        #expect(table.dropFirst().allSatisfy { cell($0, "computed").hasPrefix("score") && (cell($0, "p_value").isEmpty || cell($0, "computed").contains("+p")) })
        #expect(html.components(separatedBy: "Energy vs similarity").count - 1 >= 3, "one scatter per metric")
        #expect(html.contains("Estimated energy per movie frame"))
        let markdown = try String(contentsOf: whole.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("Energy vs similarity") && markdown.contains("Estimated energy per movie frame"))
    }

    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test("report.html renders in headless Chromium: the DOM holds the summary table and every figure; screenshot",
          .enabled(if: chromium != nil, "install Debian's chromium (make test does)"))
    func rendersInChromium() throws {
        let dir = try prepare()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        #expect(try CLIRunner.run(["report", dir.appendingPathComponent("spec.yaml").path, "-o", out.path]).status == 0)
        let page = "file://" + out.appendingPathComponent("report.html").path
        func chromium(_ args: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.chromium!)
            process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                 "--user-data-dir=" + dir.appendingPathComponent("chromium-profile").path] + args + [page]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let dom = try chromium(["--dump-dom"])
        #expect(dom.contains("<table"), "summary table in the rendered DOM")
        #expect(dom.contains("Best-layer score per area"))
        let svgs = dom.components(separatedBy: "<svg").count - 1
        #expect(svgs >= 15, "3 metrics × (2 heatmaps + bars + depth curve + energy scatter) figures, found \(svgs)")
        // the energy-vs-similarity scatter: a point and a label per model in each metric's figure
        let scatters = dom.matches(of: /Energy vs similarity · [a-z-]+<\/text>/).count
        #expect(scatters == 3, "one energy scatter per metric in the DOM, found \(scatters)")
        #expect(dom.components(separatedBy: "class=\"point\"").count - 1 == 3 * 2, "2 models × 3 metrics points")
        #expect(dom.contains(">copycat</text>") && dom.contains(">noise</text>"))
        // Every figure: a caption, axis labels, and for colour figures a labelled colour bar; the
        // score heatmaps of one metric share their colour bar's limits.
        let figures = dom.components(separatedBy: "<figure").dropFirst().map { $0.components(separatedBy: "</figure>")[0] }
        #expect(figures.count == svgs, "\(figures.count) figures, \(svgs) svgs")
        var heatmapBars: [String: Set<String>] = [:]
        for figure in figures {
            let title = figure.firstMatch(of: /<title>([^<]*)<\/title>/).map { String($0.output.1) } ?? "?"
            #expect(figure.contains("<figcaption>"), "\(title): caption")
            #expect(figure.contains("class=\"axis-label\""), "\(title): axis labels")
            if figure.contains("class=\"colorbar\"") {
                let bar = figure.components(separatedBy: "class=\"colorbar\"")[1].components(separatedBy: "</g>")[0]
                let texts = bar.matches(of: /<text[^>]*>([^<]*)<\/text>/).map { String($0.output.1) }
                #expect(texts.count >= 3, "\(title): colour bar ticks and label, got \(texts)")
                if title.contains("layers × areas"), let caption = figure.firstMatch(of: /<figcaption>.*?<\/strong> ([^ ]+)/) {
                    heatmapBars[String(caption.output.1), default: []].insert(texts.joined(separator: "|"))
                }
            }
        }
        #expect(!heatmapBars.isEmpty && heatmapBars.values.allSatisfy { $0.count == 1 }, "one colour scale per metric: \(heatmapBars)")
        let artifacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/test-artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let shot = artifacts.appendingPathComponent("report.png")
        _ = try chromium(["--screenshot=" + shot.path, "--window-size=1200,3000"])
        let png = try Data(contentsOf: shot)
        #expect(png.count > 10_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG screenshot was written")
    }

    @Test("bad specs and missing inputs: one error line before any job runs")
    func badSpecs() throws {
        let dir = try prepare()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml")
        try "responses: [r.h5]\nmodels:\n  - {name: m, features: copycat.h5}\nmetric:\n  - kind: tsrsa\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["report", bad.path, "-o", dir.appendingPathComponent("out1").path])
        #expect(r.status == 1 && r.stderr.contains("bad.yaml:4: metric: unknown key"), "\(r.stderr)")
        let missing = dir.appendingPathComponent("missing.yaml")
        try "responses: [r.h5]\nmodels:\n  - {name: m, features: nowhere.h5}\n".write(to: missing, atomically: true, encoding: .utf8)
        let out2 = dir.appendingPathComponent("out2")
        let m = try CLIRunner.run(["report", missing.path, "-o", out2.path])
        #expect(m.status == 1 && m.stderr.contains("nowhere.h5: no such file (named in"), "\(m.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out2.appendingPathComponent("jobs").path))
    }

    @Test("--emit-slurm writes an sbatch array script for the shards")
    func slurm() throws {
        let dir = try prepare()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("run.sbatch")
        let r = try CLIRunner.run(["report", dir.appendingPathComponent("spec.yaml").path, "-o", dir.appendingPathComponent("out").path, "--emit-slurm",
                                   script.path, "--shards", "8"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: script, encoding: .utf8)
        #expect(text.contains("#SBATCH --array=1-8") && text.contains("--shard \"${SLURM_ARRAY_TASK_ID}/8\""))
    }
}

@Suite("Examples/CustomMetric")
struct CustomMetricExampleTests {
    @Test("a custom metric defined in a few lines runs through the batch runner and the report")
    func example() throws {
        let dir = try ReportCommandTests().prepareForExample()
        defer { try? FileManager.default.removeItem(at: dir) }
        let binary = CLIRunner.executable.deletingLastPathComponent().appendingPathComponent("custom-metric-example")
        let process = Process()
        process.executableURL = binary
        process.arguments = [dir.appendingPathComponent("spec.yaml").path, dir.appendingPathComponent("out").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("mean-activity correlation · copycat: mean over areas"))
        let csv = try String(contentsOf: dir.appendingPathComponent("out/results.csv"), encoding: .utf8)
        #expect(csv.contains(",mean-activity,"), "custom metric rows in results.csv")
        let html = try String(contentsOf: dir.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(html.contains("mean-activity correlation"))
    }
}

extension ReportCommandTests {
    func prepareForExample() throws -> URL { try prepare() }
}

@Suite("cortex report under kill -9")
struct ReportKillTests {
    @Test("a batch killed (SIGKILL) mid-run loses nothing: the re-run computes only the missing jobs, same results")
    func killAndResume() throws {
        let dir = try ReportCommandTests().prepareForExample()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("spec.yaml").path
        let reference = dir.appendingPathComponent("reference"), killed = dir.appendingPathComponent("killed")
        #expect(try CLIRunner.run(["report", spec, "-o", reference.path]).status == 0)
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["report", spec, "-o", killed.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let jobs = killed.appendingPathComponent("jobs")
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let done = (try? FileManager.default.contentsOfDirectory(atPath: jobs.path))?.filter { $0.hasSuffix(".json") } ?? []
            if !done.isEmpty { break }
            usleep(2_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let finished = (try? FileManager.default.contentsOfDirectory(atPath: jobs.path))?.filter { $0.hasSuffix(".json") } ?? []
        #expect(process.terminationReason == .uncaughtSignal || finished.count == 9)
        let again = try CLIRunner.run(["report", spec, "-o", killed.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("jobs: \(9 - finished.count) computed, \(finished.count) cached"), "\(again.stdout)")
        #expect(try Data(contentsOf: killed.appendingPathComponent("results.json"))
                == Data(contentsOf: reference.appendingPathComponent("results.json")))
    }

    @Test("checkpoint models in a spec: run on the movie during the batch, same scores and statistics as a feature file; cached on re-run")
    func checkpointModels() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-report-ckpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let root = TrainCommandTests.root
        let checkpoint = root.appendingPathComponent("datasets/checkpoints/lorafb-snet18-w8-image/model.safetensors").path
        let movie = root.appendingPathComponent("datasets/demo-movie.npy").path
        let responses = try CLIRunner.run(["responses", root.appendingPathComponent("datasets/demo-session.nwb").path,
                                           "-o", dir.appendingPathComponent("r.h5").path])
        #expect(responses.status == 0, "\(responses.stderr)")
        let features = try CLIRunner.run(["features", "--checkpoint", checkpoint, "--movie", movie, "--protocol", "image",
                                          "--T", "2", "--layers", "sn1,maxpool,recurrent_layer2.sub_module.1,avgpool",
                                          "-o", dir.appendingPathComponent("f.h5").path])
        #expect(features.status == 0, "\(features.stderr)")
        try """
        responses: [r.h5]
        areas: [VISp, VISam]
        models:
          - name: from-file
            features: f.h5
          - name: from-checkpoint
            checkpoint: \(checkpoint)
            movie: \(movie)
            protocol: image
            T: 2
            layers: [sn1, maxpool, recurrent_layer2.sub_module.1, avgpool]
        metrics:
          - kind: tsrsa
            zero-variance: drop-frame
          - kind: cka-linear
        statistics:
          permutations: 9
          bootstrap: 3
        seed: 5
        """.write(to: dir.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try CLIRunner.run(["report", dir.appendingPathComponent("spec.yaml").path, "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("jobs: 4 computed, 0 cached"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("results.json")))
                                as? [String: Any])
        let comparisons = try #require(json["comparisons"] as? [[String: Any]])
        #expect(comparisons.count == 2)
        for comparison in comparisons {
            let models = try #require(comparison["models"] as? [[String: Any]])
            let byName = Dictionary(uniqueKeysWithValues: models.map { ($0["model"] as! String, $0) })
            let file = try #require(byName["from-file"]), streamed = try #require(byName["from-checkpoint"])
            let a = try #require(file["scores"] as? [[Double]]), b = try #require(streamed["scores"] as? [[Double]])
            #expect(a.count == 4 && zip(a, b).allSatisfy { zip($0, $1).allSatisfy { abs($0 - $1) <= 1e-9 } }, "\(a) vs \(b)")
            #expect(streamed["source"] as? String == checkpoint)
            #expect((streamed["energy"] as? [String: Any]) != nil, "monitored during the batch")
            let sa = try JSONSerialization.data(withJSONObject: file["statistics"] ?? NSNull(), options: [.sortedKeys])
            let sb = try JSONSerialization.data(withJSONObject: streamed["statistics"] ?? NSNull(), options: [.sortedKeys])
            #expect(sa == sb, "p-values and intervals from the kept outputs equal those from the file")
        }
        let again = try CLIRunner.run(["report", dir.appendingPathComponent("spec.yaml").path, "-o", out.path])
        #expect(again.stdout.contains("jobs: 0 computed, 4 cached"), "\(again.stdout)")
    }
}


/// Names from users' files reach spreadsheets and shells safely.
@Suite("report escaping")
struct ReportEscapingTests {
    @Test("results.csv neutralises formula cells and quotes control characters")
    func csv() {
        #expect(BatchReport.csvField("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(BatchReport.csvField("+1") == "'+1" && BatchReport.csvField("@SUM") == "'@SUM" && BatchReport.csvField("-x") == "'-x")
        #expect(BatchReport.csvField("a\rb") == "\"a\rb\"" && BatchReport.csvField("a\tb") == "\"a\tb\"")
        #expect(BatchReport.csvField("\tlead") == "\"'\tlead\"")
        #expect(BatchReport.csvField("VISp") == "VISp" && BatchReport.csvField("a,b") == "\"a,b\"")
    }

    @Test("--emit-slurm writes absolute, single-quoted paths: a path cannot run a command")
    func slurmQuoting() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-slurm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try CompareCommandTests.inputs(in: dir)
        let spec = dir.appendingPathComponent("spec $(touch PWNED) 'x'.yaml")
        try "responses: [r.h5]\nmodels:\n  - {name: m, features: copycat.h5}\n".write(to: spec, atomically: true, encoding: .utf8)
        let script = dir.appendingPathComponent("run.sbatch")
        let r = try CLIRunner.run(["report", spec.path, "-o", dir.appendingPathComponent("out").path, "--emit-slurm", script.path])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: script, encoding: .utf8)
        #expect(text.contains("cortex report run '\(dir.path)/spec $(touch PWNED) '\\''x'\\''.yaml' -o '\(dir.path)/out'"), "\(text)")
        // The quoted command line, run by bash with `cortex` replaced by `echo`, prints the path and runs nothing.
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("cortex report run") })
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.currentDirectoryURL = dir
        p.arguments = ["-c", "SLURM_ARRAY_TASK_ID=1; echo " + line.dropFirst("cortex ".count)]
        try p.run()
        p.waitUntilExit()
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("PWNED").path))
        let bad = try CLIRunner.run(["report", spec.path, "-o", dir.appendingPathComponent("o\nx").path, "--emit-slurm", script.path])
        #expect(bad.status == 1 && bad.stderr.contains("line break"), "\(bad.stderr)")
    }

    @Test("--emit-slurm creates the report folder (Slurm opens the logs there before the job runs); its #SBATCH line escapes spaces, quotes and %; a backslash is refused")
    func slurmLogFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-slurm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try CompareCommandTests.inputs(in: dir)
        let spec = dir.appendingPathComponent("spec.yaml")
        try "responses: [r.h5]\nmodels:\n  - {name: m, features: copycat.h5}\n".write(to: spec, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("my \"report\" it's 100% done")
        let script = dir.appendingPathComponent("run.sbatch")
        let r = try CLIRunner.run(["report", spec.path, "-o", out.path, "--emit-slurm", script.path, "--shards", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: out.path, isDirectory: &isDirectory) && isDirectory.boolValue)
        let text = try String(contentsOf: script, encoding: .utf8)
        let escaped = dir.path + "/my \\\"report\\\" it's 100%% done"
        #expect(text.contains("#SBATCH \"--output=\(escaped)/slurm-%A_%a.log\"\n"), "\(text)")
        #expect(text.contains("-o '\(dir.path)/my \"report\" it'\\''s 100% done' --shard"), "\(text)")
        let bad = try CLIRunner.run(["report", spec.path, "-o", dir.appendingPathComponent("a\\b").path, "--emit-slurm", script.path])
        #expect(bad.status == 1 && bad.stderr.contains("backslash"), "\(bad.stderr)")
    }

    @Test("names from files and specs reach the terminal without control sequences (headline, errors)")
    func controlCharacters() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-ctl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try CompareCommandTests.inputs(in: dir)
        let spec = dir.appendingPathComponent("spec.yaml")
        try ("responses: [r.h5]\nmodels:\n  - {name: \"evil\\e]0;pwned\\a\\e[31m\", features: copycat.h5}\n"
            + "metrics:\n  - {kind: tsrsa, zero-variance: drop-frame}\n")
            .write(to: spec, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["report", spec.path, "-o", dir.appendingPathComponent("out").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("evil?]0;pwned??[31m"), "\(r.stdout)")
        let controls = (r.stdout + r.stderr).unicodeScalars.filter {
            $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" && $0 != "\r"
        }
        #expect(controls.isEmpty, "\(controls.map(\.value))")
        let bad = try CLIRunner.run(["compare", "--responses", dir.appendingPathComponent("r.h5").path,
                                     "--features", dir.appendingPathComponent("no\u{1B}[2Jthere.h5").path])
        #expect(bad.status != 0 && !bad.stderr.unicodeScalars.contains("\u{1B}") && bad.stderr.contains("no?[2Jthere.h5"),
                "\(bad.stderr)")
    }
}
