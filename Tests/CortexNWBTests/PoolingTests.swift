import CortexNWB
import CortexNumerics
import Foundation
import Testing

/// Pooling sessions into one pseudo-population per area.
@Suite struct PoolingTests {
    @Test func poolingConcatenatesEachAreasUnitsInSessionOrder() throws {
        let a = try StimulusResponses(session: NWBSession.open(Fixtures.sessionA))
        let b = try StimulusResponses(session: NWBSession.open(Fixtures.sessionB))
        let pooled = try PseudoPopulation(pooling: [a, b])
        let refA = Fixtures.reference.sessionA.idsByArea, refB = Fixtures.reference.sessionB.idsByArea
        #expect(pooled.areas.map(\.area) == Set(refA.keys).union(refB.keys).sorted())
        for area in pooled.areas {
            let fromA = refA[area.area] ?? [], fromB = refB[area.area] ?? []
            #expect(area.unitIDs == fromA + fromB, "\(area.area)")
            #expect(area.sessions == Array(repeating: a.file, count: fromA.count) + Array(repeating: b.file, count: fromB.count))
            #expect(area.matrix.shape == [fromA.count + fromB.count, 60])
        }
        let visp = try #require(pooled["VISp"])
        let aVisp = try #require(a.byArea().first { $0.area == "VISp" })
        let bVisp = try #require(b.byArea().first { $0.area == "VISp" })
        #expect(visp.matrix.scalars == aVisp.matrix.scalars + bVisp.matrix.scalars)
        #expect(pooled["VISrl"] == nil)
    }

    @Test func poolingDifferentFrameLayoutsIsAnError() throws {
        let a = try StimulusResponses(session: NWBSession.open(Fixtures.sessionA))
        let b = try StimulusResponses(session: NWBSession.open(Fixtures.sessionB), options: ResponseOptions(binsPerFrame: 2))
        let error = capturedError { try PseudoPopulation(pooling: [a, b]) }
        guard case .frameLayoutMismatch(let expected, let found, let file)? = error else {
            Issue.record("expected frameLayoutMismatch, got \(String(describing: error))"); return
        }
        #expect(file == Fixtures.sessionB.path && expected.contains("1 bins per frame") && found.contains("2 bins"))
        let synthetic = try StimulusResponses(session: reopen(SyntheticSession().write(in: Fixtures.temporaryDirectory())))
        #expect(capturedError { try PseudoPopulation(pooling: [a, synthetic]) } != nil)
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
        let areas = responses.byArea().map(\.area)
        #expect(areas == ["CA1", "LGd", "VISal", "VISam", "VISl", "VISp", "VISpm", "VISrl"])
        #expect(responses.units.count == 6 * 15 + 2 * 5)          // noise units and the out-of-brain channel dropped
        #expect(responses.trials.shape == [20, 100, 300])
    }
}
