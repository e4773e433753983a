import CortexEngine
import CortexIO
import CortexModels
import CortexNumerics
import CortexSimilarity
import Foundation
import Testing
@testable import CortexPipeline

/// A committed demo checkpoint and a short clip of the demo movie, for the streamed path.
enum StreamingFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func network(_ name: String) throws -> SpikingResNet {
        let file = try SafetensorsFile(contentsOf: root.appendingPathComponent("datasets/checkpoints/\(name)/model.safetensors"))
        var rng = SplittableRandom(seed: 0)
        var model = SpikingResNet(configuration: try #require(ModelConfiguration(metadata: file.metadata)), rng: &rng)
        try model.load(stateDict: file)
        return model
    }

    /// The first `frames` frames of the demo movie, as a .npy in `dir`.
    static func clip(frames: Int, in dir: URL) throws -> URL {
        let movie = try NPYFile.read(from: root.appendingPathComponent("datasets/demo-movie.npy"))
        let pixels = try #require(movie.array(of: UInt8.self))
        let per = pixels.shape[1] * pixels.shape[2]
        let url = dir.appendingPathComponent("clip.npy")
        try NPYFile.write(NDArray(shape: [frames, pixels.shape[1], pixels.shape[2]], scalars: Array(pixels.scalars[0..<(frames * per)])),
                          to: url)
        return url
    }
}

@Suite("Scoring a network straight from a movie")
struct StreamedComparisonTests {
    static let frames = 40

    /// Scores via a feature file and straight from the network, for one metric.
    func bothPaths(_ checkpoint: String, protocol featureProtocol: FeatureProtocol, metric: MetricChoice,
                   layers: [String]? = nil) throws -> (file: ModelScores, streamed: StreamedComparison) {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let movie = try MovieInput(contentsOf: try StreamingFixtures.clip(frames: Self.frames, in: dir))
        let (responses, _) = plantedResponses(frames: Self.frames)
        var network = try StreamingFixtures.network(checkpoint)
        let extraction = FeatureExtraction(featureProtocol: featureProtocol, steps: 3, layers: layers ?? network.defaultFeatureLayers,
                                           chunkFrames: 7)
        let url = dir.appendingPathComponent("features.h5")
        try FeatureFile.extract(network: &network, model: checkpoint, movie: movie, extraction: extraction, to: url)
        let file = try Comparison.scores(model: try FeatureFile(url: url), responses: responses, metric: metric)
        var fresh = try StreamingFixtures.network(checkpoint)
        let streamed = try Comparison.scores(network: &fresh, model: checkpoint, source: "checkpoint", movie: movie,
                                             extraction: extraction, responses: responses, metric: metric.metric())
        return (file, streamed)
    }

    static func maxDifference(_ a: [[Double]], _ b: [[Double]]) -> Double {
        var worst = 0.0
        for (ra, rb) in zip(a, b) {
            for (x, y) in zip(ra, rb) { worst = max(worst, x.isNaN && y.isNaN ? 0 : abs(x - y).isNaN ? .infinity : abs(x - y)) }
        }
        return worst
    }

    static var metrics: [MetricChoice] {
        var tsrsa = MetricChoice(.tsrsa)
        tsrsa.zeroVariance = .propagate
        tsrsa.lags = 0...2
        var rsa = MetricChoice(.rsa)
        rsa.distance = .euclidean
        return [tsrsa, MetricChoice(.ckaLinear), MetricChoice(.ckaRBF), MetricChoice(.ckaDebiased), rsa, MetricChoice(.procrustes)]
    }

    @Test("streamed scores equal feature file + compare (video protocol, every Gram metric and a fallback)",
          arguments: metrics)
    func equalsFeatureFileVideo(_ metric: MetricChoice) throws {
        let (file, streamed) = try bothPaths("sew-resnet18-w8-video", protocol: .video, metric: metric,
                                             layers: metric.kind == .tsrsa ? nil : ["sn1", "maxpool", "layer1.0", "layer2.1", "avgpool"])
        #expect(streamed.scores.layers == file.layers && streamed.scores.areas == file.areas)
        #expect(file.scores.joined().contains { $0.isFinite })
        #expect(Self.maxDifference(file.scores, streamed.scores.scores) <= 1e-9, "\(metric)")
        #expect(streamed.scores.lagProfiles == file.lagProfiles)
        #expect(streamed.forwardSeconds > 0 && streamed.similaritySeconds > 0)
    }

