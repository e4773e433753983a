import CortexHDF5
import CortexNumerics
import CortexRuntime
import Foundation
import Testing
@testable import CortexPipeline

/// results.json / result.json and job files: snake_case keys, typed provenance, versioned formats,
/// and files of older versions still load.
@Suite("Results formats")
struct ResultsFormatTests {
    /// A result.json as CortexKit wrote it before typed sources and snake_case keys (ed76169):
    /// comma-joined response paths and digests, a model digest in prose, `unitShape`, `standardError`.
    static let oldResult = #"""
    {"ceilings":[{"area":"VISp","mean":0.5,"splits":10,"standardError":0.125}],"command":["cortex","compare"],
     "cortexkit_version":"CortexKit 0.1.0","format":"cortexkit-comparison/1","metric":"tsrsa (spearman, ordinal ties, first frame dropped)",
     "metric_options":{"comparison":"spearman","distance":"correlation","dropFirstFrame":true,"kind":"tsrsa","lags":[0,0],"rbfThreshold":1,"ridgeAlpha":1,"ridgeFolds":5,"ties":"ordinal","zeroVariance":"error"},
     "metric_short_name":"tsrsa",
     "models":[{"areas":["VISp"],"best":[{"area":"VISp","layer":"sn1","score":0.5}],"layers":[{"depth":0,"name":"sn1","unitShape":[2,3]}],
                "mean_over_areas":0.5,"model":"random-net","scores":[[0.5]],"sha256":"random weights, seed 7","source":"random"},
               {"areas":["VISp"],"best":[{"area":"VISp","layer":"sn1","score":null}],"layers":[{"depth":0,"name":"sn1","unitShape":[4]}],
                "mean_over_areas":null,"model":"f","scores":[[null]],"sha256":"cc","source":"f.h5"}],
     "responses":{"frames":3,"path":"a.nwb,b.nwb","repeats":2,"sha256":"aa,bb","stimulus":"natural_movie_one"}}
    """#

    static func write(_ text: String, name: String) throws -> URL {
        let url = try temporaryDirectory().appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Every object key in a JSON value, except inside `metric_options` (pinned to its old keys).
    static func keys(_ value: Any) -> [String] {
        if let object = value as? [String: Any] {
            return object.flatMap { key, child in [key] + (key == "metric_options" ? [] : keys(child)) }
        }
        if let array = value as? [Any] { return array.flatMap(keys) }
        return []
    }

    @Test("an older result.json loads: comma-joined responses and prose digests become typed sources, old keys are read")
    func oldResultLoads() throws {
        let result = try CompareResult.read(from: try Self.write(Self.oldResult, name: "result.json"))
        #expect(result.responses.sources == [InputSource(.nwbSession, path: "a.nwb", sha256: "aa"),
                                             InputSource(.nwbSession, path: "b.nwb", sha256: "bb")])
        #expect(result.models[0].sources == [InputSource(.randomWeights(seed: 7), path: "random", sha256: nil)])
        #expect(result.models[1].sources == [InputSource(.featureFile, path: "f.h5", sha256: "cc")])
        #expect(result.models[0].scores.layers[0].unitShape == [2, 3])
        #expect(result.ceilings?.first?.standardError == 0.125)
        #expect(result.metricOptions == .studyTSRSA)
    }

    @Test("results JSON has only snake_case keys; sources are arrays with kinds; no prose in sha256")
    func snakeCaseOutput() throws {
        let result = try CompareResult.read(from: try Self.write(Self.oldResult, name: "result.json"))
        let data = try result.jsonData()
        let object = try JSONSerialization.jsonObject(with: data)
        let keys = Set(Self.keys(object))
        #expect(keys.allSatisfy { $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" } }, "\(keys.sorted())")
        #expect(keys.isSuperset(of: ["sources", "unit_shape", "standard_error", "kind", "seed"]))
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("random weights") && !text.contains("a.nwb,b.nwb"))
        let responses = try #require((object as? [String: Any])?["responses"] as? [String: Any])
        let sources = try #require(responses["sources"] as? [[String: Any]])
        #expect(sources.map { $0["kind"] as? String } == ["nwb_session", "nwb_session"])
        #expect(sources.map { $0["sha256"] as? String } == ["aa", "bb"])
        // The new file reads back to the same values.
        let again = try JSONDecoder().decode(CompareResult.self, from: data)
        #expect(again.responses == result.responses && again.models.map(\.sources) == result.models.map(\.sources))
        #expect(again.ceilings == result.ceilings && again.models[0].scores.layers == result.models[0].scores.layers)
    }

    @Test("cached job files of older versions still load")
    func oldJobFile() throws {
        let job = #"""
        {"ceilings":null,"index":0,"key":"k","metric":"tsrsa","model":{"areas":["VISp"],"best":[],"layers":[{"depth":1,"name":"sn1","unitShape":[5]}],
         "mean_over_areas":null,"model":"m","scores":[[0.25]],"sha256":"dd","source":"ckpt/model.safetensors"},
         "responses":{"frames":3,"path":"r.h5","repeats":2,"sha256":"ee","stimulus":"natural_movie_one"}}
        """#
        let decoded = try JSONDecoder().decode(JobResult.self, from: Data(job.utf8))
        #expect(decoded.responses.sources == [InputSource(.responseFile, path: "r.h5", sha256: "ee")])
        #expect(decoded.model?.sources == [InputSource(.checkpoint, path: "ckpt/model.safetensors", sha256: "dd")])
        #expect(decoded.model?.scores.layers.first?.unitShape == [5])
    }

    @Test("random weights are a typed source with a seed and no digest")
    func randomWeights() throws {
        let source = InputSource.randomWeights(seed: 42)
        let json = String(decoding: try JSONEncoder.sorted.encode(source), as: UTF8.self)
        #expect(json == #"{"kind":"random_weights","path":"random","seed":42}"#)
        #expect(try JSONDecoder().decode(InputSource.self, from: Data(json.utf8)) == source)
        #expect(source.provenanceInput.sha256 == "")
    }

    @Test("newer major versions of results, reports and feature files are typed errors naming the file and both versions")
    func newerFormats() throws {
        let result = try Self.write(#"{"format": "cortexkit-comparison/2"}"#, name: "result.json")
        #expect(throws: PipelineError.newerFormat(file: result.path, found: "cortexkit-comparison/2", supported: "cortexkit-comparison/1")) {
            try CompareResult.read(from: result)
        }
        let report = try Self.write(#"{"format": "cortexkit-report/3", "title": "x"}"#, name: "results.json")
        #expect(throws: PipelineError.newerFormat(file: report.path, found: "cortexkit-report/3", supported: "cortexkit-report/1")) {
            try BatchReport.Results.read(from: report)
        }
        #expect(throws: PipelineError.unknownFormat(file: report.path, found: "cortexkit-report/3", expected: "cortexkit-comparison/1")) {
            try CompareResult.read(from: report)
        }
        let features = try temporaryDirectory().appendingPathComponent("f.h5")
        try HDF5File.writeAtomically(to: features) { file in try file.attributes.write("format", string: "cortexkit-features/2") }
        #expect(throws: PipelineError.newerFormat(file: features.path, found: "cortexkit-features/2", supported: "cortexkit-features/1")) {
            try FeatureFile(url: features)
        }
        let message = PipelineError.newerFormat(file: "f.h5", found: "cortexkit-features/2", supported: "cortexkit-features/1").description
        #expect(message.contains("f.h5") && message.contains("cortexkit-features/2") && message.contains("cortexkit-features/1"))
    }

    @Test("a batch report's results.json reads back with its version checked")
    func reportRoundTrip() throws {
        let old = try CompareResult.read(from: try Self.write(Self.oldResult, name: "result.json"))
        let spec = try BatchSpec(yaml: "title: t\nresponses: [r.h5]\nmodels:\n  - {name: m, features: f.h5}\n", file: "s.yaml",
                                 directory: URL(fileURLWithPath: "/data"))
        let url = try Self.write(String(decoding: try BatchReport.json(spec: spec, comparisons: [old], version: "v"), as: UTF8.self),
                                 name: "results.json")
        let results = try BatchReport.Results.read(from: url)
        #expect(results.format == "cortexkit-report/1" && results.title == "t" && results.cortexKitVersion == "v")
        #expect(results.comparisons.first?.responses == old.responses)
    }
}

@Suite("Batch job keys")
struct BatchJobKeyTests {
    static let spec = """
        sessions: [a.nwb]
        responses: [r.h5]
        models:
          - {name: f, features: f.h5}
          - {name: c, checkpoint: c.safetensors, movie: m.npy}
        metrics:
          - kind: tsrsa
          - kind: cka-linear
        statistics:
          ceiling-splits: 10
        """

    static func jobs(algorithmVersion: Int = CortexAlgorithms.version, digests: [String: String]? = nil) throws -> [BatchJob] {
        let spec = try BatchSpec(yaml: Self.spec, file: "s.yaml", directory: URL(fileURLWithPath: "/data"))
        let digests = digests ?? Dictionary(uniqueKeysWithValues: ["a.nwb", "r.h5", "f.h5", "c.safetensors", "m.npy"].map {
            ("/data/" + $0, "digest-of-" + $0)
        })
        return try BatchJob.expand(spec, metrics: spec.metrics.map(\.entry), digests: digests, algorithmVersion: algorithmVersion)
    }

    @Test("the same spec and inputs give the same keys; every job has its own")
    func deterministic() throws {
        let keys = try Self.jobs().map(\.key)
        #expect(keys.count == 6 && Set(keys).count == 6)
        #expect(try Self.jobs().map(\.key) == keys)
    }

    @Test("changing the algorithm version changes every key")
    func algorithmVersionInEveryKey() throws {
        let now = try Self.jobs().map(\.key)
        let next = try Self.jobs(algorithmVersion: CortexAlgorithms.version + 1).map(\.key)
        #expect(Set(now).isDisjoint(with: next))
    }

    @Test("changing an input's content changes the keys of the jobs that read it, and only those")
    func inputDigests() throws {
        var digests = Dictionary(uniqueKeysWithValues: ["a.nwb", "r.h5", "f.h5", "c.safetensors", "m.npy"].map {
            ("/data/" + $0, "digest-of-" + $0)
        })
        let before = try Self.jobs(digests: digests)
        digests["/data/m.npy"] = "another movie"
        let after = try Self.jobs(digests: digests)
        for (b, a) in zip(before, after) {
            let readsMovie = b.model?.name == "c"
            #expect((b.key != a.key) == readsMovie, "job \(b.index)")
        }
    }

    @Test("the key is the SHA-256 of the identity's key-sorted JSON")
    func identityJSON() throws {
        let identity = BatchJobIdentity(algorithmVersion: 3, metric: "m", responses: ["x"], stimulus: "s", areas: ["(default)"],
                                        statistics: "{}", ceiling: true)
        let json = String(decoding: try JSONEncoder.sorted.encode(identity), as: UTF8.self)
        #expect(json == #"{"algorithm_version":3,"areas":["(default)"],"ceiling":true,"metric":"m","responses":["x"],"statistics":"{}","stimulus":"s"}"#)
        let hash = SHA256()
        hash.update(Data(json.utf8))
        #expect(try identity.key() == hash.hexDigest())
    }
}
