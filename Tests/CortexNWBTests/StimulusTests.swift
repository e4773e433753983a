import CortexNWB
import Foundation
import Testing

/// Stimulus tables in both interval layouts, movie repeats and presentation defects.
@Suite struct StimulusTests {
    @Test func perStimulusTablesListEveryStimulusWithCounts() throws {
        let session = try NWBSession.open(Fixtures.sessionA)
        #expect(try session.intervalLayout() == .perStimulusTables)
        let stimuli = try session.stimuli()
        #expect(stimuli.map(\.name) == ["drifting_gratings", "natural_movie_one", "spontaneous"])
        #expect(stimuli.map(\.presentationCount) == [8, 240, 1])
        #expect(stimuli.map(\.repeatCount) == [nil, 4, nil])
        #expect(stimuli[1].framesPerRepeat == 60)
        #expect(stimuli[1].tablePath == "/intervals/natural_movie_one_presentations")
    }

    @Test func singleEpochsTableListsStimuliByName() throws {
        let session = try NWBSession.open(Fixtures.sessionB)
        #expect(try session.intervalLayout() == .singleEpochsTable)
        let stimuli = try session.stimuli()
        #expect(stimuli.map(\.name) == ["spontaneous", "natural_movie_one", "drifting_gratings"])
        #expect(stimuli.map(\.presentationCount) == [1, 240, 8])
        #expect(stimuli.map(\.repeatCount) == [nil, 4, nil])
        #expect(stimuli.allSatisfy { $0.tablePath == "/intervals/epochs" })
        let movie = try session.presentations(of: "natural_movie_one")
        #expect(movie.tableRows.first == 1 && movie.tableRows.last == 248)
    }

    @Test func repeatsAreFoundFromFrameZeroAndBlockChanges() throws {
        for url in [Fixtures.sessionA, Fixtures.sessionB] {
            let repeats = try MovieRepeats(reopen(url).presentations(of: "natural_movie_one"))
            #expect(repeats.repeatCount == 4 && repeats.frameCount == 60)
            #expect(repeats.rowRanges == [0..<60, 60..<120, 120..<180, 180..<240])
            #expect(repeats.repeatBlocks == [0, 0, 2, 2])
            let expected = url == Fixtures.sessionA ? Fixtures.reference.sessionA : Fixtures.reference.sessionB
            #expect(abs(repeats.presentedTime - expected.totalTime) <= 1e-12 * expected.totalTime)
        }
    }

    @Test func aBlockChangeStartsARepeatEvenWithoutFrameZero() throws {
        var synthetic = SyntheticSession()
        // Two repeats of frames 0,1,2,3 then a new block that starts at frame 1: malformed.
        synthetic.movie = [(0, 0.1, 0, 0), (0.1, 0.2, 1, 0), (0.2, 0.3, 1, 1), (0.3, 0.4, 2, 1)]
        let url = try synthetic.write(in: Fixtures.temporaryDirectory())
        let error = capturedError { try MovieRepeats(reopen(url).presentations(of: "natural_movie_one")) }
        guard case .malformedRepeats(let file, let path, let reason)? = error else {
            Issue.record("expected malformedRepeats, got \(String(describing: error))"); return
        }
        #expect(file == url.path && path == "/intervals/natural_movie_one_presentations")
        #expect(reason.contains("repeat 1") && reason.contains("table row 2"))
    }

    @Test func repeatsOfUnequalLengthAreRejected() throws {
        var synthetic = SyntheticSession()
        synthetic.movie = [(0, 0.1, 0, 0), (0.1, 0.2, 1, 0), (0.2, 0.3, 0, 0)]
        let url = try synthetic.write(in: Fixtures.temporaryDirectory())
        let error = capturedError { try MovieRepeats(reopen(url).presentations(of: "natural_movie_one")) }
        guard case .malformedRepeats(_, _, let reason)? = error else {
            Issue.record("expected malformedRepeats, got \(String(describing: error))"); return
        }
        #expect(reason.contains("repeat 0 has 2 frames but repeat 1"))
    }

    @Test func overlappingPresentationsAreAnErrorNamingTheRow() throws {
        var synthetic = SyntheticSession()
        synthetic.movie[3] = (0.25, 0.4, 3, 0)   // starts 50 ms before row 2 stops
        let url = try synthetic.write(in: Fixtures.temporaryDirectory())
        let session = try reopen(url)
        let error = capturedError { try StimulusResponses(session: session) }
        #expect(error == .overlappingPresentations(file: url.path, path: "/intervals/natural_movie_one_presentations",
                                                   row: 3, start: 0.25, previousStop: 0.30000000000000004))
        #expect(error?.description.contains(url.path) == true)
        #expect(error?.description.contains("/intervals/natural_movie_one_presentations") == true)
    }

    @Test func overlapsWithinTheToleranceAreClippedNotDoubleCounted() throws {
        var synthetic = SyntheticSession()
        synthetic.movie = [(0, 0.2, 0, 0), (0.2 - 5e-7, 0.4, 1, 0)]
        synthetic.spikes = [[0.2 - 2e-7], [], []]
        let url = try synthetic.write(in: Fixtures.temporaryDirectory())
        let responses = try StimulusResponses(session: reopen(url))
        #expect(responses.trials.scalars[0..<2] == [1, 0])
    }

    @Test func presentationsOutOfOrderAreAnError() throws {
        var synthetic = SyntheticSession()
        synthetic.movie.swapAt(1, 2)
        let url = try synthetic.write(in: Fixtures.temporaryDirectory())
        let error = capturedError { try StimulusResponses(session: reopen(url)) }
        guard case .presentationsOutOfOrder(let file, let path, let row, _)? = error else {
            Issue.record("expected presentationsOutOfOrder, got \(String(describing: error))"); return
        }
        #expect(file == url.path && path == "/intervals/natural_movie_one_presentations" && row == 2)
    }

    @Test func anUnknownStimulusListsTheAvailableNames() throws {
        for url in [Fixtures.sessionA, Fixtures.sessionB] {
            let session = try reopen(url)
            let error = capturedError { try session.presentations(of: "natural_movie_three") }
            guard case .unknownStimulus(let file, let name, let available)? = error else {
                Issue.record("expected unknownStimulus, got \(String(describing: error))"); return
            }
            #expect(file == url.path && name == "natural_movie_three")
            #expect(Set(available) == ["drifting_gratings", "natural_movie_one", "spontaneous"])
            #expect(error!.description.contains("natural_movie_one") && error!.description.contains(url.path))
        }
    }

    @Test func aStimulusWithoutFramesIsNotAMovie() throws {
        let session = try NWBSession.open(Fixtures.sessionA)
        let error = capturedError { try StimulusResponses(session: session, options: ResponseOptions(stimulus: "drifting_gratings")) }
        guard case .malformedRepeats(_, let path, let reason)? = error else {
            Issue.record("expected malformedRepeats, got \(String(describing: error))"); return
        }
        #expect(path == "/intervals/drifting_gratings_presentations" && reason.contains("frame"))
    }
}
