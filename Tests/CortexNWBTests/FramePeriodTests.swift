import Foundation
import Testing
import CortexNumerics
@testable import CortexNWB

/// The movie's frame period, from the stimulus table to the response file.
@Suite("Frame period")
struct FramePeriodTests {
    @Test("the median presentation duration × bins per frame; a stray long presentation does not move it")
    func median() {
        // 4 frames × 1 repeat, 2 bins per frame of 1/60 s, one bin stretched (a dropped frame)
        let bin = 1.0 / 60
        var starts: [Double] = (0..<5).map { Double($0) * bin }
        starts += (5..<8).map { Double($0) * bin + 0.5 }
        var stops: [Double] = (1..<5).map { Double($0) * bin }
        stops += (5..<9).map { Double($0) * bin + 0.5 }
        let bins = FrameBins(starts: starts, stops: stops, binsPerFrame: 2, frameCount: 4, repeatCount: 1)
        #expect(abs((bins.framePeriod ?? 0) - 2 / 60) < 1e-12)
    }

    @Test("the demo session's responses record 1/30 s per frame; the file keeps it; pooling keeps it")
    func recorded() throws {
        let session = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("datasets/demo-session.nwb")
        let file = try ResponseFile.studyDefaults(sessions: [("demo", session)], stimulus: "natural_movie_one", areas: ["VISp"],
                                                  producer: "test")
        let period = try #require(file.framePeriod)
        #expect(abs(period - 1 / 30) < 1e-3, "\(period)")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ck-period-\(UUID().uuidString).h5")
        defer { try? FileManager.default.removeItem(at: url) }
        try file.write(to: url)
        #expect(try ResponseFile.read(from: url).framePeriod == period)
        // Pooled with a file that records none (written before the frame period was): the known one.
        var older = file
        older.sources = [.init(path: "older.h5", sha256: String(repeating: "0", count: 64))]
        older.framePeriod = nil
        #expect(try ResponseFile(pooling: [file, older]).framePeriod == period)
    }
}
