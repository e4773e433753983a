import CortexEngine
import CortexIO
import CortexModels
import CortexNumerics
import CortexSimilarity
import Foundation
import Testing
@testable import CortexPipeline

@Suite("Temporal interventions")
struct InterventionTests {
    // MARK: spellings and draws

    @Test("spellings round-trip; bad ones are refused naming the syntax")
    func spellings() throws {
        for text in ["shuffle:8", "replace-noise:2", "front:300", "clips:100x5"] {
            #expect(try Intervention(parsing: text).description == text)
        }
        #expect(try Intervention(parsing: "clips:10X3") == .clips(length: 10, count: 3))
        for bad in ["shuffle", "shuffle:1", "shuffle:-2", "front:2", "clips:10", "clips:2x3", "clips:10x0", "rotate:3", "front:٣"] {
            #expect(throws: InterventionError.unreadable(bad)) { try Intervention(parsing: bad) }
        }
        let data = try JSONEncoder().encode([Intervention.shuffle(window: 4)])
        #expect(String(decoding: data, as: UTF8.self) == #"["shuffle:4"]"#)
        #expect(try JSONDecoder().decode([Intervention].self, from: data) == [.shuffle(window: 4)])
    }

    @Test("interventions that do not fit the movie are refused before anything runs")
    func fits() throws {
        #expect(throws: InterventionError.self) { try Intervention.front(frames: 41).check(frames: 40, dropsFirstFrame: true) }
        #expect(throws: InterventionError.self) { try Intervention.shuffle(window: 41).check(frames: 40, dropsFirstFrame: true) }
        // 39 frames scored after frame 0: one clip of 39 fits, two distinct ones do not.
        try Intervention.clips(length: 39, count: 1).check(frames: 40, dropsFirstFrame: true)
        #expect(throws: InterventionError.self) { try Intervention.clips(length: 39, count: 2).check(frames: 40, dropsFirstFrame: true) }
        try Intervention.clips(length: 39, count: 2).check(frames: 40, dropsFirstFrame: false)
    }

    @Test("a window shuffle is a permutation that keeps every frame in its window (short last window too)",
          arguments: [(10, 3), (9, 3), (7, 7), (5, 2)])
    func shuffleOrder(frames: Int, window: Int) {
        var rng = SplittableRandom(seed: 11)
        for _ in 0..<20 {
            let order = InterventionDraw.shuffleOrder(frames: frames, window: window, using: &rng)
            #expect(order.sorted() == Array(0..<frames))
            #expect(order.enumerated().allSatisfy { $0.offset / window == $0.element / window })
        }
    }

    @Test("one replaced frame per window, inside it (the last clipped to the last frame, as the study)")
    func replacedPositions() {
        var rng = SplittableRandom(seed: 3)
        var seen = Set<Int>()
        for _ in 0..<200 {
            let p = InterventionDraw.replacedPositions(frames: 10, window: 4, using: &rng)
            #expect(p.count == 3)
            #expect(p[0] / 4 == 0 && p[1] / 4 == 1 && (8...9).contains(p[2]))
            seen.formUnion(p)
        }
        #expect(seen == Set(0..<10))
    }

    @Test("clip starts are distinct and every clip lies inside the scored frames")
    func clipStarts() {
        var rng = SplittableRandom(seed: 5)
        for _ in 0..<50 {
            let s = InterventionDraw.clipStarts(available: 20, length: 6, count: 15, using: &rng)
            #expect(Set(s).count == 15 && s.allSatisfy { (0...14).contains($0) })
        }
    }

    @Test("repeat streams depend on seed, intervention and repeat, and are reproducible")
    func seeds() {
        let a = InterventionSeed.seed(0, intervention: .shuffle(window: 8), repeat: 0)
        #expect(a == InterventionSeed.seed(0, intervention: .shuffle(window: 8), repeat: 0))
        #expect(a != InterventionSeed.seed(0, intervention: .shuffle(window: 8), repeat: 1))
        #expect(a != InterventionSeed.seed(1, intervention: .shuffle(window: 8), repeat: 0))
        #expect(a != InterventionSeed.seed(0, intervention: .shuffle(window: 9), repeat: 0))
    }

