import CortexKit
import Foundation
import Testing

/// Issue 13's names on the command line: `--rdm spearman` for TSRSA, `ridge-study` with
/// `--pca-dims`, `--ridge-alpha`/`--ridge-folds`, the frame policy of every metric, SVCCA/PWCCA's
/// kept dimensions and the shuffled-frames control, in `cortex similarity` and `cortex compare`.
@Suite("cortex similarity and compare: metric names and options of issue 13")
struct MetricNamesCLITests {
    typealias Inputs = SimilarityCommandTests.Inputs

    func json(_ arguments: [String]) throws -> (object: [String: Any], stderr: String) {
        let r = try CLIRunner.run(arguments + ["--json"])
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        return (try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]), r.stderr)
    }

    /// Rows 1… of a matrix: what every metric compares by default.
    func dropped(_ x: NDArray<Double>) -> NDArray<Double> { x.rows(1..<x.rows) }

    @Test("tsrsa --rdm spearman is the study's STSRSA (library TSRSA with the Spearman frame RDM); --rdm is no longer ignored")
    func tsrsaHonoursRDM() throws {
        let inputs = try Inputs()
        let spearman = try json(["similarity", "tsrsa", inputs.p("a.npy"), inputs.p("b.npy"), "--rdm", "spearman"]).object
        let library = try TSRSA.score(model: inputs.a, brain: inputs.b, options: TSRSAOptions(distance: .spearman)).score
        #expect(abs((spearman["score"] as? Double ?? .nan) - library) < 1e-12)
        #expect((spearman["name"] as? String)?.contains("spearman frame RDM") == true)
        let correlation = try json(["similarity", "tsrsa", inputs.p("a.npy"), inputs.p("b.npy")]).object
        #expect(correlation["score"] as? Double != spearman["score"] as? Double)
        let euclidean = try json(["similarity", "tsrsa", inputs.p("a.npy"), inputs.p("b.npy"), "--rdm", "euclidean"]).object
        let libraryEuclidean = try TSRSA.score(model: inputs.a, brain: inputs.b, options: TSRSAOptions(distance: .euclidean)).score
        #expect(abs((euclidean["score"] as? Double ?? .nan) - libraryEuclidean) < 1e-12)
    }

    @Test("ridge-study --pca-dims and ridge --ridge-alpha/--ridge-folds equal the library on frames 1…")
    func regressionOptions() throws {
        let inputs = try Inputs()
        let study = try json(["similarity", "ridge-study", inputs.p("a.npy"), inputs.p("b.npy"), "--pca-dims", "5"]).object
        let expected = try RidgeStudy.score(model: dropped(inputs.a), brain: dropped(inputs.b), pcaDimensions: 5).score
        #expect(abs((study["score"] as? Double ?? .nan) - expected) < 1e-12)
        #expect(study["frame_policy"] as? String == "drop-first-frame")
        let defaults = try json(["similarity", "ridge-study", inputs.p("a.npy"), inputs.p("b.npy")]).object
        // 12 units ≤ 40 components: no PCA, as the study.
        let noPCA = try RidgeStudy.score(model: dropped(inputs.a), brain: dropped(inputs.b)).score
        #expect(abs((defaults["score"] as? Double ?? .nan) - noPCA) < 1e-12)
        let ridge = try json(["similarity", "ridge", inputs.p("a.npy"), inputs.p("b.npy"), "--ridge-alpha", "10", "--ridge-folds", "3"]).object
        let cv = try RidgePredictivity.score(model: dropped(inputs.a), brain: dropped(inputs.b), alpha: 10,
                                             evaluation: .crossValidated(folds: 3)).score
        #expect(abs((ridge["score"] as? Double ?? .nan) - cv) < 1e-12)
    }

    @Test("--keep-first-frame applies to every metric; the policy is in the JSON")
    func framePolicy() throws {
        let inputs = try Inputs()
        let kept = try json(["similarity", "cka-linear", inputs.p("a.npy"), inputs.p("b.npy"), "--keep-first-frame"]).object
        #expect(abs((kept["score"] as? Double ?? .nan) - (try CKAMetric().score(inputs.a, inputs.b))) < 1e-12)
        #expect(kept["frame_policy"] as? String == "all-frames")
        let dropped = try json(["similarity", "cka-linear", inputs.p("a.npy"), inputs.p("b.npy")]).object
        #expect(abs((dropped["score"] as? Double ?? .nan) - (try CKAMetric().score(self.dropped(inputs.a), self.dropped(inputs.b)))) < 1e-12)
    }

    @Test("svcca/pwcca report k_x, k_y and n, warn when the cap binds, and print a shuffled-frames control like CKA")
    func ccaDimensionsAndControl() throws {
        let inputs = try Inputs()
        for name in ["svcca", "pwcca"] {
            let (object, stderr) = try json(["similarity", name, inputs.p("a.npy"), inputs.p("b.npy"), "--seed", "5"])
            let cca = try #require(object["cca"] as? [String: Any])
            let (kx, ky, n) = (cca["k_x"] as? Int ?? 0, cca["k_y"] as? Int ?? 0, cca["n"] as? Int ?? 0)
            #expect(n == 39 && kx + ky <= 19 && kx >= 1 && ky >= 1, "\(cca)")
            let analysis = try #require(try MetricChoice(name == "svcca" ? .svcca : .pwcca).ccaAnalysis(inputs.a, inputs.b))
            #expect((kx, ky) == (analysis.kx, analysis.ky))
            #expect(abs((object["score"] as? Double ?? .nan) - analysis.score) < 1e-12)
            #expect((cca["uncapped_k_x"] as? Int ?? 0) + (cca["uncapped_k_y"] as? Int ?? 0) > 19)
            #expect((object["warning"] as? String)?.contains("capped") == true)
            #expect(stderr.contains("cortex: warning: kept dimensions capped"))
            let control = try #require(object["control"] as? Double)
            let metric = MetricChoice(name == "svcca" ? .svcca : .pwcca).metric()
            #expect(abs(control - (try ShuffledFramesControl.score(metric: metric, inputs.a, inputs.b, seed: 5))) < 1e-12)
        }
        let text = try CLIRunner.run(["similarity", "cka-linear", inputs.p("a.npy"), inputs.p("b.npy")])
        #expect(text.status == 0 && text.stdout.contains("control (A's frames shuffled, seed 0) = "))
        let tsrsa = try json(["similarity", "tsrsa", inputs.p("a.npy"), inputs.p("b.npy")]).object
        #expect(tsrsa["control"] == nil && tsrsa["cca"] == nil)
    }

    @Test("options of other metrics are refused with one line and exit 64", arguments: [
        (["tsrsa", "--ridge-folds", "3"], "--ridge-folds applies to ridge only"),
        (["cka-linear", "--ridge-alpha", "2"], "--ridge-alpha applies to ridge and ridge-study only"),
        (["ridge", "--pca-dims", "10"], "--pca-dims applies to ridge-study only"),
        (["ridge-study", "--pca-dims", "0"], "--pca-dims must be an integer from 1"),
        (["ridge", "--ridge-alpha", "0"], "--ridge-alpha must be a number > 0"),
        (["tsrsa", "--rdm", "manhattan"], "--rdm"),
    ])
    func refusedOptions(arguments: [String], message: String) throws {
        let inputs = try Inputs()
        let r = try CLIRunner.run(["similarity", arguments[0], inputs.p("a.npy"), inputs.p("b.npy")] + arguments.dropFirst())
        #expect(r.status == 64, "\(arguments): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
    }

    @Test("compare under CKA and SVCCA reports each area's best layer with its shuffled control (and k_x, k_y, n); --ridge-alpha reaches compare")
    func compareControls() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-controls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (responses, copycat, _) = try CompareCommandTests.inputs(in: dir)
        for metric in ["cka-linear", "svcca"] {
            let r = try CLIRunner.run(["compare", "--responses", responses.path, "--features", copycat.path, "--metric", metric, "--json"])
            #expect(r.status == 0, "\(r.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let model = try #require((object["models"] as? [[String: Any]])?.first)
            let controls = try #require(model["controls"] as? [[String: Any]])
            #expect(controls.count == 3)
            let visp = try #require(controls.first { $0["area"] as? String == "VISp" })
            #expect(visp["layer"] as? String == "mix")
            let (score, control) = (visp["score"] as? Double ?? .nan, visp["control"] as? Double ?? .nan)
            #expect(score > control, "\(metric): \(score) vs control \(control)")
            if metric == "svcca" { #expect(visp["k_x"] is Int && visp["k_y"] is Int && visp["n"] is Int) }
            let options = try #require(object["metric_options"] as? [String: Any])
            #expect(options["frame_policy"] as? String == "drop-first-frame")
        }
        let ridge = try CLIRunner.run(["compare", "--responses", responses.path, "--features", copycat.path, "--metric", "ridge",
                                       "--ridge-alpha", "7", "--json"])
        #expect(ridge.status == 0, "\(ridge.stderr)")
        #expect(ridge.stdout.contains("\"ridge_alpha\" : 7"))
        let text = try CLIRunner.run(["compare", "--responses", responses.path, "--features", copycat.path, "--metric", "cka-linear"])
        #expect(text.stdout.contains("control (frames shuffled, seed "))
    }
}
