import CortexHDF5
import CortexNumerics
import Foundation

/// The response file `cortex responses` writes and `cortex compare` reads: per-area response
/// matrices with their provenance, in a fixed HDF5 layout scripts can rely on.
///
/// Layout (format `cortexkit-responses/1`):
///
///     /<AREA>/counts          float64, units × bins   trial-averaged spike counts per bin
///                                                      (bins = frames · binsPerFrame; smoothed if asked)
///     /<AREA>/unit_ids        int64,   units
///     /<AREA>/session_index   int64,   units          index into the `source_files` attribute
///     /<AREA>/trials          int32,   repeats × units × bins   (only with keepTrials)
///     attributes of /: format, stimulus, repeats, frames, bins_per_frame, filter, min_rate (NaN when
///     none), smoothing, areas, source_files, source_sha256, cortexkit_version
///
/// Writing is atomic: a temporary file in the destination folder, renamed over the target.
public struct ResponseFile: Sendable {
    /// One area's responses.
    public struct Area: Sendable {
        public var name: String
        public var unitIDs: [Int64]
        /// Index into ``ResponseFile/sources`` of each unit's session.
        public var sessionIndex: [Int64]
        /// Units × bins, trial-averaged (and smoothed, if requested).
        public var counts: NDArray<Double>
        /// Repeats × units × bins spike counts, when kept.
        public var trials: NDArray<Int32>?

        public init(name: String, unitIDs: [Int64], sessionIndex: [Int64], counts: NDArray<Double>,
                    trials: NDArray<Int32>?) {
            self.name = name
            self.unitIDs = unitIDs
            self.sessionIndex = sessionIndex
            self.counts = counts
            self.trials = trials
        }
    }

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
    public var areas: [Area]
    /// The producing software, e.g. "CortexKit 0.1.0".
    public var producer: String

    public init(stimulus: String, repeatCount: Int, frameCount: Int, binsPerFrame: Int, filter: Filter,
                minimumRate: Double?, smoothing: ResponseSmoothing, sources: [Source], areas: [Area], producer: String) {
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
    /// order), keeping only `areas` when given (in that order; an area without units is an error).
    ///
    /// - Throws: `.frameLayoutMismatch` when sessions differ in stimulus or frames (or, with
    ///   `keepTrials`, in repeats); `.invalidData` for a requested area no session has.
    public init(sessions: [StimulusResponses], sources: [Source], areas wanted: [String]?, keepTrials: Bool,
                filter: Filter, minimumRate: Double?, producer: String) throws(NWBError) {
        precondition(!sessions.isEmpty && sessions.count == sources.count, "ResponseFile: one source per session")
        let first = sessions[0]
        let pooled = try PseudoPopulation(pooling: sessions)
        if keepTrials, let odd = sessions.first(where: { $0.repeatCount != first.repeatCount }) {
            throw .frameLayoutMismatch(expected: "\(first.repeatCount) repeats (as \(first.file))",
                                       found: "\(odd.repeatCount) repeats", file: odd.file)
        }
        let names = wanted ?? pooled.areas.map(\.area)
        var areas: [Area] = []
        for name in names {
            guard let area = pooled[name] else {
                throw .invalidData(file: sessions.map(\.file).joined(separator: ", "), path: "/units",
                                   reason: "no kept units in area \(name) (areas with units: "
                                   + pooled.areas.map(\.area).joined(separator: ", ") + ")")
            }
            // Pooling concatenates sessions in order, so the index follows from per-session counts
            // (not from file names: the same file may be given twice).
            let sessionIndex = sessions.enumerated().flatMap { index, session in
                Array(repeating: Int64(index), count: session.units.filter { $0.area == name }.count)
            }
            precondition(sessionIndex.count == area.unitIDs.count, "ResponseFile: pooled rows disagree with sessions")
            let trials = keepTrials ? Self.trials(of: name, in: sessions) : nil
            areas.append(Area(name: name, unitIDs: area.unitIDs, sessionIndex: sessionIndex, counts: area.matrix,
                              trials: trials))
        }
        self.init(stimulus: first.stimulus, repeatCount: first.repeatCount, frameCount: first.frameCount,
                  binsPerFrame: first.binsPerFrame, filter: filter, minimumRate: minimumRate,
                  smoothing: first.smoothing, sources: sources, areas: areas, producer: producer)
    }

    /// Repeats × (units of `area` across sessions, in session then table order) × bins.
    static func trials(of area: String, in sessions: [StimulusResponses]) -> NDArray<Int32> {
        let repeats = sessions[0].repeatCount
        let bins = sessions[0].bins.binsPerRepeat
        var perSession: [(rows: [Int], session: StimulusResponses)] = []
        for s in sessions {
            perSession.append((s.units.indices.filter { s.units[$0].area == area }, s))
        }
        let unitTotal = perSession.reduce(0) { $0 + $1.rows.count }
        var values = [Int32](repeating: 0, count: repeats * unitTotal * bins)
        for r in 0..<repeats {
            var u = 0
            for (rows, s) in perSession {
                let sessionUnits = s.units.count
                s.trials.withUnsafeBufferPointer { t in
                    for row in rows {
                        let source = (r * sessionUnits + row) * bins
                        let target = (r * unitTotal + u) * bins
                        for b in 0..<bins { values[target + b] = t[source + b] }
                        u += 1
                    }
                }
            }
        }
        return NDArray(shape: [repeats, unitTotal, bins], scalars: values)
    }
}
