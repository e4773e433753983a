import CortexNWB
import CortexNumerics
import CortexPipeline
import Foundation
import Testing

@Suite("BrainResponses: one loader, frames × units, trials kept through pooling")
struct BrainResponsesTests {
    /// A one-session file: `units` units of VISp (and 1 of VISl in the first), 4 frames, 2 repeats.
    static func file(_ tag: String, units: Int, offset: Int32, withVISl: Bool, trials: Bool = true) -> ResponseFile {
        func area(_ name: String, _ n: Int) -> AreaResponses {
            let t = NDArray<Int32>(shape: [2, n, 4], scalars: (0..<(2 * n * 4)).map { Int32($0) + offset })
            // bins × units: the mean over the two repeats.
            let mean = NDArray<Double>(shape: [4, n], scalars: (0..<(n * 4)).map { i in
                Double(t[[0, i % n, i / n]] + t[[1, i % n, i / n]]) / 2 })
            return AreaResponses(name: name, unitIDs: (0..<n).map { Int64($0) + Int64(offset) },
                                 sessionIndex: Array(repeating: 0, count: n), matrix: mean, trials: trials ? t : nil)
        }
        return ResponseFile(stimulus: "natural_movie_one", repeatCount: 2, frameCount: 4, binsPerFrame: 1, filter: .none,
                            minimumRate: nil, smoothing: .none, sources: [.init(path: tag, sha256: tag)],
                            areas: [area("VISp", units)] + (withVISl ? [area("VISl", 1)] : []), producer: "test")
    }

    @Test("pooling concatenates units per area, offsets session indices and keeps trials")
    func pooling() throws {
        let a = Self.file("a", units: 2, offset: 0, withVISl: true), b = Self.file("b", units: 3, offset: 100, withVISl: false)
        let pooled = try ResponseFile(pooling: [a, b])
        #expect(pooled.sources.map(\.path) == ["a", "b"])
        let visp = try #require(pooled.areas.first { $0.name == "VISp" })
        #expect(visp.unitIDs == [0, 1, 100, 101, 102] && visp.sessionIndex == [0, 0, 1, 1, 1])
        let trials = try #require(visp.trials)
        #expect(trials.shape == [2, 5, 4])
        // Repeat 1, unit 3 (b's unit 1), frame 2 = b's trials[1, 1, 2].
        #expect(trials[[1, 3, 2]] == b.areas[0].trials![[1, 1, 2]])
        #expect(visp.matrix.shape == [4, 5] && visp.matrix[2, 3] == b.areas[0].matrix[2, 1])
        #expect(pooled.areas.first { $0.name == "VISl" }?.trials?.shape == [2, 1, 4])
        // One file without trials: the pooled area has none (never half a trial array).
        let noTrials = try ResponseFile(pooling: [a, Self.file("c", units: 1, offset: 5, withVISl: false, trials: false)])
        #expect(noTrials.areas.first { $0.name == "VISp" }?.trials == nil)
    }

    @Test("units per area and per pooled input reach the provenance (Methods: \"VISp 5 (2 + 3)\")")
    func unitsPerSession() throws {
        let a = Self.file("a", units: 2, offset: 0, withVISl: true), b = Self.file("b", units: 3, offset: 100, withVISl: false)
        let pooled = try BrainResponses(file: try ResponseFile(pooling: [a, b]), areas: nil)
        #expect(pooled.provenance.units == [.init(area: "VISl", units: 1, perSession: [1, 0]),
                                            .init(area: "VISp", units: 5, perSession: [2, 3])]
                || pooled.provenance.units == [.init(area: "VISp", units: 5, perSession: [2, 3]),
                                               .init(area: "VISl", units: 1, perSession: [1, 0])])
        let single = try BrainResponses(file: a, areas: ["VISp"])
        #expect(single.provenance.units == [.init(area: "VISp", units: 2)], "one input: no per-input counts")
    }

    @Test("pooling refuses files preprocessed differently, naming both")
    func mismatch() {
        var b = Self.file("b", units: 1, offset: 0, withVISl: false)
        b.smoothing = .gaussian(sigmaFrames: 2, boundary: .reflect)
        #expect(throws: NWBError.self) { try ResponseFile(pooling: [Self.file("a", units: 1, offset: 0, withVISl: false), b]) }
    }

    @Test("areas are frames × units, in the order asked for; an unknown area lists the known ones")
    func orientation() throws {
        let brain = try BrainResponses(file: Self.file("a", units: 2, offset: 0, withVISl: true), areas: ["VISl", "VISp"])
        #expect(brain.areas.map(\.name) == ["VISl", "VISp"])
        #expect(brain.areas[1].matrix.shape == [4, 2] && brain.areas[1].trials?.shape == [2, 2, 4])
        #expect(brain.areas[1].matrix[1, 0] == 5, "bins × units: (trials[0, 0, 1] + trials[1, 0, 1]) / 2 = (1 + 9) / 2")
        #expect(throws: PipelineError.self) { try BrainResponses(file: Self.file("a", units: 2, offset: 0, withVISl: true), areas: ["VISx"]) }
    }
}

@Suite("ModelScores: the one score table")
struct ModelScoresTests {
    @Test("best layer per area under BestScore: first on ties, none when no finite score; the mean is then undefined")
    func best() {
        let layers = ["a", "b", "c"].enumerated().map { FeatureFile.Layer(name: $1, depth: $0, unitShape: [1]) }
        let scores = ModelScores(model: "m", source: "s", layers: layers, areas: ["VISp", "VISl"],
                                 scores: [[.nan, .nan], [0.3, .nan], [0.3, .nan]])
        #expect(scores.best.map(\.layer) == ["b", nil] && scores.best.map(\.layerIndex) == [1, nil])
        #expect(scores.best[1].score.isNaN && scores.meanOverAreas.isNaN)
        let result = CompareResult.Model(scores: scores, sources: [])
        #expect(result.best.map(\.layer) == ["b", nil] && result.meanOverAreas == nil)
    }
}
