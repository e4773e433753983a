import CortexHDF5
import CortexNumerics
import Foundation

/// The response file `cortex responses` writes and `cortex compare` reads: per-area response
/// matrices with their provenance, in a fixed HDF5 layout scripts can rely on.
///
/// Layout (format `cortexkit-responses/1`):
///
///     /<AREA>/counts          float64, units × bins   trial-averaged spike counts per bin (in memory:
///                                                      ``AreaResponses/matrix``, bins × units)
///                                                      (bins = frames · binsPerFrame; smoothed if asked)
///     /<AREA>/unit_ids        int64,   units
///     /<AREA>/session_index   int64,   units          index into the `source_files` attribute
///     /<AREA>/trials          int32,   repeats × units × bins   (only with keepTrials; float64 for
///                                                      a 2-photon signal)
///     attributes of /: format, stimulus, repeats, frames, bins_per_frame, filter, min_rate (NaN when
///     none), smoothing, areas, source_files, source_sha256, cortexkit_version, signal
///     (`spike_counts`, `dff`, `events`, `fluorescence`; files without it hold spike counts)
///
/// Writing is atomic: a temporary file in the destination folder, renamed over the target.
public struct ResponseFile: Sendable {
    /// A source session file and its SHA-256.
    public struct Source: Sendable, Hashable {
        public var path: String
        public var sha256: String
        public init(path: String, sha256: String) { self.path = path; self.sha256 = sha256 }
    }

    public var stimulus: String
    public var repeatCount: Int
    public var frameCount: Int
    public var binsPerFrame: Int
    /// The unit quality filter, as recorded (`none`, `allen-default`, or another description).
    public var filter: Filter
    /// The minimum mean rate (spikes/s) units had to reach, if any.
    public var minimumRate: Double?
    /// The smoothing applied (recorded as text, ``ResponseSmoothing/recorded``).
    public var smoothing: ResponseSmoothing
    public var sources: [Source]
    /// The areas; each matrix is bins × units in memory (units × bins on disk).
    public var areas: [AreaResponses]
    /// The producing software, e.g. "CortexKit 0.1.0".
    public var producer: String
    /// What the matrices measure (root attribute `signal`; absent in older files: spike counts).
    public var signal: ResponseSignal = .spikeCounts
    /// Seconds per movie frame: the median duration of the stimulus table's frame presentations
    /// (root attribute `frame_period_s`, absent when unknown, e.g. 2-photon responses or older
    /// files). Reports use it to give lags and movie time in milliseconds and seconds.
    public var framePeriod: Double? = nil

    public init(stimulus: String, repeatCount: Int, frameCount: Int, binsPerFrame: Int, filter: Filter,
                minimumRate: Double?, smoothing: ResponseSmoothing, sources: [Source], areas: [AreaResponses], producer: String) {
        self.stimulus = stimulus
        self.repeatCount = repeatCount
        self.frameCount = frameCount
        self.binsPerFrame = binsPerFrame
        self.filter = filter
        self.minimumRate = minimumRate
        self.smoothing = smoothing
        self.sources = sources
        self.areas = areas
        self.producer = producer
    }

    /// The file's contents from the responses of one or more sessions (pooled per area, sessions in
    /// order, by ``init(pooling:)``), keeping only `areas` when given (in that order; an area
    /// without units is an error; default: every area with units, sorted by name).
    ///
    /// - Throws: `.frameLayoutMismatch` when sessions differ in stimulus or frames (or, with
    ///   `keepTrials`, in repeats); `.invalidData` for a requested area no session has.
    public init(sessions: [StimulusResponses], sources: [Source], areas wanted: [String]?, keepTrials: Bool,
                filter: Filter, minimumRate: Double?, producer: String) throws(NWBError) {
        precondition(!sessions.isEmpty && sessions.count == sources.count, "ResponseFile: one source per session")
        let first = sessions[0]
        if keepTrials, let odd = sessions.first(where: { $0.repeatCount != first.repeatCount }) {
            throw .frameLayoutMismatch(expected: "\(first.repeatCount) repeats (as \(first.file))",
                                       found: "\(odd.repeatCount) repeats", file: odd.file)
        }
        let perSession = zip(sessions, sources).map { session, source in
            var file = ResponseFile(stimulus: session.stimulus, repeatCount: session.repeatCount, frameCount: session.frameCount,
                                    binsPerFrame: session.binsPerFrame, filter: filter, minimumRate: minimumRate,
                                    smoothing: session.smoothing, sources: [source], areas: session.byArea(keepTrials: keepTrials),
                                    producer: producer)
            file.framePeriod = session.bins.framePeriod
            return file
        }
        var pooled = try ResponseFile(pooling: perSession)
        let available = pooled.areas.map(\.name).sorted()
        guard !available.isEmpty else {
            throw .invalidData(file: sessions.map(\.file).joined(separator: ", "), path: "/units",
                               reason: "no unit is left in any brain area after the unit filters (filter \(filter.recorded)"
                               + (minimumRate.map { ", minimum rate \($0) spikes/s" } ?? "") + ")")
        }
        var areas: [AreaResponses] = []
        for name in wanted ?? available {
            guard let area = pooled.areas.first(where: { $0.name == name }) else {
                throw .invalidData(file: sessions.map(\.file).joined(separator: ", "), path: "/units",
                                   reason: "no kept units in area \(name) (areas with units: " + available.joined(separator: ", ") + ")")
            }
            areas.append(area)
        }
        pooled.areas = areas
        self = pooled
    }
}
