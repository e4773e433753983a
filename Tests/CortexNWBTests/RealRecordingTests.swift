import CortexHDF5
import CortexNumerics
import Foundation
import Testing
@testable import CortexNWB

/// Real lab recordings (pynapple 0.11.4's test files, fetched by scripts/fetch-test-data.sh into
/// .cache/test-data/pynapple/) against facts read from them with h5py + numpy
/// (scripts/reference/pynapple_reference.py → Fixtures/pynapple_reference.json).
enum RealRecordings {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".cache/test-data/pynapple")
    static let names = ["A2929-200711.nwb", "A8604-211122.nwb", "2022_08_08.nwb"]
    static var available: Bool {
        names.allSatisfy { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }
    }
}

@Suite("Real recordings (pynapple's NWB files)", .enabled(if: RealRecordings.available,
                                                           "run scripts/fetch-test-data.sh (make test does)"))
struct RealRecordingTests {
    static let directory = RealRecordings.directory

    struct UnitFacts: Decodable {
        var index_dtype: String
        var unit_ids: [Int64]
        var spike_counts: [Int]
        var spike_time_sums: [Double]
        var first_spikes: [Double?]
        var last_spikes: [Double?]
        var locations: [String]
        var total_spikes: Int
    }
    struct OphysFacts: Decodable {
        var shape: [Int]
        var has_timestamps: Bool
        var roi0_first5: [Double]
        var roi_sums: [Double]
    }

    static func reference<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        let all = try JSONSerialization.jsonObject(with: Data(contentsOf: Fixtures.url("pynapple_reference.json"))) as! [String: Any]
        return try JSONDecoder().decode(T.self, from: JSONSerialization.data(withJSONObject: all[name]!))
    }

    @Test("units: ids, spike counts, spike times and areas equal h5py's, with uint32 and uint16 indices",
          arguments: ["A2929-200711.nwb", "A8604-211122.nwb"])
    func units(name: String) throws {
        let ref = try Self.reference(name, as: UnitFacts.self)
        let session = try NWBSession.open(Self.directory.appendingPathComponent(name))
        let file = session.file
        let indexType = try file.dataset("/units/spike_times_index").dataType
        #expect(indexType == .integer(bytes: ref.index_dtype == "uint16" ? 2 : 4, signed: false))
        let units = try session.units()
        #expect(units.ids == ref.unit_ids)
        #expect(units.records.map(\.spikeCount) == ref.spike_counts)
        #expect(units.records.reduce(0) { $0 + $1.spikeCount } == ref.total_spikes)
        #expect(units.areaSource == .unitsLocation)
        #expect(units.records.map { $0.area ?? "" } == ref.locations)
        for row in 0..<units.count {
            let spikes = try units.spikeTimes(ofRow: row)
            #expect(abs(spikes.reduce(0, +) - ref.spike_time_sums[row]) <= 1e-9 * max(1, abs(ref.spike_time_sums[row])))
            #expect(spikes.first == ref.first_spikes[row] && spikes.last == ref.last_spikes[row])
            #expect(zip(spikes, spikes.dropFirst()).allSatisfy { $0 <= $1 }, "spikes sorted in unit \(row)")
        }
    }

    @Test("2-photon traces stored ROI-first without timestamps are oriented by the rois region")
    func roiFirstTraces() throws {
        let ref = try Self.reference("2022_08_08.nwb", as: OphysFacts.self)
        let file = try HDF5File.open(Self.directory.appendingPathComponent("2022_08_08.nwb"))
        let traces = try CalciumTraces(file: file, seriesPath: "/processing/ophys/Fluorescence/Fluorescence")
        #expect(!ref.has_timestamps)
        #expect([traces.roiCount, traces.sampleCount] == ref.shape)
        #expect(traces.storedOrientation == .roiByTime)
        #expect((0..<5).map { traces.values[0, $0] } == ref.roi0_first5)
        for roi in 0..<traces.roiCount {
            let sum = (0..<traces.sampleCount).reduce(0.0) { $0 + traces.values[roi, $1] }
            #expect(abs(sum - ref.roi_sums[roi]) <= 1e-6 * max(1, abs(ref.roi_sums[roi])), "ROI \(roi)")
        }
    }
}
