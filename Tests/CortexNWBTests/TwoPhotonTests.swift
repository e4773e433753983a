import CortexHDF5
import CortexNumerics
import CortexNWB
import Foundation
import Testing

/// `twophoton_reference.json` (scripts/reference/twophoton_reference.py): h5py + numpy responses of
/// the shipped synthetic 2-photon sessions (scripts/make_twophoton_sessions.py).
struct TwoPhotonReference: Decodable {
    struct Plane: Decodable {
        let area: String
        let ids: [Int64]
        let nonFiniteIds: [Int64]
        let averageFirstFrames: [[Double]]
        let roiMean: [Double]
        let roiMeanSquare: [Double]
        let firstRoiTrials: [[Double]]
        let repeats: Int
        let frames: Int
        let windowsWithSamples: [Int]?
        let singleFrameRows: Int?
    }
    /// file → signal → plane.
    let files: [String: [String: [String: Plane]]]

    static let shared: TwoPhotonReference = {
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(TwoPhotonReference.self, from: Data(contentsOf: Fixtures.url("twophoton_reference.json")))
        } catch {
            fatalError("Fixtures/twophoton_reference.json cannot be decoded: \(error)")
        }
    }()

    /// A shipped dataset by name.
    static func dataset(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("datasets").appendingPathComponent(name)
    }
}

@Suite struct TwoPhotonTests {
    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    static func responses(_ name: String, _ options: TwoPhotonOptions = TwoPhotonOptions()) throws -> TwoPhotonResponses {
        try TwoPhotonResponses(session: TwoPhotonSession(file: HDF5File.open(TwoPhotonReference.dataset(name))), options: options)
    }

