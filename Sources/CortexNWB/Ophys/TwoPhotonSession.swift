import CortexHDF5
import Foundation

/// A 2-photon session file of either NWB generation: its imaging planes, trace series, Cre line and
/// movie stimuli — what `cortex inspect` describes and ``TwoPhotonResponses`` aligns.
///
/// Two stimulus layouts:
/// - **Allen NWB 1.x**: `/stimulus/presentation/<name>_stimulus` with `frame_duration` (imaging-frame
///   windows per movie frame, ``ImagingFrameStimulus``);
/// - **NWB 2.x**: `/intervals/<name>_presentations` (or the older single epochs table) in seconds,
///   read by ``NWBSession``.
///
/// ```swift
/// let session = try TwoPhotonSession(file: HDF5File.open(url))
/// session.planes.map(\.area)               // ["VISp"]
/// session.series(of: .dff).map(\.roiCount)  // ROIs per plane
/// ```
public struct TwoPhotonSession: Sendable {
    /// The open file.
    public let file: HDF5File
    /// The imaging planes, sorted by name.
    public let planes: [ImagingPlane]
    /// Every trace series, in path order.
    public let series: [TraceSeries]
    /// `/general/subject/genotype`, when recorded.
    public let genotype: String?

    /// Reads the session's planes and series (not the traces).
    /// - Throws: `.hdf5` for unreadable groups; `.invalidData` for a series whose shape matches none
    ///   of its timestamps.
    public init(file: HDF5File) throws(NWBError) {
        self.file = file
        planes = try ImagingPlane.planes(in: file)
        series = try TraceSeries.all(in: file, planes: planes)
        genotype = file.exists("/general/subject/genotype") ? (try? file.dataset("/general/subject/genotype").readString()) : nil
    }

    /// Whether the file holds 2-photon data: imaging planes or ophys trace series.
    public static func holdsTwoPhotonData(_ file: HDF5File) -> Bool {
        guard file.exists("/general/optophysiology") || file.exists("/processing") else { return false }
        let planes = (try? ImagingPlane.planes(in: file)) ?? []
        return !planes.isEmpty || !((try? TraceSeries.all(in: file, planes: planes)) ?? []).isEmpty
    }

    /// The file's path on disk.
    public var path: String { file.path }

    /// The NWB generation: 1 for files with a `/nwb_version` dataset (NWB 1.x), else 2.
    public var generation: Int { file.exists("/nwb_version") && !file.attributes.contains("nwb_version") ? 1 : 2 }

    /// The Cre line named in the genotype: its first `;`-separated part containing "Cre", without
    /// an allele suffix ("Cux2-CreERT2/wt;Camk2a-tTA/wt;…" → "Cux2-CreERT2"); nil when none.
    public var creLine: String? {
        guard let genotype else { return nil }
        let part = genotype.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.contains("Cre") }
        return part.map { String($0.split(separator: "/").first ?? Substring($0)) }
    }

    /// The series holding `signal`, in path order.
    public func series(of signal: ResponseSignal) -> [TraceSeries] { series.filter { $0.signal == signal } }

    /// The signals the file has traces of, in ``ResponseSignal`` order.
    public var signals: [ResponseSignal] { ResponseSignal.allCases.filter { s in series.contains { $0.signal == s } } }

    /// The plane named `name`.
    public func plane(named name: String?) -> ImagingPlane? { planes.first { $0.name == name } }

    /// The movie stimuli in imaging-frame windows (Allen NWB 1.x), by name.
    public func imagingFrameStimulusNames() -> [String] {
        let root = "/stimulus/presentation"
        guard file.exists(root), let children = try? file.group(root).children() else { return [] }
        return children.filter { $0.kind == .group && $0.name.hasSuffix("_stimulus") }
            .map { String($0.name.dropLast("_stimulus".count)) }
            .filter { file.exists("\(root)/\($0)_stimulus/frame_duration") }.sorted()
    }

    /// Every stimulus with its presentation count and, for movies, repeats and frames per repeat:
    /// the imaging-frame tables of NWB 1.x, else the interval tables of NWB 2.x (none when the file
    /// has neither).
    public func stimuli() throws(NWBError) -> [StimulusSummary] {
        let names = imagingFrameStimulusNames()
        if !names.isEmpty {
            return names.map { name in
                let path = "/stimulus/presentation/\(name)_stimulus"
                let rows = (try? file.dataset(path + "/data").shape.first ?? 0) ?? 0
                let movie = try? ImagingFrameStimulus(file: file, stimulus: name)
                return StimulusSummary(name: name, tablePath: path, presentationCount: rows,
                                       repeatCount: movie?.repeatCount, framesPerRepeat: movie?.frameCount)
            }
        }
        let session = NWBSession(file: file)
        guard file.exists("/intervals"), (try? session.intervalLayout()) != nil else { return [] }
        return try session.stimuli()
    }

    /// The imaging rate of a series' plane as stated, else from the series' sample times (median
    /// interval), else nil.
    public func imagingRate(of series: TraceSeries) -> Double? {
        if let rate = plane(named: series.plane)?.imagingRate { return rate }
        guard let group = try? file.group(series.path) else { return nil }
        if group.exists("timestamps"), let t = try? group.dataset("timestamps").readVector(as: Double.self), t.count > 1 {
            let steps = zip(t.dropFirst(), t).map { $0 - $1 }.sorted()
            let median = steps[steps.count / 2]
            return median > 0 ? 1 / median : nil
        }
        if group.exists("starting_time"), let start = try? group.dataset("starting_time"),
           let rate = try? start.attributes.open("rate").readScalar(as: Double.self), rate > 0 {
            return rate
        }
        return nil
    }
}

extension TwoPhotonSession {
    /// Whether the file is a 2-photon session without spike data: 2-photon data and no `/units`.
    public static func isTwoPhotonSession(_ file: HDF5File) -> Bool {
        !file.exists("/units") && holdsTwoPhotonData(file)
    }
}