    @Test("streamed scores equal feature file + compare under the image protocol (k/T means), recurrent network")
    func equalsFeatureFileImage() throws {
        var tsrsa = MetricChoice(.tsrsa)
        tsrsa.zeroVariance = .propagate
        let (file, streamed) = try bothPaths("lorafb-snet18-w8-image", protocol: .image, metric: tsrsa)
        #expect(file.scores.joined().contains { $0.isFinite })
        #expect(Self.maxDifference(file.scores, streamed.scores.scores) <= 1e-9)
        // Means of T = 3 steps: 4 distinct values per spike unit at most → ≤ 4 bits; avgpool falls back.
        let sn1 = try streamed.layers.matrix(of: "sn1")
        #expect(sn1.bitsPerEntry <= 4)
        let decoded = sn1.decoded(as: Float.self)
        #expect(decoded.scalars.allSatisfy { v in (0...3).contains { Float($0) * (1 / Float(3)) == v } })
    }

    @Test("the streamed comparison carries the same firing rates, SOPs and energy as cortex features' file")
    func energyEqualsFeatureFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let movie = try MovieInput(contentsOf: try StreamingFixtures.clip(frames: Self.frames, in: dir))
        let (responses, _) = plantedResponses(frames: Self.frames)
        var network = try StreamingFixtures.network("lorafb-snet18-w8-video")
        let extraction = FeatureExtraction(featureProtocol: .video, layers: network.defaultFeatureLayers, chunkFrames: 7)
        var monitor = MonitorPair(FiringRateMonitor(), SynapticOperationMonitor())
        let order = network.configuration.monitorPaths
        let url = dir.appendingPathComponent("features.h5")
        try FeatureFile.extract(network: &network, model: "lorafb", movie: movie, extraction: extraction, to: url,
                                movieSHA256: "", monitor: &monitor,
                                energy: { ModelEnergy(rates: $0.first, operations: $0.second, frames: Self.frames, order: order) })
        let stored = try #require(try FeatureFile(url: url).energy)
        var fresh = try StreamingFixtures.network("lorafb-snet18-w8-video")
        let streamed = try Comparison.scores(network: &fresh, model: "lorafb", source: "checkpoint", movie: movie,
                                             extraction: extraction, responses: responses, metric: MetricChoice(.ckaLinear).metric())
        let energy = try #require(streamed.scores.energy)
        #expect(energy.synapticOperationsPerFrame > 0)
        #expect(energy.synapticLayers == stored.synapticLayers)
        #expect(energy.firingRates.map(\.layer) == stored.firingRates.map(\.layer))
        for (a, b) in zip(energy.firingRates, stored.firingRates) { #expect(abs(a.firingRate - b.firingRate) <= 1e-12) }
        #expect(energy.energyPicojoulesPerFrame == stored.energyPicojoulesPerFrame)
    }

