import CortexHDF5
import CortexNumerics
import CortexNWB
import Foundation
import Testing

/// 2-photon: Allen NWB 1.x dF/F aligned by imaging frames, NWB 2.x RoiResponseSeries aligned by time
/// (both stored orientations), movie frames; against the h5py + numpy reference.
@Suite struct OphysTests {
    static func expectClose(_ got: NDArray<Double>, _ want: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(got.count == want.count, sourceLocation: sourceLocation)
        for (a, b) in zip(got.scalars, want) {
            #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "\(a) vs \(b)", sourceLocation: sourceLocation)
        }
    }

    @Test func allenNWB1DFFPerFrameMeansEqualTheReference() throws {
        let file = try HDF5File.open(Fixtures.url("ophys-nwb1.nwb"))
        let traces = try CalciumTraces(file: file)
        #expect(traces.storedOrientation == .roiByTime)
        #expect(traces.values.shape == [5, 73] && traces.timestamps.count == 73)
        let stimulus = try ImagingFrameStimulus(file: file)
        #expect(stimulus.repeatCount == 3 && stimulus.frameCount == 12)
        #expect(zip(stimulus.imagingStarts, stimulus.imagingEnds).contains { $0 == $1 })   // single-frame rows exist
        let responses = try CalciumResponses(traces: traces, stimulus: stimulus)
        let expected = Fixtures.reference.ophysNWB1
        #expect(responses.trials.shape == [3, 5, 12])
        Self.expectClose(responses.trials, expected.trials.flatMap { $0.flatMap { $0 } })
        Self.expectClose(responses.trialAverage, expected.average.flatMap { $0 })
    }

    @Test(arguments: ["ophys-nwb2.nwb", "ophys-nwb2-roifirst.nwb"])
    func roiResponseSeriesIsOrientedByItsTimestamps(name: String) throws {
        let file = try HDF5File.open(Fixtures.url(name))
        let traces = try CalciumTraces(file: file, seriesPath: "/processing/ophys/DfOverF/RoiResponseSeries")
        #expect(traces.storedOrientation == (name.contains("roifirst") ? .roiByTime : .timeByROI))
        #expect(traces.values.shape == [4, 200])
        let repeats = try MovieRepeats(NWBSession(file: file).presentations(of: "natural_movie_one"))
        let responses = CalciumResponses(traces: traces, repeats: repeats)
        let expected = Fixtures.reference.ophysNWB2
        #expect(responses.trials.shape == [3, 4, 12])
        Self.expectClose(responses.trials, expected.trials.flatMap { $0.flatMap { $0 } })
        Self.expectClose(responses.trialAverage, expected.average.flatMap { $0 })
    }

    @Test func movieFramesFromNPYAndFromBothTemplateLayoutsAgree() throws {
        let npy = try MovieFrames.npy(Fixtures.url("natural_movie_one.npy"))
        #expect(npy.shape == [12, 6, 8])
        #expect(Set(npy.scalars).count > 100)
        for name in ["ophys-nwb1.nwb", "ophys-nwb2.nwb"] {
            let stack = try MovieFrames.template(in: HDF5File.open(Fixtures.url(name)))
            #expect(stack == npy, "\(name)")
        }
        let missing = capturedError { try MovieFrames.template(in: HDF5File.open(Fixtures.sessionA)) }
        #expect(missing == .hdf5(.objectMissing(file: Fixtures.sessionA.path, path: "/stimulus/templates/natural_movie_one/data")))
    }

    @Test func tracesMatchingNoTimestampsAreRejected() throws {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("bad-traces.nwb")
        let file = try HDF5File.create(url)
        try file.root.writeDataset("series/data", NDArray<Double>(shape: [3, 5], repeating: 0))
        try file.root.writeDataset("series/timestamps", NDArray<Double>(shape: [4], scalars: [0, 1, 2, 3]))
        try file.root.writeDataset("unsorted/data", NDArray<Double>(shape: [3, 2], repeating: 0))
        try file.root.writeDataset("unsorted/timestamps", NDArray<Double>(shape: [3], scalars: [0, 2, 1]))
        let error = capturedError { try CalciumTraces(file: file, seriesPath: "/series") }
        guard case .invalidData(let path, let where_, let reason)? = error else {
            Issue.record("expected invalidData, got \(String(describing: error))"); return
        }
        #expect(path == url.path && where_ == "/series/data" && reason.contains("4 timestamps"))
        let unsorted = capturedError { try CalciumTraces(file: file, seriesPath: "/unsorted") }
        guard case .invalidData(_, let p, let r)? = unsorted else {
            Issue.record("expected invalidData, got \(String(describing: unsorted))"); return
        }
        #expect(p == "/unsorted/timestamps" && r.contains("timestamp 2"))
    }

    @Test func withoutTimestampsTheRoisRegionOrientsTheTraces() throws {
        // As pynapple's suite2p conversion: ROIs × samples, starting_time + rate, no timestamps.
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("rate-only.nwb")
        let file = try HDF5File.create(url)
        let values = (0..<15).map(Double.init)
        try file.root.writeDataset("roiFirst/data", NDArray(shape: [3, 5], scalars: values))
        try file.root.writeDataset("roiFirst/rois", NDArray(shape: [3], scalars: [Int64(0), 1, 2]))
        let start = try file.root.writeDataset("roiFirst/starting_time", NDArray(shape: [], scalars: [2.0]))
        try start.attributes.write("rate", scalar: 10.0)
        try file.root.writeDataset("timeFirst/data", NDArray(shape: [5, 3], scalars: values))
        try file.root.writeDataset("timeFirst/rois", NDArray(shape: [3], scalars: [Int64(0), 1, 2]))
        let start2 = try file.root.writeDataset("timeFirst/starting_time", NDArray(shape: [], scalars: [0.0]))
        try start2.attributes.write("rate", scalar: 4.0)

        let roiFirst = try CalciumTraces(file: file, seriesPath: "/roiFirst")
        #expect(roiFirst.storedOrientation == .roiByTime)
        #expect(roiFirst.values == NDArray(shape: [3, 5], scalars: values))
        #expect(roiFirst.timestamps == [2.0, 2.1, 2.2, 2.3, 2.4].enumerated().map { 2.0 + Double($0.offset) / 10 })
        let timeFirst = try CalciumTraces(file: file, seriesPath: "/timeFirst")
        #expect(timeFirst.storedOrientation == .timeByROI)
        #expect(timeFirst.values[0, 1] == 3 && timeFirst.values[2, 4] == 14 && timeFirst.values.shape == [3, 5])
        #expect(timeFirst.timestamps == [0, 0.25, 0.5, 0.75, 1])
    }
}
