import CortexNWB
import Foundation
import Testing

/// Defective spike trains written at test time: the right typed error, naming file, dataset and unit.
@Suite struct BadSpikeTests {
    @Test func outOfOrderSpikesNameTheUnitAndPosition() throws {
        var synthetic = SyntheticSession()
        synthetic.spikes[2] = [0.1, 0.35, 0.2, 0.9]
        let url = try synthetic.write(in: Fixtures.temporaryDirectory())
        let error = capturedError { try StimulusResponses(session: reopen(url)) }
        #expect(error == .spikesOutOfOrder(file: url.path, path: "/units/spike_times", unitID: 12, row: 2, position: 2,
                                           time: 0.2, previous: 0.35))
        #expect(error?.description.contains(url.path) == true && error?.description.contains("/units/spike_times") == true)
    }

    @Test func aNaNSpikeTimeIsAnError() throws {
        var synthetic = SyntheticSession()
        synthetic.spikes[0] = [0.05, .nan, 0.25]
        let url = try synthetic.write(in: Fixtures.temporaryDirectory())
        let error = capturedError { try StimulusResponses(session: reopen(url)) }
        #expect(error == .nonFiniteSpikeTime(file: url.path, path: "/units/spike_times", unitID: 10, row: 0, position: 1))
        #expect(error?.description.contains("NaN") == true)
    }

    @Test func aFilteredOutUnitIsNotChecked() throws {
        var synthetic = SyntheticSession()
        synthetic.spikes[2] = [0.1, .nan]
        let url = try synthetic.write(in: Fixtures.temporaryDirectory())
        let options = ResponseOptions(filter: .custom { $0.quality == "good" })
        let responses = try StimulusResponses(session: reopen(url), options: options)
        #expect(responses.unitIDs == [10, 11])
    }

    @Test func emptyUnitsHaveZeroCounts() throws {
        let url = try SyntheticSession().write(in: Fixtures.temporaryDirectory())
        let responses = try StimulusResponses(session: reopen(url))
        #expect(responses.repeatCount == 2 && responses.frameCount == 4)
        #expect(responses.meanRates[1] == 0)
        // unit 0: spikes 0.05, 0.15, 0.25 → frames 0, 1, 2 of repeat 0; unit 2: 0.1, 0.1 (frame 1), 0.35 (frame 3).
        #expect(responses.trials.scalars == [1, 1, 1, 0, 0, 0, 0, 0, 0, 2, 0, 1,
                                             0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(responses.trialAverage.scalars == [0.5, 0.5, 0.5, 0, 0, 0, 0, 0, 0, 1, 0, 0.5])
    }
}
