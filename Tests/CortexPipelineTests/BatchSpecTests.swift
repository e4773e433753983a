import Foundation
import Testing
import CortexSimilarity
@testable import CortexPipeline

@Suite("Batch specs")
struct BatchSpecTests {
    let dir = URL(fileURLWithPath: "/data/study")

    func parse(_ yaml: String) throws -> BatchSpec { try BatchSpec(yaml: yaml, file: "spec.yaml", directory: dir) }

    @Test("a full spec parses, paths resolve against the spec's folder, metrics carry their options")
    func fullSpec() throws {
        let spec = try parse("""
            title: FF vs recurrent
            sessions: [a.nwb, /abs/b.nwb]
            areas: [VISp, VISl]
            models:
              - name: sew
                features: f/sew.h5
            metrics:
              - kind: tsrsa
                ties: average
                lags: -1...2
                zero-variance: drop-frame
              - kind: cka-rbf
                rbf-threshold: 0.5
            seed: 11
            """)
        #expect(spec.title == "FF vs recurrent" && spec.seed == 11 && spec.areas == ["VISp", "VISl"])
        #expect(spec.resolve("a.nwb").path == "/data/study/a.nwb" && spec.resolve("/abs/b.nwb").path == "/abs/b.nwb")
        #expect(spec.metrics[0].kind == .tsrsa && spec.metrics[0].ties == .average && spec.metrics[0].lags == -1...2)
        #expect(spec.metrics[0].zeroVariance == .dropFrame)
        #expect(spec.metrics[1].kind == .ckaRBF && spec.metrics[1].rbfThreshold == 0.5)
    }

    @Test("a checkpoint model: checkpoint, movie, protocol, T, layers and registry name; its inputs are checked")
    func checkpointModel() throws {
        let spec = try parse("""
            responses: [r.h5]
            models:
              - name: lorafb
                checkpoint: ck/lorafb.safetensors
                movie: movie.npy
                protocol: image
                T: 3
                layers: [sn1, maxpool]
                model: lorafb-snet18-w8
              - name: sew
                checkpoint: ck/sew.safetensors
                movie: movie.npy
            """)
        let run = BatchModel.CheckpointRun(checkpoint: "ck/lorafb.safetensors", movie: "movie.npy", featureProtocol: .image,
                                           steps: 3, layers: ["sn1", "maxpool"], registryName: "lorafb-snet18-w8")
        #expect(spec.models[0] == BatchModel(name: "lorafb", source: .checkpoint(run)))
        #expect(spec.models[1].source == .checkpoint(.init(checkpoint: "ck/sew.safetensors", movie: "movie.npy")))
        #expect(spec.models[1].inputs == ["ck/sew.safetensors", "movie.npy"] && spec.models[1].sourcePath == "ck/sew.safetensors")
        #expect(throws: PipelineError.self) { try spec.checkInputs() }
    }

    @Test("statistics.ci-method: bca is the default (nil); percentile, basic and bc are kept; resample and block-length parse")
    func ciMethod() throws {
        let base = "responses: [r.h5]\nmodels:\n  - {name: m, features: f.h5}\nstatistics:\n  bootstrap: 10\n"
        #expect(try parse(base).statistics.interval == nil)
        #expect(try parse(base).statistics.intervalMethod == .bca)
        #expect(try parse(base + "  ci-method: bca\n").statistics.interval == nil)
        #expect(try parse(base + "  ci-method: percentile\n").statistics.interval == .percentile)
        #expect(try parse(base + "  resample: neurons\n  block-length: 12\n").statistics.resampling == .neurons)
        #expect(try parse(base + "  block-length: 12\n").statistics.blockLength == 12)
        #expect(throws: PipelineError.self) { try parse(base + "  resample: pixels\n") }
        #expect(try parse(base + "  ci-method: basic\n").statistics.interval == .basic)
        #expect(try parse(base + "  ci-method: bc\n").statistics.interval == .biasCorrected)
    }

    @Test("memory-budget: default 4 GiB, a size with a binary suffix otherwise")
    func memoryBudget() throws {
        let base = "responses: [r.h5]\nmodels:\n  - {name: m, features: f.h5}\n"
        #expect(try parse(base).budget == .standard)
        #expect(try parse(base + "memory-budget: 512M\n").budget.bytes == 512 << 20)
    }