    @Test("noise replaces exactly the drawn frames; reordering and prefixes move whole frames")
    func movieAlterations() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let movie = try MovieInput(contentsOf: try StreamingFixtures.clip(frames: 12, in: dir))
        guard case .uint8(let original) = movie.pixels else { Issue.record("not uint8"); return }
        let size = original.shape[1] * original.shape[2]
        func frame(_ p: NDArray<UInt8>, _ f: Int) -> ArraySlice<UInt8> { p.scalars[(f * size)..<((f + 1) * size)] }
        var rng = SplittableRandom(seed: 2)
        guard case .uint8(let noisy) = movie.replacingWithNoise([1, 7], using: &rng).pixels else { return }
        for f in 0..<12 { #expect((frame(noisy, f) == frame(original, f)) == ![1, 7].contains(f)) }
        guard case .uint8(let shuffled) = movie.reordered([2, 0, 1]).pixels else { return }
        #expect(shuffled.shape == [3] + Array(original.shape.dropFirst()))
        #expect(frame(shuffled, 0) == frame(original, 2) && frame(shuffled, 1) == frame(original, 0))
        #expect(movie.prefix(5).frameCount == 5)
    }

    // MARK: on a network

    static let frames = 40

    /// Unaltered scores and the interventions of the committed `checkpoint` on 40 frames of the
    /// demo movie against planted responses.
    func run(_ checkpoint: String, _ options: InterventionOptions, metric: MetricChoice = .studyTSRSA,
             protocol featureProtocol: FeatureProtocol = .video, seed: UInt64 = 0) throws
        -> (unaltered: CompareResult.Model, results: [InterventionResult]) {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let movie = try MovieInput(contentsOf: try StreamingFixtures.clip(frames: Self.frames, in: dir))
        let brain = try BrainResponses(file: plantedResponses(frames: Self.frames).0, areas: nil)
        var network = try StreamingFixtures.network(checkpoint)
        let extraction = FeatureExtraction(featureProtocol: featureProtocol, steps: 2,
                                           layers: ["sn1", "maxpool", network.configuration.blockPath(stage: 0, block: 1), "avgpool"])
        let plan = ComparisonPlan(metric: metric.entry, statistics: StatisticsOptions(seed: seed))
        let layers = try plan.streamedLayers(network: &network, name: checkpoint, source: checkpoint, movie: movie,
                                             extraction: extraction, against: brain)
        let unaltered = try plan.scores(layers: layers, sources: [], against: brain)
        let results = try plan.interventions(options, network: &network, unaltered: unaltered, layers: layers, movie: movie,
                                             extraction: extraction, against: brain)
        return (unaltered, results)
    }

