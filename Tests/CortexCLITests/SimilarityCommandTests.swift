import CortexKit
import Foundation
import Testing

/// End-to-end tests of `cortex similarity` and `cortex ceiling` on small `.npy` inputs written
/// by the tests into a temporary folder (and the committed TSRSA reference fixtures).
@Suite("cortex similarity and cortex ceiling")
struct SimilarityCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A folder with a.npy (40 × 12), b.npy (40 × 15) sharing a latent, bT.npy (b transposed) and bad inputs.
    final class Inputs {
        let folder: URL
        let a: NDArray<Double>, b: NDArray<Double>
        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("cortexkit-sim-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var rng = SplittableRandom(seed: 17)
            let z = NDArray<Double>.normal(shape: [40, 2], using: &rng)
            func population(_ units: Int) -> NDArray<Double> {
                let w = NDArray<Double>.normal(shape: [2, units], using: &rng)
                let e = NDArray<Double>.normal(shape: [40, units], using: &rng)
                return NDArray(shape: [40, units], generating: { i in
                    let (f, u) = (i / units, i % units)
                    return z[f, 0] * w[0, u] + z[f, 1] * w[1, u] + 0.7 * e.scalars[i]
                })
            }
            a = population(12)
            b = population(15)
            try NPYFile.write(a, to: path("a.npy"))
            try NPYFile.write(b, to: path("b.npy"))
            try NPYFile.write(b.transposed(), to: path("bT.npy"))
            try NPYFile.write(a.rows(0..<30), to: path("short.npy"))
            try NPYFile.write(a.rows(0..<2), to: path("two.npy"))
            var withNaN = a
            withNaN.withUnsafeMutableBufferPointer { $0[5 * 12 + 3] = .nan }
            try NPYFile.write(withNaN, to: path("nan.npy"))
            try NPYFile.write(NDArray<Bool>(shape: [40, 3], repeating: true), to: path("bool.npy"))
            try NPYFile.write(NDArray<Double>(shape: [0, 3], scalars: []), to: path("empty.npy"))
            var silent = a
            for j in 0..<12 { silent[7, j] = 0 }
            try NPYFile.write(silent, to: path("silent.npy"))
        }
        func path(_ name: String) -> URL { folder.appendingPathComponent(name) }
        func p(_ name: String) -> String { path(name).path }
        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try CLIRunner.run(arguments + ["--json"])
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 1, "one JSON object on one line")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test("the JSON score of every metric equals the library's (frame 0 dropped: TSRSA by itself, the others by the frame policy)", arguments: [
        ("tsrsa", TSRSAMetric() as any SimilarityMetric), ("rsa", RSAMetric()), ("cka-linear", CKAMetric()),
        ("cka-rbf", CKAMetric(kernel: .rbf(threshold: 1))), ("cka-debiased", CKAMetric(estimator: .unbiased)),
        ("svcca", SVCCAMetric()), ("pwcca", PWCCAMetric()), ("procrustes", ProcrustesMetric()), ("ridge", RidgeMetric()),
        ("ridge-study", RidgeStudyMetric()),
    ] as [(String, any SimilarityMetric)])
    func scoresMatchLibrary(name: String, metric: any SimilarityMetric) throws {
        let inputs = try Inputs()
        let object = try json(["similarity", name, inputs.p("a.npy"), inputs.p("b.npy")])
        #expect(object["metric"] as? String == name)
        let score = try #require(object["score"] as? Double)
        let (a, b) = name == "tsrsa" ? (inputs.a, inputs.b) : (inputs.a.rows(1..<40), inputs.b.rows(1..<40))
        #expect(abs(score - (try metric.score(a, b))) < 1e-12, "\(name)")
    }

    @Test("TSRSA of the committed reference fixtures equals the study's numpy value")
    func tsrsaReference() throws {
        struct Case: Decodable { let name: String; let model, brain: [[Double]]; let studyOrdinal, pearson: Double }
        struct Reference: Decodable { let tsrsa: [Case] }
        let url = Self.root.appendingPathComponent("Tests/CortexSimilarityTests/Fixtures/similarity.json")
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        let inputs = try Inputs()
        #expect(!reference.tsrsa.isEmpty)
        for c in reference.tsrsa {
            try NPYFile.write(NDArray(rowArrays: c.model), to: inputs.path("model.npy"))
            try NPYFile.write(NDArray(rowArrays: c.brain), to: inputs.path("brain.npy"))
            let study = try json(["similarity", "tsrsa", inputs.p("model.npy"), inputs.p("brain.npy")])
            // numpy's corrcoef leaves duplicated frames' distances ±1 ulp from 0 (not tied); CortexKit
            // ties them exactly, so that case agrees to 2e-5 (as ReferenceTests) and the rest exactly.
            let tolerance = c.name.hasPrefix("duplicate") ? 2e-5 : 1e-12
            #expect(abs((study["score"] as? Double ?? .nan) - c.studyOrdinal) < tolerance, "\(c.name)")
            let library = try TSRSA.score(model: NDArray(rowArrays: c.model), brain: NDArray(rowArrays: c.brain)).score
            #expect(study["score"] as? Double == library)
            let pearson = try json(["similarity", "tsrsa", inputs.p("model.npy"), inputs.p("brain.npy"), "--compare", "pearson"])
            #expect(abs((pearson["score"] as? Double ?? .nan) - c.pearson) < 1e-12, "\(c.name)")
        }
    }

    @Test("lags, permutation p-value and bootstrap interval come out as the library computes them")
    func statistics() throws {
        let inputs = try Inputs()
        let object = try json(["similarity", "tsrsa", inputs.p("a.npy"), inputs.p("bT.npy"), "--transpose-b",
                               "--lags", "-2...2", "--permutations", "99", "--bootstrap", "20", "--seed", "5",
                               "--ties", "average", "--keep-first-frame"])
        let options = TSRSAOptions(dropsFirstFrame: false, comparison: .spearman(ties: .average), lags: -2...2)
        let result = try TSRSA.score(model: inputs.a, brain: inputs.b, options: options)
        #expect(abs((object["score"] as? Double ?? .nan) - result.score) < 1e-12)
        let lags = try #require(object["lags"] as? [[String: Any]])
        #expect(lags.map { $0["lag"] as? Int } == [-2, -1, 0, 1, 2])
        let metric = TSRSAMetric(options: options)
        let test = try PermutationTest.run(metric: metric, inputs.a, inputs.b, scheme: .circularShift(minimumShift: 10),
                                           permutations: 99, seed: 5)
        #expect(object["p_value"] as? Double == test.pValue)
        #expect(test.pValue <= 0.05)
        let ci = try Bootstrap.confidenceInterval(metric: metric, inputs.a, inputs.b, scheme: .neurons, resamples: 20, seed: 5)
        let interval = try #require(object["ci"] as? [String: Any])
        #expect(interval["lower"] as? Double == ci.lower && interval["upper"] as? Double == ci.upper)
        let plain = try CLIRunner.run(["similarity", "cka-linear", inputs.p("a.npy"), inputs.p("b.npy")])
        // The score line, then the shuffled-frames control (issue 13).
        #expect(plain.status == 0 && plain.stdout.hasPrefix("cka-linear = 0.") && plain.stdout.split(separator: "\n").count == 2)
    }

    @Test("bad input gives one error line and a non-zero exit", arguments: [
        (["tsrsa", "a.npy", "short.npy"], "30"),
        (["tsrsa", "two.npy", "two.npy"], "at least 3"),
        (["tsrsa", "a.npy", "nan.npy"], "non-finite"),
        (["cka-linear", "a.npy", "empty.npy"], "empty"),
        (["tsrsa", "a.npy", "bool.npy"], "boolean"),
        (["tsrsa", "a.npy", "missing.npy"], "no such file"),
        (["tsrsa", "a.npy", "b.txt"], "expected a .npy"),
        (["tsrsa", "a.npy", "b.npy", "--lags", "3...1"], "--lags"),
        (["bogus", "a.npy", "b.npy"], "bogus"),
    ])
    func badInput(arguments: [String], mentions: String) throws {
        let inputs = try Inputs()
        let r = try CLIRunner.run(["similarity"] + arguments.map { $0.hasSuffix(".npy") || $0.hasSuffix(".txt") ? inputs.p($0) : $0 })
        #expect(r.status != 0)
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines.first?.hasPrefix("cortex: error: ") == true, "\(r.stderr)")
        #expect(r.stderr.contains(mentions), "\(r.stderr)")
    }

    @Test("a library error's typed hint is printed as the flag that avoids it: message (hint), on one line")
    func hintSpelledAsFlag() throws {
        let inputs = try Inputs()
        let r = try CLIRunner.run(["similarity", "tsrsa", inputs.p("silent.npy"), inputs.p("b.npy")])
        #expect(r.status == 1 && r.stdout.isEmpty)
        #expect(r.stderr == "cortex: error: first (model) input: row (frame) 7 has zero variance "
                + "(use --zero-variance drop-frame or propagate)\n")
        let dropped = try json(["similarity", "tsrsa", inputs.p("silent.npy"), inputs.p("b.npy"), "--zero-variance", "drop-frame"])
        #expect(dropped["score"] is Double)
    }

    @Test("--json writes a NaN score (--zero-variance propagate) as null instead of failing")
    func nanScoreIsNull() throws {
        let inputs = try Inputs()
        let r = try CLIRunner.run(["similarity", "tsrsa", inputs.p("silent.npy"), inputs.p("b.npy"), "--zero-variance", "propagate",
                                   "--lags", "0...1", "--json"])
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        #expect(r.stdout.contains(#""score":null"#), "\(r.stdout)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["score"] is NSNull)
        #expect(Set(object.keys) == ["best_lag", "frames", "frame_policy", "lags", "metric", "name", "score", "units_a", "units_b"])
    }

    @Test("an unknown HDF5 dataset is one error line; a response dataset is read as frames × units without flags")
    func hdf5Inputs() throws {
        let inputs = try Inputs()
        let h5 = inputs.path("r.h5").path
        let made = try CLIRunner.run(["responses", Self.root.appendingPathComponent("datasets/demo-session.nwb").path, "-o", h5])
        #expect(made.status == 0, "\(made.stderr)")
        let missing = try CLIRunner.run(["similarity", "cka-linear", "\(h5):/VISp/nope", "\(h5):/VISl/counts"])
        #expect(missing.status != 0 && missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
        let object = try json(["similarity", "cka-linear", "\(h5):/VISp/counts", "\(h5):/VISl/counts"])
        let file = try ResponseFile.read(from: URL(fileURLWithPath: h5))
        let expected = try FramePolicyMetric(CKAMetric(), policy: .dropFirstFrame).score(file.areas[0].matrix, file.areas[1].matrix)
        #expect(abs((object["score"] as? Double ?? .nan) - expected) < 1e-12)
    }

    @Test("cortex ceiling prints per-area split-half ceilings equal to the library's")
    func ceiling() throws {
        let inputs = try Inputs()
        let h5 = inputs.path("r.h5").path
        let made = try CLIRunner.run(["responses", Self.root.appendingPathComponent("datasets/demo-session.nwb").path,
                                      "-o", h5, "--keep-trials"])
        #expect(made.status == 0, "\(made.stderr)")
        let file = try ResponseFile.read(from: URL(fileURLWithPath: h5))
        let object = try json(["ceiling", h5, "--metric", "cka-linear", "--method", "neurons", "--splits", "4", "--seed", "3", "--areas", "VISl,VISp"])
        let areas = try #require(object["areas"] as? [[String: Any]])
        #expect(areas.map { $0["area"] as? String } == ["VISl", "VISp"])
        let visp = try #require(file.areas.first { $0.name == "VISp" })
        // Each area's splits are seeded from the statistics seed and the area's name (StatisticsSeed).
        let expected = try NoiseCeiling.splitHalfNeurons(visp.matrix, metric: FramePolicyMetric(CKAMetric(), policy: .dropFirstFrame), splits: 4,
                                                         seed: StatisticsSeed.seed(3, area: "VISp", purpose: .ceiling))
        #expect(abs((areas[1]["mean"] as? Double ?? .nan) - expected.mean) < 1e-12, "\(areas[1]) vs \(expected.mean)")
        #expect(abs((areas[1]["standard_error"] as? Double ?? .nan) - expected.standardError) < 1e-12)
        #expect(areas[1]["units"] as? Int == visp.unitIDs.count && areas[1]["method"] as? String == "neurons")
        let trials = try json(["ceiling", h5, "--method", "trials", "--splits", "3", "--areas", "VISp",
                               "--zero-variance", "drop-frame"])
        let row = try #require((trials["areas"] as? [[String: Any]])?.first)
        #expect(row["spearman_brown"] as? Bool == true)
        let expectedTrials = try NoiseCeiling.splitHalfTrials(
            try #require(visp.trials).map { Double($0) },
            metric: TSRSAMetric(options: TSRSAOptions(zeroVariance: .dropFrame)), splits: 3,
            seed: StatisticsSeed.seed(StatisticsOptions.defaultSeed, area: "VISp", purpose: .ceiling), spearmanBrown: true)
        #expect(abs((row["mean"] as? Double ?? .nan) - expectedTrials.mean) < 1e-12)
        let unknown = try CLIRunner.run(["ceiling", h5, "--areas", "VISx"])
        #expect(unknown.status != 0 && unknown.stderr.contains("no area 'VISx'"), "\(unknown.stderr)")
        let noTrials = inputs.path("r2.h5").path
        _ = try CLIRunner.run(["responses", Self.root.appendingPathComponent("datasets/demo-session.nwb").path, "-o", noTrials])
        let r = try CLIRunner.run(["ceiling", noTrials, "--method", "trials", "--areas", "VISp"])
        #expect(r.status != 0 && r.stderr.contains("--keep-trials"), "\(r.stderr)")
    }
}
