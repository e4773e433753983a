import CortexIO
import CortexNWB
import CortexNumerics
import Foundation
import Testing

/// Pooling sessions into one pseudo-population per area (``ResponseFile/init(sessions:…)``, which
/// pools per-session files with ``ResponseFile/init(pooling:)``: the one pooling path).
@Suite struct PoolingTests {
    static func pooled(_ sessions: [StimulusResponses], keepTrials: Bool = false) throws(NWBError) -> ResponseFile {
        try ResponseFile(sessions: sessions, sources: sessions.map { .init(path: $0.file, sha256: "") }, areas: nil,
                         keepTrials: keepTrials, filter: .none, minimumRate: nil, producer: "tests")
    }

    @Test func poolingConcatenatesEachAreasUnitsInSessionOrder() throws {
        let a = try StimulusResponses(session: NWBSession.open(Fixtures.sessionA))
        let b = try StimulusResponses(session: NWBSession.open(Fixtures.sessionB))
        let pooled = try Self.pooled([a, b], keepTrials: true)
        let refA = Fixtures.reference.sessionA.idsByArea, refB = Fixtures.reference.sessionB.idsByArea
        #expect(pooled.areas.map(\.name) == Set(refA.keys).union(refB.keys).sorted())
        for area in pooled.areas {
            let fromA = refA[area.name] ?? [], fromB = refB[area.name] ?? []
            #expect(area.unitIDs == fromA + fromB, "\(area.name)")
            #expect(area.sessionIndex == Array(repeating: 0, count: fromA.count) + Array(repeating: 1, count: fromB.count))
            #expect(area.matrix.shape == [60, fromA.count + fromB.count])
            #expect(area.trials?.shape == [a.repeatCount, fromA.count + fromB.count, 60])
        }
        let visp = try #require(pooled.areas.first { $0.name == "VISp" })
        let aVisp = try #require(a.byArea().first { $0.name == "VISp" })
        let bVisp = try #require(b.byArea().first { $0.name == "VISp" })
        for frame in [0, 17, 59] {
            let row = (0..<visp.unitCount).map { visp.matrix[frame, $0] }
            #expect(row == (0..<aVisp.unitCount).map { aVisp.matrix[frame, $0] } + (0..<bVisp.unitCount).map { bVisp.matrix[frame, $0] })
        }
        #expect(pooled.areas.first { $0.name == "VISrl" } == nil)
    }

    @Test func poolingDifferentFrameLayoutsIsAnError() throws {
        let a = try StimulusResponses(session: NWBSession.open(Fixtures.sessionA))
        let b = try StimulusResponses(session: NWBSession.open(Fixtures.sessionB), options: ResponseOptions(binsPerFrame: 2))
        let error = capturedError { try Self.pooled([a, b]) }
        guard case .frameLayoutMismatch(let expected, let found, let file)? = error else {
            Issue.record("expected frameLayoutMismatch, got \(String(describing: error))"); return
        }
        #expect(file == Fixtures.sessionB.path && expected.contains("1 bins per frame") && found.contains("2 bins"))
        let synthetic = try StimulusResponses(session: reopen(SyntheticSession().write(in: Fixtures.temporaryDirectory())))
        #expect(capturedError { try Self.pooled([a, synthetic]) } != nil)
    }
}

/// The shipped demo session (`datasets/demo-session.nwb`) reads as documented in datasets/README.md.
@Suite struct DemoSessionTests {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("datasets/demo-session.nwb")

    @Test func demoSessionHasTwentyRepeatsOfTheDemoMovieInSixVisualAreas() throws {
        let session = try NWBSession.open(Self.url)
        let movie = try #require(try session.stimuli().first { $0.name == "natural_movie_one" })
        let frames = try NPYFile.header(of: Self.url.deletingLastPathComponent().appendingPathComponent("demo-movie.npy")).shape[0]
        #expect(movie.repeatCount == 20 && movie.framesPerRepeat == frames && frames == 300)
        let responses = try StimulusResponses(session: session, options: ResponseOptions(filter: .allenDefault))
        let areas = responses.byArea().map(\.name)
        #expect(areas == ["CA1", "LGd", "VISal", "VISam", "VISl", "VISp", "VISpm", "VISrl"])
        #expect(responses.units.count == 6 * 15 + 2 * 5)          // noise units and the out-of-brain channel dropped
        #expect(responses.trials.shape == [20, 100, 300])
    }
}
