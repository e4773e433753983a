import CortexKit
import Foundation
import Testing

/// `cortex similarity` streaming the model side from its `.npy` memory map (TSRSA, RSA, CKA):
/// the same scores as the loading path and the library, the same checks and messages.
@Suite("cortex similarity, streamed inputs")
struct SimilarityStreamingTests {
    /// a32.npy (40 × 30 float32), its transpose a32T.npy, b.npy (40 × 15 float64), a rank-3 copy of
    /// a32 (40 × 5 × 6) and a float32 file with a NaN in frame 0.
    final class Inputs {
        let folder: URL
        let a32: NDArray<Float>, b: NDArray<Double>
        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("cortexkit-stream-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var rng = SplittableRandom(seed: 29)
            let z = NDArray<Double>.normal(shape: [40, 2], using: &rng)
            func population(_ units: Int) -> NDArray<Double> {
                let w = NDArray<Double>.normal(shape: [2, units], using: &rng)
                let e = NDArray<Double>.normal(shape: [40, units], using: &rng)
                return NDArray(shape: [40, units], generating: { i in
                    let (f, u) = (i / units, i % units)
                    return max(0, z[f, 0] * w[0, u] + z[f, 1] * w[1, u] + 0.7 * e.scalars[i])
                })
            }
            a32 = population(30).map { Float($0) }
            b = population(15)
            try NPYFile.write(a32, to: path("a32.npy"))
            try NPYFile.write(a32.transposed(), to: path("a32T.npy"))
            try NPYFile.write(a32.reshaped([40, 5, 6]), to: path("a32cube.npy"))
            try NPYFile.write(b, to: path("b.npy"))
            var withNaN = a32
            withNaN.withUnsafeMutableBufferPointer { $0[3] = .nan }
            try NPYFile.write(withNaN, to: path("nan0.npy"))
        }
        func path(_ name: String) -> URL { folder.appendingPathComponent(name) }
        func p(_ name: String) -> String { path(name).path }
        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try CLIRunner.run(arguments + ["--json"])
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test("TSRSA of a float32 layer streamed from its memory map equals the loading path (--transpose-a of the transposed file) bit for bit, and the library's to 1e-12")
    func tsrsaFloat32() throws {
        let inputs = try Inputs()
        for compare in ["spearman", "pearson"] {
            let streamed = try json(["similarity", "tsrsa", inputs.p("a32.npy"), inputs.p("b.npy"), "--compare", compare])
            let loaded = try json(["similarity", "tsrsa", inputs.p("a32T.npy"), inputs.p("b.npy"), "--transpose-a", "--compare", compare])
            let score = try #require(streamed["score"] as? Double)
            #expect(score == loaded["score"] as? Double, "\(compare)")
            let o = TSRSAOptions(comparison: compare == "pearson" ? .pearson : .spearman(ties: .ordinal))
            let model = try MatrixReference(parsing: inputs.p("a32.npy")).load().frameCorrelations(o, operand: .first)
            let brain = try MatrixReference(parsing: inputs.p("b.npy")).load().frameCorrelations(o, operand: .second)
            // The library in this (test) process: equal up to BLAS's rounding in another process, as
            // SimilarityCommandTests.scoresMatchLibrary allows.
            #expect(abs(score - (try TSRSA.score(model: model, brain: brain, options: o)).score) < 1e-12, "\(compare)")
        }
        let cube = try CLIRunner.run(["similarity", "tsrsa", inputs.p("a32cube.npy"), inputs.p("b.npy"), "--json"])
        #expect(cube.status == 0 && cube.stderr.contains("note:"), "\(cube.stderr)")
        let flat = try json(["similarity", "tsrsa", inputs.p("a32.npy"), inputs.p("b.npy")])
        let cubeObject = try #require(try JSONSerialization.jsonObject(with: Data(cube.stdout.utf8)) as? [String: Any])
        #expect(cubeObject["score"] as? Double == flat["score"] as? Double)
    }