    /// Every kept plane of the reference equals the Swift responses: ROI ids, first frames of the
    /// trial average, per-ROI mean and mean square over all repeats and frames, first ROI's trials.
    static func expectMatches(_ name: String, signal: ResponseSignal, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try responses(name, TwoPhotonOptions(signal: signal))
        let planes = try #require(TwoPhotonReference.shared.files[name]?[signal.recorded], sourceLocation: sourceLocation)
        for (planeName, ref) in planes.sorted(by: { $0.key < $1.key }) where !ref.area.isEmpty {
            let rows = r.rois.indices.filter { r.rois[$0].plane == planeName }
            #expect(rows.map { r.rois[$0].id } == ref.ids, "\(name) \(planeName) ids", sourceLocation: sourceLocation)
            #expect(r.repeatCount == ref.repeats && r.frameCount == ref.frames, sourceLocation: sourceLocation)
            let (repeats, rois, frames) = (r.repeatCount, r.rois.count, r.frameCount)
            var worst = 0.0
            for (k, row) in rows.enumerated() {
                for f in 0..<20 { worst = max(worst, abs(r.trialAverage[row, f] - ref.averageFirstFrames[k][f])) }
                var sum = 0.0, squares = 0.0
                for rep in 0..<repeats {
                    for f in 0..<frames {
                        let v = r.trials.scalars[(rep * rois + row) * frames + f]
                        sum += v; squares += v * v
                    }
                }
                #expect(close(sum / Double(repeats * frames), ref.roiMean[k]), "\(name) \(planeName) ROI \(k) mean",
                        sourceLocation: sourceLocation)
                #expect(close(squares / Double(repeats * frames), ref.roiMeanSquare[k]), "\(name) \(planeName) ROI \(k) mean square",
                        sourceLocation: sourceLocation)
            }
            #expect(worst <= 1e-9, "\(name) \(planeName): largest difference \(worst)", sourceLocation: sourceLocation)
            for rep in 0..<2 {
                for f in 0..<10 {
                    #expect(close(r.trials.scalars[(rep * rois + rows[0]) * frames + f], ref.firstRoiTrials[rep][f]),
                            sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func allenNWB1ResponsesEqualTheReference() throws {
        try Self.expectMatches("demo-2p-visp-nwb1.nwb", signal: .dff)
        try Self.expectMatches("demo-2p-visp-nwb1.nwb", signal: .fluorescence)
        // 29 Hz imaging under a 30 Hz movie: rows whose end equals their start use the start frame.
        #expect(TwoPhotonReference.shared.files["demo-2p-visl-nwb1.nwb"]?["dff"]?["imaging_plane_1"]?.singleFrameRows ?? 0 > 0)
        try Self.expectMatches("demo-2p-visl-nwb1.nwb", signal: .dff)
    }

    @Test(arguments: [ResponseSignal.dff, .fluorescence, .events])
    func nwb2ResponsesEqualTheReferenceWithWindowsOfZeroOneAndTwoSamples(signal: ResponseSignal) throws {
        let windows = try #require(TwoPhotonReference.shared.files["demo-2p-nwb2.nwb"]?["dff"]?["plane_visp"]?.windowsWithSamples)
        #expect(windows.allSatisfy { $0 > 0 }, "windows holding 0, 1 and 2+ samples: \(windows)")
        try Self.expectMatches("demo-2p-nwb2.nwb", signal: signal)
    }

    @Test func nanROIsAndPlanesWithoutAreaAreReportedNotSilentlyDropped() throws {
        let r = try Self.responses("demo-2p-nwb2.nwb")
        let ref = try #require(TwoPhotonReference.shared.files["demo-2p-nwb2.nwb"]?["dff"])
        #expect(r.exclusions.contains(.planeWithoutArea(plane: "plane_unlabelled", rois: 6)))
        #expect(r.exclusions.contains(.nonFiniteROIs(plane: "plane_visp", ids: ref["plane_visp"]!.nonFiniteIds)))
        #expect(ref["plane_visp"]!.nonFiniteIds == [1003])
        #expect(r.exclusions.map(\.roiCount).reduce(0, +) == 7)
        #expect(Set(r.rois.map(\.area)) == ["VISp", "VISal"])
        #expect(r.byArea().map { "\($0.name) \($0.unitCount)" } == ["VISal 16", "VISp 17"])
    }

    @Test func planesDescribeAreaDepthIndicatorAndRateInBothGenerations() throws {
        let v1 = try TwoPhotonSession(file: HDF5File.open(TwoPhotonReference.dataset("demo-2p-visp-nwb1.nwb")))
        #expect(v1.generation == 1)
        #expect(v1.planes == [ImagingPlane(name: "imaging_plane_1", path: "/general/optophysiology/imaging_plane_1", area: "VISp",
                                           depth: 175, indicator: "GCaMP6f", imagingRate: 30.5)])
        #expect(v1.creLine == "Cux2-CreERT2")
        #expect(v1.signals == [.dff, .fluorescence])
        #expect(try v1.stimuli().map { "\($0.name) \($0.repeatCount ?? 0)×\($0.framesPerRepeat ?? 0)" } == ["natural_movie_one 10×300"])
        let v2 = try TwoPhotonSession(file: HDF5File.open(TwoPhotonReference.dataset("demo-2p-nwb2.nwb")))
        #expect(v2.generation == 2)
        #expect(v2.planes.map(\.area) == [nil, "VISal", "VISp"])
        #expect(v2.planes.map(\.depth) == [275, 175, 375])
        #expect(v2.creLine == "Rorb-IRES2-Cre")
        #expect(v2.signals == [.dff, .events, .fluorescence])
        #expect(v2.series(of: .dff).map(\.plane) == ["plane_unlabelled", "plane_visal", "plane_visp"])
        #expect(v2.series(of: .dff).last?.roiIDs.first == 1000)
        #expect(ImagingPlane.depthInText("Cux2 layer 2/3, 175 µm below the pia") == 175)
        #expect(ImagingPlane.depthInText("no depth here") == nil)
    }

    @Test func depthRangeAndCreLineSelectPlanesAndSessions() throws {
        let deep = try Self.responses("demo-2p-nwb2.nwb", TwoPhotonOptions(depthRange: 300...400))
        #expect(Set(deep.rois.map(\.area)) == ["VISp"])
        #expect(deep.exclusions.contains(.outsideDepthRange(plane: "plane_visal", depth: 175, rois: 16)))
        let other = try Self.responses("demo-2p-nwb2.nwb", TwoPhotonOptions(creLine: "cux2-creert2"))
        #expect(other.rois.isEmpty && other.exclusions.allSatisfy { if case .otherCreLine = $0 { true } else { false } })
        let same = try Self.responses("demo-2p-visp-nwb1.nwb", TwoPhotonOptions(creLine: "cux2-creert2"))
        #expect(same.rois.count == 24)
    }

    @Test func eventsAreRefusedWhereTheFileHasNone() throws {
        let url = TwoPhotonReference.dataset("demo-2p-visp-nwb1.nwb")
        #expect(throws: NWBError.invalidData(file: url.path, path: "/processing",
                                             reason: "no calcium events traces (the file has: ΔF/F, fluorescence)")) {
            try Self.responses("demo-2p-visp-nwb1.nwb", TwoPhotonOptions(signal: .events))
        }
    }

    @Test func responseFilesRecordTheSignalAndKeepRealTrials() throws {
        let sessions = try ["demo-2p-visp-nwb1.nwb", "demo-2p-nwb2.nwb"].map { try Self.responses($0) }
        let file = try ResponseFile(twoPhoton: sessions, sources: [.init(path: "a", sha256: "1"), .init(path: "b", sha256: "2")],
                                    areas: nil, keepTrials: true, selection: "none", producer: "test")
        #expect(file.signal == .dff && file.minimumRate == nil && file.binsPerFrame == 1)
        #expect(file.areas.map { "\($0.name) \($0.unitCount)" } == ["VISal 16", "VISp 41"])   // 24 (NWB 1.x) + 17 (NWB 2.x)
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("2p.h5")
        try file.write(to: url)
        let read = try ResponseFile.read(from: url)
        #expect(read.signal == .dff)
        let visp = try #require(read.areas.first { $0.name == "VISp" })
        #expect(visp.trials == nil && visp.signalTrials == file.areas[1].signalTrials)
        #expect(visp.trialValues?.shape == [10, 41, 300])
        #expect(visp.sessionIndex.filter { $0 == 1 }.count == 17)
        // Trial average = mean of the kept trials.
        let t = try #require(visp.signalTrials)
        for (u, f) in [(0, 0), (30, 299)] {
            let mean = (0..<10).map { t.scalars[($0 * 41 + u) * 300 + f] }.reduce(0, +) / 10
            #expect(Self.close(visp.matrix[f, u], mean))
        }
    }

    @Test func spikeCountsAndTwoPhotonSignalsDoNotPool() throws {
        let twoPhoton = try ResponseFile(twoPhoton: [Self.responses("demo-2p-visp-nwb1.nwb")], sources: [.init(path: "a", sha256: "1")],
                                         areas: nil, keepTrials: false, selection: "none", producer: "test")
        var spikes = twoPhoton
        spikes.signal = .spikeCounts
        spikes.sources = [.init(path: "b", sha256: "2")]
        #expect(throws: NWBError.self) { try ResponseFile(pooling: [spikes, twoPhoton]) }
    }

    /// The shipped sessions show natural_movie_one at exactly 30 Hz (scripts/make_twophoton_sessions.py:
    /// NWB 1.x tables with their own timestamps, imaging at 30.5 and 29 Hz; NWB 2.x presentations
    /// with ~10 % of frames lasting 50 ms, so the median is 1/30 s).
    @Test(arguments: ["demo-2p-visp-nwb1.nwb", "demo-2p-visl-nwb1.nwb", "demo-2p-nwb2.nwb"])
    func framePeriodIsTheMovieFramesDuration(name: String) throws {
        let period = try #require(try Self.responses(name).framePeriod)
        #expect(abs(period - 1.0 / 30) < 1e-9, "\(name): \(period) s")
        let file = try ResponseFile(twoPhoton: [try Self.responses(name)], sources: [.init(path: name, sha256: "")], areas: nil,
                                    keepTrials: false, selection: "all", producer: "tests")
        #expect(file.framePeriod == period, "the response file records it (frame_period_s)")
    }
}
