import CortexNWB
import CortexNumerics
import CortexSimilarity
import Foundation
import Testing
@testable import CortexPipeline

/// A response file in memory: two areas of `units` units over `frames` frames, driven by latents.
func plantedResponses(frames: Int = 60, units: Int = 30, seed: UInt64 = 1) -> (ResponseFile, latents: [NDArray<Double>]) {
    var rng = SplittableRandom(seed: seed)
    var areas: [AreaResponses] = []
    var latents: [NDArray<Double>] = []
    for (index, name) in ["VISp", "VISl"].enumerated() {
        let latent = NDArray<Double>.normal(shape: [frames, 4], using: &rng)       // frames × 4
        let weights = NDArray<Double>.normal(shape: [4, units], using: &rng)
        var brain = LinearAlgebra.matmul(latent, weights)                           // frames × units
        brain.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] += 0.3 * rng.standardNormal() } }
        latents.append(latent)
        let ids: [Int64] = (0..<units).map { Int64(index * 1000 + $0) }
        areas.append(AreaResponses(name: name, unitIDs: ids, sessionIndex: Array(repeating: 0, count: units), matrix: brain,
                                   trials: nil))
    }
    let file = ResponseFile(stimulus: "natural_movie_one", repeatCount: 20, frameCount: frames, binsPerFrame: 1,
                            filter: .none, minimumRate: 0.5, smoothing: .none,
                            sources: [.init(path: "synthetic", sha256: "")], areas: areas, producer: "tests")
    return (file, latents)
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ck-pipeline-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("Feature files and comparisons")
struct ComparisonTests {
    @Test("a feature file round-trips layers, depths, unit shapes and values")
    func featureFileRoundTrip() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("f.h5")
        let a = NDArray<Float>(shape: [5, 6], generating: { Float($0) / 7 })
        let b = NDArray<Float>(shape: [5, 2], generating: { -Float($0) })
        try FeatureFile.write(to: url, model: "tiny", layers: [
            (FeatureFile.Layer(name: "sn1", depth: 0, unitShape: [2, 1, 3]), a),
            (FeatureFile.Layer(name: "layer1.0", depth: 1, unitShape: [2]), b),
        ], movie: "movie.npy", movieSHA256: "abc", featureProtocol: "video")
        let file = try FeatureFile(url: url)
        #expect(file.model == "tiny" && file.frameCount == 5 && file.featureProtocol == "video")
        #expect(file.layers == [FeatureFile.Layer(name: "sn1", depth: 0, unitShape: [2, 1, 3]),
                                FeatureFile.Layer(name: "layer1.0", depth: 1, unitShape: [2])])
        #expect(try file.features(of: "sn1") == a.map(Double.init))
        #expect(throws: PipelineError.self) { try file.features(of: "fc") }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(leftovers == ["f.h5"], "no temporary file left behind")
    }

    @Test("scores equal TSRSA computed directly; the planted layer wins its area; mean over areas")
    func plantedStructure() throws {
        let (responses, latents) = plantedResponses()
        var rng = SplittableRandom(seed: 9)
        // Layer "visp-like": a different random mixing of VISp's latent; "noise": unrelated.
        let mixing = NDArray<Double>.normal(shape: [4, 40], using: &rng)
        let vispLike = LinearAlgebra.matmul(latents[0], mixing).map { Float($0) }
        let noise = NDArray<Double>.normal(shape: [60, 40], using: &rng).map { Float($0) }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("model.h5")
        try FeatureFile.write(to: url, model: "m", layers: [
            (.init(name: "noise", depth: 0, unitShape: [40]), noise),
            (.init(name: "visp-like", depth: 1, unitShape: [40]), vispLike),
        ])
        let scores = try Comparison.scores(model: try FeatureFile(url: url), responses: responses, metric: .studyTSRSA)
        #expect(scores.areas == ["VISp", "VISl"])
        let direct = try TSRSA.score(model: vispLike.map(Double.init), brain: responses.areas[0].matrix,
                                     options: TSRSAOptions()).score
        #expect(abs(scores.scores[1][0] - direct) < 1e-12)
        #expect(scores.scores[1][0] > 0.3 && abs(scores.scores[0][0]) < 0.2, "\(scores.scores)")
        #expect(scores.best[0].layer == "visp-like")
        let expectedMean = (scores.best[0].score + scores.best[1].score) / 2
        #expect(abs(scores.meanOverAreas - expectedMean) < 1e-15)
    }

    @Test("features and responses over different frames are refused, naming both")
    func frameMismatch() throws {
        let (responses, _) = plantedResponses(frames: 60)
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("short.h5")
        try FeatureFile.write(to: url, model: "m", layers: [(.init(name: "a", depth: 0, unitShape: [3]),
                                                              NDArray<Float>(shape: [59, 3], repeating: 1))])
        #expect(throws: PipelineError.frameMismatch(features: url.path, frames: 59, responses: "r.h5", responseFrames: 60)) {
            try Comparison.scores(model: try FeatureFile(url: url), responses: responses, responsesName: "r.h5",
                                  metric: .studyTSRSA)
        }
    }

    @Test("TSRSA with a lag range records each area's lag profile; its maximum is the table's score")
    func lagProfiles() throws {
        let (responses, latents) = plantedResponses()
        var rng = SplittableRandom(seed: 4)
        let layer = LinearAlgebra.matmul(latents[0], NDArray<Double>.normal(shape: [4, 30], using: &rng)).map { Float($0) }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("m.h5")
        try FeatureFile.write(to: url, model: "m", layers: [(.init(name: "a", depth: 0, unitShape: [30]), layer)])
        var choice = MetricChoice.studyTSRSA
        choice.lags = 0...3
        let scores = try Comparison.scores(model: try FeatureFile(url: url), responses: responses, metric: choice)
        let profiles = try #require(scores.lagProfiles)
        #expect(profiles.map(\.area) == ["VISp", "VISl"])
        for (a, p) in profiles.enumerated() {
            #expect(p.lags == [0, 1, 2, 3])
            #expect(abs((p.scores.max() ?? .nan) - scores.scores[0][a]) < 1e-12)
        }
        #expect(profiles[0].scores[0] == profiles[0].scores.max(), "no latency planted: lag 0 is best for VISp")
        #expect(try Comparison.scores(model: try FeatureFile(url: url), responses: responses, metric: .studyTSRSA).lagProfiles == nil)
    }
}
