import CortexHDF5
import CortexRuntime
import Foundation

extension ResponseFile {
    /// The study's areas that have ROIs in at least one 2-photon session; when none of the six
    /// has any, every area with ROIs (sorted).
    public static func studyAreas(inTwoPhoton sessions: [TwoPhotonResponses]) -> [String]? {
        let found = studyAreas.filter { area in sessions.contains { $0.rois.contains { $0.area == area } } }
        return found.isEmpty ? nil : found
    }

    /// Responses built straight from 2-photon sessions with CortexKit's 2-photon defaults: mean ΔF/F
    /// per movie frame averaged over repeats, every plane and mouse, trials kept, pooled per area;
    /// `areas` nil = the study's six that have ROIs. `digests` maps each session's path to its
    /// SHA-256 (computed here when missing).
    public static func twoPhotonDefaults(sessions paths: [(path: String, url: URL)], stimulus: String, areas: [String]?,
                                         digests: [String: String] = [:], producer: String) throws -> ResponseFile {
        let options = TwoPhotonOptions(stimulus: stimulus)
        var sessions: [TwoPhotonResponses] = []
        var sources: [Source] = []
        for (path, url) in paths {
            let file = try nwbHDF5 { () throws(HDF5Error) in try HDF5File.open(url) }
            sessions.append(try TwoPhotonResponses(session: TwoPhotonSession(file: file), options: options))
            sources.append(Source(path: path, sha256: try digests[url.path] ?? SHA256.hexDigest(ofFile: url)))
        }
        return try ResponseFile(twoPhoton: sessions, sources: sources, areas: areas ?? studyAreas(inTwoPhoton: sessions),
                                keepTrials: true, selection: options.recordedSelection, producer: producer)
    }
}
