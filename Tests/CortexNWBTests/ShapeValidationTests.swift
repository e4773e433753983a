import CortexNWB
import Foundation
import Testing

/// NWB datasets whose rank or length disagree with their table: typed errors, never silently
/// doubled counts or a dropped metric.
@Suite struct ShapeValidationTests {
    @Test func twoDimensionalSpikeTimesAreAnError() throws {
        var synthetic = SyntheticSession()
        synthetic.spikeTimesColumns = 2
        let url = try synthetic.write(in: Fixtures.temporaryDirectory())
        let error = capturedError { try StimulusResponses(session: reopen(url)) }
        #expect(error == .columnShape(file: url.path, path: "/units/spike_times",
                                      expected: "a one-dimensional spike_times column (one time per spike)", found: [7, 2]))
    }

    @Test(arguments: [2, 4])
    func aMetricColumnOfTheWrongLengthIsAnError(length: Int) throws {
        var synthetic = SyntheticSession()
        synthetic.presenceRatioLength = length
        let url = try synthetic.write(in: Fixtures.temporaryDirectory())
        let error = capturedError { try StimulusResponses(session: reopen(url), options: ResponseOptions(filter: .allenDefault)) }
        #expect(error == .columnShape(file: url.path, path: "/units/presence_ratio",
                                      expected: "a one-dimensional column of 3 rows (the length of /units/id)", found: [length]))
    }
}
