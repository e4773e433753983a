import CortexHDF5
import CortexNWB
import CortexNumerics
import CortexRuntime
import Foundation

/// The brain side of a comparison, loaded once: response files and/or NWB sessions pooled into one
/// pseudo-population (``ResponseFile/init(pooling:)``), the selected areas (``AreaResponses``:
/// frames × units, with unit ids and trials), and the provenance results record.
///
/// ```swift
/// let brain = try BrainResponses.load(responseFiles: [("responses.h5", url)], areas: ["VISp", "VISl"],
///                                     producer: "my study")
/// brain.areas[0].matrix.shape      // [frames, units]
/// ```
public struct BrainResponses: Sendable {
    /// The pooled responses as they would be written to a response file.
    public var file: ResponseFile
    /// The compared areas, in the order asked for (all of the file's when none were named);
    /// matrices are bins × units.
    public var areas: [AreaResponses]
    /// What results record about the responses.
    public var provenance: CompareResult.Responses

    /// The (area, frames × units) pairs the scoring functions take.
    public var brain: [(area: String, matrix: NDArray<Double>)] { areas.map { ($0.name, $0.matrix) } }

    /// Bins the model side must have: frames × bins per frame.
    public var binCount: Int { file.frameCount * file.binsPerFrame }

    /// Selects `areas` (all when nil, in file order) of already loaded responses; `provenance`
    /// defaults to the file's own sources.
    /// - Throws: ``PipelineError/unknownName(kind:name:file:available:)`` for an area the file lacks.
    public init(file: ResponseFile, areas wanted: [String]?, provenance: CompareResult.Responses? = nil) throws {
        self.file = file
        var provenance = provenance ?? CompareResult.Responses(
            sources: file.sources.map { InputSource(.nwbSession, path: $0.path, sha256: $0.sha256) },
            stimulus: file.stimulus, frames: file.frameCount, repeats: file.repeatCount)
        provenance.signal = file.signal.recorded
        provenance.filter = file.filter.recorded
        provenance.minimumRate = file.minimumRate
        provenance.framePeriod = file.framePeriod
        let names = wanted ?? file.areas.map(\.name)
        areas = try names.map { name in
            guard let area = file.areas.first(where: { $0.name == name }) else {
                throw PipelineError.unknownName(kind: "area", name: name, file: provenance.label,
                                                available: file.areas.map(\.name))
            }
            guard area.unitCount > 0 else {
                throw PipelineError.tooFewUnits(detail: "\(provenance.label): area \(name) has no units")
            }
            return area
        }
        let inputs = file.sources.count
        provenance.units = areas.map { area in
            // Units per pooled input (the session index each unit records), when there are several.
            var counts = [Int](repeating: 0, count: inputs)
            for s in area.sessionIndex where s >= 0 && Int(s) < inputs { counts[Int(s)] += 1 }
            return .init(area: area.name, units: area.unitCount, perSession: inputs > 1 ? counts : nil)
        }
        guard !areas.isEmpty else {
            throw PipelineError.tooFewUnits(detail: "\(provenance.label): no area with units to compare")
        }
        self.provenance = provenance
    }

    /// Loads and pools the responses of a comparison: NWB sessions (counted with the study's
    /// defaults, ``ResponseFile/studyDefaults(sessions:stimulus:areas:digests:producer:)``, trials
    /// kept) first, then response files, in the order given. The one loader behind
    /// `cortex compare`, `cortex ceiling` and batch reports.
    /// - Parameters:
    ///   - digests: SHA-256 of inputs already hashed, by resolved path (hashed here otherwise).
    /// - Throws: ``PipelineError/invalidSpec(file:line:key:reason:)``-free: `.missingInput` is the
    ///   caller's job; NWB and HDF5 errors as they come; `.frameLayoutMismatch` when inputs differ in
    ///   stimulus, frames or preprocessing; unknown areas.
    public static func load(sessions: [(path: String, url: URL)] = [], responseFiles: [(path: String, url: URL)] = [],
                            stimulus: String = "natural_movie_one", areas: [String]? = nil,
                            digests: [String: String] = [:], producer: String) throws -> BrainResponses {
        precondition(!sessions.isEmpty || !responseFiles.isEmpty, "BrainResponses.load: no responses")
        var files: [ResponseFile] = []
        var sources: [InputSource] = []
        // Spike sessions with the study's defaults, 2-photon sessions with CortexKit's 2-photon ones
        // (ΔF/F); the two kinds do not pool (their signals differ), which pooling reports.
        let twoPhoton = try sessions.map { session in
            TwoPhotonSession.isTwoPhotonSession(try HDF5File.open(session.url))
        }
        let spiking = zip(sessions, twoPhoton).filter { !$0.1 }.map(\.0)
        let imaged = zip(sessions, twoPhoton).filter { $0.1 }.map(\.0)
        if !spiking.isEmpty {
            let file = try ResponseFile.studyDefaults(sessions: spiking, stimulus: stimulus, areas: areas,
                                                      digests: digests, producer: producer)
            files.append(file)
            sources += file.sources.map { InputSource(.nwbSession, path: $0.path, sha256: $0.sha256) }
        }
        if !imaged.isEmpty {
            let file = try ResponseFile.twoPhotonDefaults(sessions: imaged, stimulus: stimulus, areas: areas,
                                                          digests: digests, producer: producer)
            files.append(file)
            sources += file.sources.map { InputSource(.nwbSession, path: $0.path, sha256: $0.sha256) }
        }
        for (path, url) in responseFiles {
            files.append(try ResponseFile.read(from: url))
            sources.append(InputSource(.responseFile, path: path, sha256: try digests[url.path] ?? SHA256.hexDigest(ofFile: url)))
        }
        let pooled = files.count == 1 ? files[0] : try ResponseFile(pooling: files)
        var provenance = CompareResult.Responses(sources: sources, stimulus: pooled.stimulus, frames: pooled.frameCount,
                                                 repeats: pooled.repeatCount)
        provenance.signal = pooled.signal.recorded
        return try BrainResponses(file: pooled, areas: areas, provenance: provenance)
    }
}