    @Test("kept outputs are a fraction of Float32: spikes take 1 bit per unit")
    func compactness() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let movie = try MovieInput(contentsOf: try StreamingFixtures.clip(frames: Self.frames, in: dir))
        var network = try StreamingFixtures.network("sew-resnet18-w8-video")
        let layers = try StreamedLayers(network: &network, model: "m", source: "s", movie: movie,
                                        extraction: FeatureExtraction(featureProtocol: .video, layers: ["sn1", "maxpool", "layer1.0"]))
        #expect(layers.layers.map(\.name) == ["sn1", "maxpool", "layer1.0"])
        #expect(try layers.matrix(of: "sn1").storage == .codes(bitsPerEntry: 1, distinctValues: 2))
        let float32 = layers.layers.reduce(0) { $0 + Self.frames * $1.unitShape.reduce(1, *) * 4 }
        #expect(layers.keptBytes * 8 < float32, "kept \(layers.keptBytes) of \(float32) bytes")
    }

    @Test("bad inputs throw typed errors: frame mismatch, movie shape, unknown layer, memory budget")
    func badInputs() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = try StreamingFixtures.clip(frames: Self.frames, in: dir)
        let movie = try MovieInput(contentsOf: clip)
        var network = try StreamingFixtures.network("sew-resnet18-w8-video")
        let all = FeatureExtraction(featureProtocol: .video, layers: network.defaultFeatureLayers)
        let (responses, _) = plantedResponses(frames: Self.frames + 1)
        #expect(throws: PipelineError.frameMismatch(features: clip.path, frames: Self.frames, responses: "responses",
                                                    responseFrames: Self.frames + 1)) {
            try Comparison.scores(network: &network, model: "m", source: "s", movie: movie, extraction: all,
                                  responses: responses, metric: TSRSAMetric())
        }
        let (matching, _) = plantedResponses(frames: Self.frames)
        do {
            _ = try Comparison.scores(network: &network, model: "m", source: "s", movie: movie,
                                      extraction: FeatureExtraction(featureProtocol: .video, layers: ["layer9.0"]),
                                      responses: matching, metric: TSRSAMetric())
            Issue.record("unknown layer accepted")
        } catch let PipelineError.unknownName(kind, name, _, available) {
            #expect(kind == "layer" && name == "layer9.0" && available.contains("layer4.1"))
        }
        // Under the lower bound (1 bit per unit): refused before the network runs.
        do {
            _ = try Comparison.scores(network: &network, model: "m", source: "s", movie: movie, extraction: all,
                                      responses: matching, metric: TSRSAMetric(), budget: MemoryBudget(bytes: 1 << 20))
            Issue.record("budget not enforced")
        } catch let PipelineError.memoryBudgetExceeded(needed, budget, detail) {
            #expect(needed > budget && budget == 1 << 20 && detail.contains("1 bit or more"))
            #expect("\(PipelineError.memoryBudgetExceeded(needed: needed, budget: budget, detail: detail))".contains("1.0 MB"))
        }
        // Above the lower bound but under the encodings in use: refused after the first chunk.
        let reserve = Comparison.workingBytes(frames: Self.frames, areas: 2, widestLayer: 8192, holdsLayer: false)
        do {
            _ = try StreamedLayers(network: &network, model: "m", source: "s", movie: movie,
                                   extraction: FeatureExtraction(featureProtocol: .video, layers: ["sn1", "avgpool"], chunkFrames: 7),
                                   budget: MemoryBudget(bytes: reserve + Self.frames * 8192 / 8 + Self.frames * 128 / 8 + 200),
                                   reservedBytes: reserve)
            Issue.record("budget not enforced after the first chunk")
        } catch let PipelineError.memoryBudgetExceeded(_, _, detail) {
            #expect(detail.contains("after 7 frames") && detail.contains("sn1 1 bit"), "\(detail)")
        }
        // Frames of the wrong size for as-is input; a wrong dtype.
        let floats = dir.appendingPathComponent("floats.npy")
        try NPYFile.write(NDArray<Float>(shape: [Self.frames, 1, 32, 32], repeating: 0), to: floats)
        let asIs = try MovieInput(contentsOf: floats, asIs: true)
        #expect(throws: PipelineError.self) { try asIs.input(for: network.configuration) }
        #expect(throws: PipelineError.badMovie(file: floats.path, dtype: "float32", shape: [Self.frames, 1, 32, 32],
                                               expected: "uint8 frames × H × W with every dimension positive")) {
            try MovieInput(contentsOf: floats)
        }
    }

    @Test("cortex features' streaming writer: same values as the in-memory extraction, atomic, format unchanged")
    func streamingWriter() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let movie = try MovieInput(contentsOf: try StreamingFixtures.clip(frames: Self.frames, in: dir))
        var network = try StreamingFixtures.network("lorafb-snet18-w8-video")
        let extraction = FeatureExtraction(featureProtocol: .video, layers: network.defaultFeatureLayers, chunkFrames: 6)
        let url = dir.appendingPathComponent("f.h5")
        let written = try FeatureFile.extract(network: &network, model: "lorafb", movie: movie, extraction: extraction, to: url,
                                              movieSHA256: "abc")
        var again = try StreamingFixtures.network("lorafb-snet18-w8-video")
        var reference: [String: [Float]] = [:]
        try extraction.run(model: &again, frameCount: Self.frames, frames: try movie.input(for: again.configuration)) { name, _, _, values in
            reference[name, default: []] += values
        }
        let file = try FeatureFile(url: url)
        #expect(file.layers == written && file.frameCount == Self.frames && file.featureProtocol == "video")
        #expect(file.movie == "clip.npy" && file.movieSHA256 == "abc")
        for layer in written {
            #expect(try file.features(of: layer.name).scalars == reference[layer.name]!.map(Double.init), "\(layer.name)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["clip.npy", "f.h5"])
        // A failing producer leaves nothing behind.
        struct Stop: Error {}
        let failed = dir.appendingPathComponent("failed.h5")
        #expect(throws: Stop.self) {
            try FeatureFile.write(to: failed, model: "m", layers: written, frameCount: Self.frames) { _ in throw Stop() }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["clip.npy", "f.h5"])
    }
}

@Suite("Memory budgets")
struct MemoryBudgetTests {
    @Test("sizes parse with binary suffixes and print in binary units")
    func parsing() {
        #expect(MemoryBudget(parsing: "1G")?.bytes == 1 << 30)
        #expect(MemoryBudget(parsing: "1.5GiB")?.bytes == 3 << 29)
        #expect(MemoryBudget(parsing: "512m")?.bytes == 512 << 20)
        #expect(MemoryBudget(parsing: "64KB")?.bytes == 64 << 10)
        #expect(MemoryBudget(parsing: "1000")?.bytes == 1000)
        #expect(MemoryBudget(parsing: "lots") == nil && MemoryBudget(parsing: "-1G") == nil && MemoryBudget(parsing: "") == nil)
        #expect(MemoryBudget.format(579 << 20) == "579 MB" && MemoryBudget.format(3 << 29) == "1.5 GB")
        #expect(MemoryBudget.format(999) == "999 B")
    }
}