    @Test("linear and debiased CKA of a streamed float32 layer agree with the Double loading path to 1e-6, control included", arguments: ["cka-linear", "cka-debiased", "cka-rbf", "rsa"])
    func ckaFloat32(metric: String) throws {
        let inputs = try Inputs()
        let streamed = try json(["similarity", metric, inputs.p("a32.npy"), inputs.p("b.npy")])
        let loaded = try json(["similarity", metric, inputs.p("a32T.npy"), inputs.p("b.npy"), "--transpose-a"])
        let score = try #require(streamed["score"] as? Double), expected = try #require(loaded["score"] as? Double)
        #expect(abs(score - expected) < 1e-6, "\(metric): \(score) vs \(expected)")
        #expect(Set(streamed.keys) == Set(loaded.keys), "\(metric): same fields")
        if metric.hasPrefix("cka") {
            let control = try #require(streamed["control"] as? Double), expectedControl = try #require(loaded["control"] as? Double)
            #expect(abs(control - expectedControl) < 1e-6, "\(metric) control: \(control) vs \(expectedControl)")
        }
    }

    @Test("streamed TSRSA with permutations and a neuron bootstrap equals the library on the matrices")
    func statistics() throws {
        let inputs = try Inputs()
        let object = try json(["similarity", "tsrsa", inputs.p("a32.npy"), inputs.p("b.npy"), "--permutations", "49",
                               "--bootstrap", "12", "--ci-method", "bca", "--seed", "4"])
        let a = inputs.a32.map { Double($0) }
        let metric = TSRSAMetric()
        let model = try MatrixReference(parsing: inputs.p("a32.npy")).load().frameCorrelations(metric.options, operand: .first)
        let test = try PermutationTest.tsrsa(model: model, brain: try metric.prepare(inputs.b), scheme: .defaultCircularShift(for: metric, rows: 40),
                                             permutations: 49, seed: 4)
        #expect(object["p_value"] as? Double == test.pValue)
        let ci = try Bootstrap.neuronInterval(preparedA: model, inputs.b, resamples: 12, method: .bca, seed: 4) {
            try metric.prepare($0)
        } score: { try metric.score(prepared: $0, $1) }
        let interval = try #require(object["ci"] as? [String: Any])
        #expect(abs((interval["lower"] as? Double ?? .nan) - ci.lower) < 1e-12)
        #expect(abs((interval["upper"] as? Double ?? .nan) - ci.upper) < 1e-12)
        // The Double matrices give the same interval up to the float32 Gram's rounding.
        let matrices = try Bootstrap.confidenceInterval(metric: metric, a, inputs.b, scheme: .neurons, resamples: 12, method: .bca, seed: 4)
        #expect(abs(matrices.lower - ci.lower) < 1e-6 && abs(matrices.upper - ci.upper) < 1e-6)
    }

    @Test("streamed CKA, TSRSA and RSA permutation tests and frame bootstraps equal the loading path's (reordered prepared forms vs re-prepared rows)",
          arguments: ["cka-linear", "cka-debiased", "tsrsa", "rsa"])
    func frameStatistics(metric: String) throws {
        let inputs = try Inputs()
        let options = ["--permutations", "39", "--bootstrap", "15", "--resample", "frames", "--block-length", "5", "--seed", "6"]
        let streamed = try json(["similarity", metric, inputs.p("a32.npy"), inputs.p("b.npy")] + options)
        let loaded = try json(["similarity", metric, inputs.p("a32T.npy"), inputs.p("b.npy"), "--transpose-a"] + options)
        #expect(streamed["p_value"] as? Double == loaded["p_value"] as? Double, "\(metric)")
        let s = try #require(streamed["ci"] as? [String: Any]), l = try #require(loaded["ci"] as? [String: Any])
        for bound in ["lower", "upper"] {
            #expect(abs((s[bound] as? Double ?? .nan) - (l[bound] as? Double ?? .nan)) < 1e-6, "\(metric) \(bound)")
        }
    }

    @Test("a NaN in the dropped frame 0 of a streamed file is still refused, naming the file, row and column")
    func nanInFrameZero() throws {
        let inputs = try Inputs()
        for metric in ["tsrsa", "cka-linear"] {
            let r = try CLIRunner.run(["similarity", metric, inputs.p("nan0.npy"), inputs.p("b.npy")])
            #expect(r.status != 0 && r.stdout.isEmpty)
            #expect(r.stderr == "cortex: error: \(inputs.p("nan0.npy")): non-finite value at row 0, column 3\n", "\(r.stderr)")
        }
    }
}
