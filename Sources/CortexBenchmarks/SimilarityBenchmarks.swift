import CortexKit
import Foundation

/// `cortex-bench similarity [--quick]`: the similarity cases of BENCHMARKS.md ("Similarity
/// (issue 4)"), on the `.npy` inputs that `scripts/bench/similarity_data.py` writes into
/// `bench-data/` (the numpy peer, `scripts/bench/similarity_peer.py`, reads the same files).
/// `cortex-bench similarity-stream [--quick]` runs only the streaming case, in its own process, so
/// its peak memory can be measured (scripts/bench/similarity_run.py, via wait4).
enum SimilarityBenchmarks {
    struct Case: Codable {
        var name: String
        var bestSeconds: Double
        var medianSeconds: Double
        var repeats: Int
        var score: Double?
        var detail: String?
    }

    static func time(_ repeats: Int, _ body: () throws -> Double) rethrows -> (best: Double, median: Double, value: Double) {
        var times: [Double] = []
        var value = Double.nan
        let clock = ContinuousClock()
        for _ in 0..<repeats {
            var v = 0.0
            let d = try clock.measure { v = try body() }
            value = v
            times.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
        }
        times.sort()
        return (times[0], times[times.count / 2], value)
    }

    static func main(arguments: [String]) throws {
        let quick = arguments.contains("--quick")
        let suffix = quick ? "_quick" : ""
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("bench-data")
        func url(_ name: String) -> URL { folder.appendingPathComponent("\(name)\(suffix).npy") }
        var cases: [Case] = []
        let area = try NPYFile.read(from: url("area_2k"), as: Double.self)

        if arguments.contains("similarity-stream") {
            // Streaming: the 2.9 GB layer is memory-mapped and read block by block.
            let source = try NPYColumnSource<Float>(url: url("layer_800k"))
            let t = try time(1) { try TSRSA.score(modelSource: source, brainSource: area).score }
            cases.append(Case(name: "TSRSA streamed \(source.rowCount)×\(source.columnCount) f32 .npy vs 900×2000",
                              bestSeconds: t.best, medianSeconds: t.median, repeats: 1, score: t.value, detail: nil))
        } else {
            let layer = try NPYFile.read(from: url("layer_200k"), as: Float.self)
            let t1 = try time(3) { try TSRSA.score(model: layer, brain: area).score }
            cases.append(Case(name: "TSRSA 899×\(layer.columns) f32 vs 899×2000", bestSeconds: t1.best,
                              medianSeconds: t1.median, repeats: 3, score: t1.value, detail: nil))

            let t2 = try time(3) { try CKA.score(layer, area, kernel: .linear) }
            cases.append(Case(name: "linear CKA 900×\(layer.columns) f32 vs 900×2000", bestSeconds: t2.best,
                              medianSeconds: t2.median, repeats: 3, score: t2.value, detail: nil))

            let neurons = try NPYFile.read(from: url("neurons_1500"), as: Double.self)
            var ceiling: NoiseCeiling?
            let t3 = try time(3) {
                ceiling = try NoiseCeiling.splitHalfNeurons(neurons, metric: TSRSAMetric(), splits: 100, seed: 1)
                return ceiling!.mean
            }
            cases.append(Case(name: "split-half TSRSA ceiling, 100 splits of 1500 neurons", bestSeconds: t3.best,
                              medianSeconds: t3.median, repeats: 3, score: t3.value,
                              detail: String(format: "%.4f ± %.4f", ceiling!.mean, ceiling!.standardError)))

            let fm = try FrameCorrelations(source: layer, dropsFirstFrame: true)
            let fb = try FrameCorrelations(source: area, dropsFirstFrame: true)
            var pValue = Double.nan
            let t4 = try time(3) {
                let test = try PermutationTest.tsrsa(model: fm, brain: fb, scheme: .circularShift(minimumShift: 30),
                                                     permutations: 10_000, seed: 1)
                pValue = test.pValue
                return test.observed
            }
            cases.append(Case(name: "10,000 circular-shift permutations of one TSRSA (899 frames, prepared)",
                              bestSeconds: t4.best, medianSeconds: t4.median, repeats: 3, score: t4.value,
                              detail: "p = \(pValue)"))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        struct Output: Codable { var tool: String; var blasCore: String; var results: [Case] }
        let data = try encoder.encode(Output(tool: "CortexKit \(CortexKitVersion.string)",
                                             blasCore: BLASRuntime.report.coreInUse, results: cases))
        print(String(decoding: data, as: UTF8.self))
    }

}