    @Test("statistics.ceiling-method defaults to trial bounds with a split-half-neurons fallback; an explicit method has none; ceiling-sem parses")
    func ceilingMethod() throws {
        let base = "responses: [r.h5]\nmodels:\n  - {name: m, features: f.h5}\nstatistics:\n  ceiling-splits: 10\n"
        let byDefault = try #require(try parse(base).statistics.ceiling)
        #expect(byDefault.method == .trialBounds && byDefault.fallbackWithoutTrials == .splitHalfNeurons && byDefault.standardError == .ddof1)
        let chosen = try #require(try parse(base + "  ceiling-method: trials\n  ceiling-sem: ddof0\n").statistics.ceiling)
        #expect(chosen.method == .splitHalfTrials && chosen.fallbackWithoutTrials == nil && chosen.standardError == .ddof0)
        #expect(throws: PipelineError.self) { try parse(base + "  ceiling-sem: ddof2\n") }
    }

    @Test("no metrics means the study's TSRSA")
    func defaultMetric() throws {
        let spec = try parse("responses: [r.h5]\nmodels:\n  - {name: m, features: f.h5}\n")
        #expect(spec.metrics == [.studyTSRSA])
    }

    @Test("malformed specs name the line and the key", arguments: [
        ("responses: [r.h5]\nmodels:\n  - {name: m, features: f.h5}\nmetric:\n  - kind: tsrsa\n", 4, "metric", "unknown key"),
        ("responses: [r.h5]\nmodels:\n  - {name: m, features: f.h5}\nmetrics:\n  - kind: tsrza\n", 5, "metrics[0].kind", "tsrza"),
        ("responses: [r.h5]\nmodels:\n  - {name: m}\n", 3, "models[0]", "features"),
        ("responses: [r.h5]\nmodels:\n  - {name: m, features: f.h5, checkpoint: c.safetensors}\n", 3, "models[0]", "exactly one"),
        ("responses: [r.h5]\nmodels:\n  - {name: m, checkpoint: c.safetensors}\n", 3, "models[0].movie", "movie"),
        ("responses: [r.h5]\nmodels:\n  - {name: m, features: f.h5, movie: m.npy}\n", 3, "models[0].movie", "checkpoint"),
        ("responses: [r.h5]\nmodels:\n  - {name: m, checkpoint: c.safetensors, movie: m.npy, protocol: film}\n", 3,
         "models[0].protocol", "video or image"),
        ("responses: [r.h5]\nmodels:\n  - {name: m, checkpoint: c.safetensors, movie: m.npy, T: 0}\n", 3, "models[0].T", "integer"),
        ("responses: [r.h5]\nmodels:\n  - {name: m, features: f.h5}\nstatistics:\n  ci-method: bcx\n", 5, "statistics.ci-method",
         "percentile, basic, bc, bca"),
        ("responses: [r.h5]\nmodels:\n  - {name: m, features: f.h5}\nseed: -3\n", 4, "seed", "integer"),
        ("models:\n  - {name: m, features: f.h5}\n", nil, "sessions", "at least one"),
        ("responses: [r.h5]\nmodels:\n  - {name: m, features: f.h5}\n  - {name: m, features: g.h5}\n", 3, "models", "two models"),
        ("responses: [r.h5]\nmodels: [\n", nil, "(syntax)", "not valid YAML"),
        ("responses: [r.h5]\nmodels:\n  - {name: m, features: f.h5}\nmemory-budget: lots\n", 4, "memory-budget", "4G"),
        ("responses: [r.h5]\nmodels:\n  - {name: m, features: f.h5}\nmetrics:\n  - kind: tsrsa\n    lags: 3...1\n", 6, "metrics[0].lags", "lag range"),
    ] as [(String, Int?, String, String)])
    func malformed(yaml: String, line: Int?, key: String, reason: String) throws {
        do {
            _ = try parse(yaml)
            Issue.record("accepted: \(yaml)")
        } catch let error as PipelineError {
            guard case let .invalidSpec(_, foundLine, foundKey, foundReason) = error else {
                Issue.record("wrong error \(error)"); return
            }
            #expect(foundKey == key, "\(error)")
            #expect(foundReason.contains(reason), "\(error)")
            if let line { #expect(foundLine == line, "\(error)") }
            #expect(error.description.hasPrefix("spec.yaml"))
        }
    }

    @Test("shards partition the jobs")
    func shards() {
        let jobs = (0..<10).map { BatchJob(index: $0, model: .init(name: "m", features: "f"), metricIndex: 0, key: "\($0)") }
        var seen: [Int] = []
        for i in 1...3 { seen += jobs.filter { BatchShard(index: i, count: 3).contains($0) }.map(\.index) }
        #expect(seen.sorted() == Array(0..<10))
        #expect(BatchShard(parsing: "2/3") == BatchShard(index: 2, count: 3))
        #expect(BatchShard(parsing: "0/3") == nil && BatchShard(parsing: "4/3") == nil && BatchShard(parsing: "x") == nil)
    }
}
