import CortexKit
import Foundation
import Testing

/// `cortex compare` end to end: responses from the pynwb fixture session, model features written
/// with planted structure, results checked against the library's TSRSA on the same matrices.
@Suite("cortex compare")
struct CompareCommandTests {
    static let session = NWBCommandTests.sessionA

    /// Builds a response file (all areas, every unit) and two feature files: "copycat" whose layer
    /// "mix" is a random mixing of VISp's responses, and "noise".
    static func inputs(in dir: URL) throws -> (responses: URL, copycat: URL, noise: URL) {
        let responses = dir.appendingPathComponent("r.h5")
        let r = try CLIRunner.run(["responses", session, "--areas", "VISp,VISl,VISam", "--min-rate", "0", "-o", responses.path])
        guard r.status == 0 else { throw CLIError(message: r.stderr) }
        let file = try ResponseFile.read(from: responses)
        let visp = file.areas[0].matrix                 // frames × units
        var rng = SplittableRandom(seed: 3)
        let mixing = NDArray<Double>.normal(shape: [visp.columns, 25], using: &rng)
        let mix = LinearAlgebra.matmul(visp, mixing).map { Float($0) }
        let noise = NDArray<Double>.normal(shape: [visp.rows, 25], using: &rng).map { Float($0) }
        let copycat = dir.appendingPathComponent("copycat.h5"), noisy = dir.appendingPathComponent("noise.h5")
        try FeatureFile.write(to: copycat, model: "copycat", layers: [
            (.init(name: "sn1", depth: 0, unitShape: [25]), noise), (.init(name: "mix", depth: 1, unitShape: [25]), mix)],
            energy: Self.energy(sops: 4.5e4, rates: [("sn1", 0.1), ("mix", 0.3)]))
        try FeatureFile.write(to: noisy, model: "noise", layers: [(.init(name: "sn1", depth: 0, unitShape: [25]), noise)],
                              energy: Self.energy(sops: 2e6, rates: [("sn1", 0.4)]))
        return (responses, copycat, noisy)
    }

    /// Hand-made energy records: a 1 000-MAC analog stem and one spiking layer with `sops` per frame.
    static func energy(sops: Double, rates: [(String, Double)]) -> ModelEnergy {
        ModelEnergy(firingRates: rates.map { ModelEnergy.LayerRate(layer: $0.0, firingRate: $0.1) },
                    synapticLayers: [.init(layer: "conv1", input: .analog, synapticOperationsPerFrame: 0, denseMACsPerFrame: 1000),
                                     .init(layer: "fc", input: .spikes, synapticOperationsPerFrame: sops, denseMACsPerFrame: 4e6)])
    }

    struct CLIError: Error { var message: String }

    func temporary() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("two models side by side: JSON table equals library TSRSA, best layer, mean over areas, report files")
    func sideBySide() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (responses, copycat, noise) = try Self.inputs(in: dir)
        let report = dir.appendingPathComponent("report")
        let out = dir.appendingPathComponent("result.json")
        let r = try CLIRunner.run(["compare", "--responses", responses.path, "--features", copycat.path,
                                   "--features", noise.path, "-o", out.path, "--report", report.path, "--json", "--zero-variance", "drop-frame"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any])
        #expect(json["format"] as? String == "cortexkit-comparison/1")
        let models = try #require(json["models"] as? [[String: Any]])
        #expect(models.map { $0["model"] as? String } == ["copycat", "noise"])
        let scores = try #require(models[0]["scores"] as? [[Double]])
        let file = try ResponseFile.read(from: responses)
        // Features are stored as float32 and TSRSA streams them as float32 blocks (accumulated in
        // double): the reference is TSRSA on the same float32 matrix.
        let mix = try HDF5File.open(copycat).dataset("mix/features").read(as: Float.self)
        let direct = try TSRSA.score(model: mix, brain: file.areas[0].matrix, options: TSRSAOptions(zeroVariance: .dropFrame)).score
        #expect(abs(scores[1][0] - direct) < 1e-12)
        let best = try #require(models[0]["best"] as? [[String: Any]])
        #expect(best[0]["layer"] as? String == "mix")
        let bestScores = best.compactMap { $0["score"] as? Double }
        #expect(abs((models[0]["mean_over_areas"] as? Double ?? .nan) - bestScores.reduce(0, +) / Double(bestScores.count)) < 1e-12)
        #expect(try Data(contentsOf: out) == Data(r.stdout.utf8.dropLast()), "--json prints what -o writes")
        let html = try String(contentsOf: report.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("copycat: layers × areas") && html.contains("<svg") && !html.contains("<script"))
        #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("report.md").path))
    }

    @Test("--nwb builds the responses on the fly; the table equals the --responses run with the same defaults")
    func straightFromNWB() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let features = dir.appendingPathComponent("f.h5")
        var rng = SplittableRandom(seed: 5)
        try FeatureFile.write(to: features, model: "m", layers: [
            (.init(name: "a", depth: 0, unitShape: [12]), NDArray<Double>.normal(shape: [60, 12], using: &rng).map { Float($0) })])
        let viaNWB = try CLIRunner.run(["compare", "--nwb", Self.session, "--features", features.path, "--json", "--zero-variance", "drop-frame"])
        #expect(viaNWB.status == 0, "\(viaNWB.stderr)")
        let responses = dir.appendingPathComponent("r.h5")
        #expect(try CLIRunner.run(["responses", Self.session, "-o", responses.path]).status == 0)
        let viaFile = try CLIRunner.run(["compare", "--responses", responses.path, "--features", features.path, "--json", "--zero-variance", "drop-frame"])
        func table(_ s: String) throws -> [[Double]] {
            let j = try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any]
            return ((j?["models"] as? [[String: Any]])?.first?["scores"] as? [[Double]]) ?? []
        }
        #expect(try !table(viaNWB.stdout).isEmpty)
        #expect(try table(viaNWB.stdout) == table(viaFile.stdout))
    }

    @Test("bad inputs: one error line, non-zero exit")
    func badInputs() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (responses, copycat, _) = try Self.inputs(in: dir)
        let short = dir.appendingPathComponent("short.h5")
        try FeatureFile.write(to: short, model: "m", layers: [(.init(name: "a", depth: 0, unitShape: [2]),
                                                                NDArray<Float>(shape: [10, 2], repeating: 1))])
        let cases: [([String], Int32, String)] = [
            (["compare", "--responses", responses.path, "--features", short.path], 1, "has 10 frames but"),
            (["compare", "--features", short.path], 64, "give either --responses or --nwb"),
            (["compare", "--responses", responses.path], 64, "give at least one --features file"),
            (["compare", "--responses", responses.path, "--features", responses.path], 1, "not a CortexKit feature file"),
            (["compare", "--responses", responses.path, "--features", short.path, "--lags", "3...x"], 64, "--lags"),
            // the memory a comparison needs is checked before any layer is read
            (["compare", "--responses", responses.path, "--features", copycat.path, "--metric", "cka-linear",
              "--memory-budget", "1K"], 1, "over the memory budget of 1.0 KB"),
        ]
        for (args, status, needle) in cases {
            let r = try CLIRunner.run(args)
            #expect(r.status == status, "\(args): \(r.stderr)")
            let lines = r.stderr.split(separator: "\n").filter { $0.hasPrefix("cortex: error:") }
            #expect(lines.count == 1 && lines[0].contains(needle), "\(args): \(r.stderr)")
        }
    }
}