    static func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-9) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= tolerance
    }

    @Test("front:N over the whole movie re-runs from reset and reproduces the unaltered scores (drop 0)",
          arguments: [InterventionOptions.Layers.all, .best])
    func frontWholeMovie(_ layers: InterventionOptions.Layers) throws {
        let (unaltered, results) = try run("lorafb-snet18-w8-video", InterventionOptions(interventions: [.front(frames: Self.frames)],
                                                                                        layers: layers))
        let r = try #require(results.first)
        for (a, best) in zip(r.areas, unaltered.best) {
            #expect(a.layer == best.layer && Self.close(a.intervened, best.score) && Self.close(a.drop, 0))
        }
        #expect(Self.close(r.meanOverAreas.intervened, unaltered.meanOverAreas))
    }

    @Test("one clip over every scored frame equals the unaltered score (frame 0 dropped before clips, as the study)")
    func oneFullClip() throws {
        let (unaltered, results) = try run("sew-resnet18-w8-video",
                                           InterventionOptions(interventions: [.clips(length: Self.frames - 1, count: 1)], repeats: 2))
        let r = try #require(results.first)
        for (a, best) in zip(r.areas, unaltered.best) {
            #expect(Self.close(a.intervened, best.score))
            #expect(a.repeatScores.count == 2)
        }
    }

    @Test("a memoryless model (image protocol) loses nothing to a window shuffle when every frame is kept (average ties)")
    func memorylessShuffle() throws {
        var metric = MetricChoice(.tsrsa)
        metric.dropFirstFrame = false
        metric.ties = .average
        let (unaltered, results) = try run("sew-resnet18-w8-image", InterventionOptions(interventions: [.shuffle(window: 8)], repeats: 2),
                                           metric: metric, protocol: .image)
        for (a, best) in zip(try #require(results.first).areas, unaltered.best) { #expect(Self.close(a.intervened, best.score, 1e-9)) }
    }

    @Test("shuffling and noise change a recurrent network's scores; the same seed gives the same numbers, another seed others")
    func recurrentDrops() throws {
        let options = InterventionOptions(interventions: [.shuffle(window: 8), .replaceNoise(window: 5)], repeats: 2, layers: .best)
        let (unaltered, first) = try run("lorafb-snet18-w8-video", options)
        let (_, again) = try run("lorafb-snet18-w8-video", options)
        let (_, other) = try run("lorafb-snet18-w8-video", options, seed: 9)
        #expect(first == again)
        #expect(first != other)
        for r in first {
            #expect(r.areas.map(\.layer) == unaltered.best.map(\.layer))
            #expect(r.areas.allSatisfy { $0.repeatScores.count == 2 && !Self.close($0.drop, 0, 1e-6) })
            #expect(Self.close(r.meanOverAreas.unaltered, unaltered.meanOverAreas))
        }
        // Results keep the interventions through result.json.
        var model = unaltered
        model.interventions = first
        let result = CompareResult(metric: MetricChoice.studyTSRSA.entry,
                                   responses: .init(sources: [], stimulus: "s", frames: Self.frames, repeats: 1),
                                   models: [model], cortexKitVersion: "test", command: [])
        let decoded = try JSONDecoder().decode(CompareResult.self, from: try result.jsonData())
        #expect(decoded.models[0].interventions == first)
        let json = String(decoding: try result.jsonData(), as: UTF8.self)
        #expect(json.contains(#""intervention" : "shuffle:8""#) && json.contains(#""relative_drop""#))
        let text = String(describing: ComparisonReport.document(result).blocks)
        #expect(text.contains("Temporal interventions"))
    }

    // MARK: specs

    static func spec(_ extra: String) throws -> BatchSpec {
        try BatchSpec(yaml: """
            sessions: [s.nwb]
            models:
              - name: net
                checkpoint: c.safetensors
                movie: m.npy
            \(extra)
            """, file: "spec.yaml", directory: URL(fileURLWithPath: "/tmp"))
    }

    @Test("spec keys: intervention (one or a list), intervention-repeats, intervention-layers")
    func specKeys() throws {
        #expect(try Self.spec("").interventions == nil)
        let one = try Self.spec("intervention: shuffle:8")
        #expect(one.interventions == InterventionOptions(interventions: [.shuffle(window: 8)]))
        let many = try Self.spec("intervention: [front:30, clips:10x4]\nintervention-repeats: 3\nintervention-layers: best")
        #expect(many.interventions == InterventionOptions(interventions: [.front(frames: 30), .clips(length: 10, count: 4)],
                                                          repeats: 3, layers: .best))
    }

    @Test("bad intervention keys name the key and the problem", arguments: [
        ("intervention: shuffle:1", "intervention"), ("intervention-repeats: 2", "intervention-repeats"),
        ("intervention: shuffle:8\nintervention-repeats: 0", "intervention-repeats"),
        ("intervention: shuffle:8\nintervention-layers: some", "intervention-layers"),
    ])
    func badSpecKeys(_ text: String, key: String) throws {
        do {
            _ = try Self.spec(text)
            Issue.record("accepted \(text)")
        } catch let PipelineError.invalidSpec(_, _, found, _) {
            #expect(found == key)
        }
    }

    @Test("a spec with interventions but no checkpoint model is refused")
    func noCheckpoint() throws {
        #expect(throws: PipelineError.self) {
            try BatchSpec(yaml: "sessions: [s.nwb]\nmodels:\n  - name: f\n    features: f.h5\nintervention: shuffle:8",
                          file: "spec.yaml", directory: URL(fileURLWithPath: "/tmp"))
        }
    }
}
