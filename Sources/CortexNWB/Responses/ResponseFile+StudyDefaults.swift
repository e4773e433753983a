import CortexNumerics
import CortexRuntime
import Foundation

extension ResponseFile {
    /// The six visual areas of the reference study.
    public static let studyAreas = ["VISp", "VISl", "VISrl", "VISal", "VISpm", "VISam"]

    /// The study's areas that have kept units in at least one session.
    public static func studyAreas(in sessions: [StimulusResponses]) -> [String] {
        studyAreas.filter { area in sessions.contains { s in s.units.contains { $0.area == area } } }
    }

    /// Responses built straight from NWB sessions with the reference study's preprocessing: counts
    /// per displayed frame averaged over repeats, units with a mean rate ≥ 0.5 spikes/s, pooled per
    /// area; `areas` nil = the study's six that have units. `digests` maps each session's path to
    /// its SHA-256 (computed here when missing). Trials are kept (repeats × units × frames), so
    /// split-half-trial ceilings work on these responses as on a file written with `--keep-trials`.
    public static func studyDefaults(sessions paths: [(path: String, url: URL)], stimulus: String, areas: [String]?,
                                     digests: [String: String] = [:], producer: String) throws -> ResponseFile {
        var sessions: [StimulusResponses] = []
        var sources: [Source] = []
        for (path, url) in paths {
            sessions.append(try StimulusResponses(session: try NWBSession.open(url), options: ResponseOptions(
                stimulus: stimulus, filter: .minimumRate(spikesPerSecond: 0.5))))
            sources.append(Source(path: path, sha256: try digests[url.path] ?? SHA256.hexDigest(ofFile: url)))
        }
        return try ResponseFile(sessions: sessions, sources: sources, areas: areas ?? studyAreas(in: sessions),
                                keepTrials: true, filter: .none, minimumRate: 0.5, producer: producer)
    }
}
