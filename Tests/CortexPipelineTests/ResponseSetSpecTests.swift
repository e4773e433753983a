import Foundation
import Testing
import CortexSimilarity
@testable import CortexPipeline

/// Named response sets in batch specs (`responses: [{name:, sessions:, files:}]`): parsing, errors,
/// and the jobs they expand to (each set scored on its own, every two sets against each other).
@Suite("Batch specs: named response sets")
struct ResponseSetSpecTests {
    func parse(_ yaml: String) throws -> BatchSpec {
        try BatchSpec(yaml: yaml, file: "spec.yaml", directory: URL(fileURLWithPath: "/data/study"))
    }

    static let models = "models:\n  - {name: m, features: f.h5}\n  - {name: n, features: g.h5}\n"

    func error(_ yaml: String) -> String {
        do { _ = try parse(yaml); return "(parsed)" } catch { return "\(error)" }
    }

    @Test("named sets parse with sessions and files; the flat lists are their union")
    func namedSets() throws {
        let spec = try parse("""
            responses:
              - name: ephys
                sessions: [a.nwb, b.nwb]
              - {name: 2p, files: [r2p.h5], sessions: [c.nwb]}
            """ + "\n" + Self.models)
        #expect(spec.namesResponseSets)
        #expect(spec.responseSets == [BatchResponseSet(name: "ephys", sessions: ["a.nwb", "b.nwb"], files: []),
                                      BatchResponseSet(name: "2p", sessions: ["c.nwb"], files: ["r2p.h5"])])
        #expect(spec.sessions == ["a.nwb", "b.nwb", "c.nwb"] && spec.responses == ["r2p.h5"])
        #expect(spec.inputFiles.map(\.lastPathComponent) == ["a.nwb", "b.nwb", "c.nwb", "r2p.h5", "f.h5", "g.h5"])
    }

    @Test("a spec without named sets has one unnamed set, as before")
    func unnamed() throws {
        let spec = try parse("sessions: [a.nwb]\nresponses: [r.h5]\n" + Self.models)
        #expect(!spec.namesResponseSets)
        #expect(spec.responseSets == [BatchResponseSet(name: nil, sessions: ["a.nwb"], files: ["r.h5"])])
    }

    @Test("mistakes in named sets are errors naming the key and the line")
    func mistakes() {
        #expect(error("responses:\n  - {name: a, files: [x.h5]}\n  - y.h5\n" + Self.models)
                    .contains("spec.yaml:3: responses[1]: mix of file names and named sets"))
        #expect(error("responses:\n  - {name: a, files: [x.h5]}\n  - {name: a, files: [y.h5]}\n" + Self.models)
                    .contains("responses[1].name: two response sets are named \"a\""))
        #expect(error("responses:\n  - {files: [x.h5]}\n" + Self.models).contains("responses[0]: each response set needs a name"))
        #expect(error("responses:\n  - {name: a}\n" + Self.models).contains("response set \"a\" names no input"))
        #expect(error("responses:\n  - {name: a, file: [x.h5]}\n" + Self.models).contains("responses[0].file: unknown key"))
        #expect(error("sessions: [s.nwb]\nresponses:\n  - {name: a, files: [x.h5]}\n" + Self.models)
                    .contains("sessions: the responses are named sets: list each session inside its set"))
        #expect(error("responses:\n  - {name: '  ', files: [x.h5]}\n" + Self.models).contains("the name is empty"))
        #expect(error(Self.models).contains("name at least one NWB session"))
    }

    @Test("jobs: models × metrics and ceilings per set, then every two sets per metric; keys differ by set")
    func jobs() throws {
        let spec = try parse("""
            responses:
              - {name: ephys, sessions: [a.nwb]}
              - {name: 2p, files: [r.h5]}
              - {name: other, files: [s.h5]}
            metrics: [{kind: tsrsa}, {kind: cka-linear}]
            statistics: {ceiling-splits: 3}
            """ + "\n" + Self.models)
        let jobs = try BatchJob.expand(spec, metrics: spec.metrics.map(\.entry), digests: [:])
        // per set: 2 models × 2 metrics + 2 ceilings = 6; three sets → 18; pairs: 3 × 2 metrics = 6
        #expect(jobs.count == 24)
        #expect(jobs.filter { $0.responseSet == 1 && $0.model != nil }.count == 4)
        #expect(jobs.filter(\.isCeiling).map(\.responseSet) == [0, 0, 1, 1, 2, 2])
        let pairs = jobs.filter { $0.pairedSet != nil }
        #expect(pairs.map { [$0.responseSet, $0.pairedSet!] } == [[0, 1], [0, 1], [0, 2], [0, 2], [1, 2], [1, 2]])
        #expect(Set(jobs.map(\.key)).count == jobs.count)
        #expect(jobs.map(\.index) == Array(0..<24))
    }

    @Test("an unnamed set's job keys do not change when named sets are possible (cached results stay valid)")
    func unnamedKeysUnchanged() throws {
        let spec = try parse("sessions: [a.nwb]\n" + Self.models)
        let jobs = try BatchJob.expand(spec, metrics: spec.metrics.map(\.entry), digests: ["/data/study/a.nwb": "abc"],
                                       algorithmVersion: 2)
        // The identity JSON of the first job, written out as older versions did (no response-set keys).
        var identity = BatchJobIdentity(algorithmVersion: 2, metric: spec.metrics[0].entry.id, responses: ["abc"],
                                        stimulus: "natural_movie_one", areas: ["(default)"],
                                        statistics: String(decoding: try JSONEncoder.sorted.encode(spec.statistics), as: UTF8.self))
        identity.model = "m"
        identity.features = ""
        let json = String(decoding: try JSONEncoder.sorted.encode(identity), as: UTF8.self)
        #expect(!json.contains("response-set") && !json.contains("paired"))
        #expect(jobs[0].key == (try identity.key()))
        #expect(jobs.allSatisfy { $0.pairedSet == nil })
    }
}
