import CortexHDF5
import CortexNumerics
import CortexNWB
import Foundation
import Testing

/// The response file's typed metadata reads and writes the same text as before, older files load,
/// and a file of a newer format version is refused by name.
@Suite struct ResponseFileFormatTests {
    static func file(filter: ResponseFile.Filter, smoothing: ResponseSmoothing) -> ResponseFile {
        let area = AreaResponses(name: "VISp", unitIDs: [1, 2], sessionIndex: [0, 0],
                                 matrix: NDArray(shape: [3, 2], scalars: [0, 3, 1, 4, 2, 5]), trials: nil)
        return ResponseFile(stimulus: "natural_movie_one", repeatCount: 2, frameCount: 3, binsPerFrame: 1, filter: filter,
                            minimumRate: 0.5, smoothing: smoothing, sources: [.init(path: "s.nwb", sha256: "ab")],
                            areas: [area], producer: "tests")
    }

    @Test("filter and smoothing are written as the same text as before and read back as typed values",
          arguments: [
            (ResponseFile.Filter.none, ResponseSmoothing.none, "none", "none"),
            (.allenDefault, .gaussian(sigmaFrames: 2), "allen-default", "gaussian sigma=2.0 frames boundary=reflect"),
            (.custom("quality ≥ 3"), .gaussian(sigmaFrames: 0.5, boundary: .constant(0)), "quality ≥ 3",
             "gaussian sigma=0.5 frames boundary=constant(0.0)"),
            (.none, .gaussian(sigmaFrames: 1.25, boundary: .wrap), "none", "gaussian sigma=1.25 frames boundary=wrap"),
          ])
    func recordedText(filter: ResponseFile.Filter, smoothing: ResponseSmoothing, filterText: String, smoothingText: String) throws {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("r.h5")
        try Self.file(filter: filter, smoothing: smoothing).write(to: url)
        let attributes = try HDF5File.open(url).attributes
        #expect(try attributes.string("filter") == filterText)
        #expect(try attributes.string("smoothing") == smoothingText)
        #expect(try attributes.string("format") == "cortexkit-responses/1")
        let read = try ResponseFile.read(from: url)
        #expect(read.filter == filter && read.smoothing == smoothing)
    }

    @Test("older texts parse: every boundary mode, and smoothing as StimulusResponses records it")
    func parsing() {
        for mode in ["reflect", "mirror", "nearest", "wrap", "constant(1.5)"] {
            let text = "gaussian sigma=3.0 frames boundary=\(mode)"
            #expect(ResponseSmoothing(recorded: text)?.recorded == text)
        }
        #expect(ResponseSmoothing(recorded: "gaussian sigma=2 frames reflect") == nil)
        #expect(ResponseFile.Filter(recorded: "allen-default") == .allenDefault)
        #expect(ResponseFile.Filter(recorded: "none") == ResponseFile.Filter.none)
    }

    @Test("a newer format version is a typed error naming the file and both versions; older ones read")
    func newerVersion() throws {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("future.h5")
        try HDF5File.writeAtomically(to: url) { file in try file.attributes.write("format", string: "cortexkit-responses/2") }
        #expect(throws: NWBError.newerFormat(file: url.path, found: "cortexkit-responses/2", supported: "cortexkit-responses/1")) {
            try ResponseFile.read(from: url)
        }
        let message = "\(NWBError.newerFormat(file: url.path, found: "cortexkit-responses/2", supported: "cortexkit-responses/1"))"
        #expect(message.contains(url.path) && message.contains("cortexkit-responses/2") && message.contains("cortexkit-responses/1"))
        let other = try Fixtures.temporaryDirectory().appendingPathComponent("other.h5")
        try HDF5File.writeAtomically(to: other) { file in try file.attributes.write("format", string: "cortexkit-features/1") }
        #expect(throws: NWBError.self) { try ResponseFile.read(from: other) }
        #expect(ResponseFile.formatVersion.compatibility(of: "cortexkit-responses/1") == .readable(major: 1))
    }

    @Test("a response file written before the signal kind was recorded reads as spike counts, and the same file with it")
    func withoutSignal() throws {
        let legacy = try ResponseFile.read(from: Fixtures.url("responses-without-signal.h5"))
        #expect(legacy.signal == .spikeCounts)
        #expect(legacy.areas.map(\.name) == ["VISp"] && legacy.areas[0].unitCount == 16)
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("again.h5")
        try legacy.write(to: url)
        #expect(try HDF5File.open(url).attributes.string("signal") == "spike_counts")
        #expect(try ResponseFile.read(from: url).areas[0].matrix == legacy.areas[0].matrix)
    }
}
