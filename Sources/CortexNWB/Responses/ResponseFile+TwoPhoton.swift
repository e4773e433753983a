extension ResponseFile {
    /// The file's contents from the 2-photon responses of one or more sessions, pooled per area
    /// into pseudo-populations as for spike counts (``init(pooling:)``), keeping only `areas` when
    /// given (in that order). The `filter` attribute records the plane and mouse selection
    /// (``TwoPhotonOptions/recordedSelection``); there is no rate threshold.
    ///
    /// - Throws: `.frameLayoutMismatch` when sessions differ in stimulus, frames or signal (or, with
    ///   `keepTrials`, repeats); `.invalidData` when no ROI is left, or for a requested area without ROIs.
    public init(twoPhoton sessions: [TwoPhotonResponses], sources: [Source], areas wanted: [String]?, keepTrials: Bool,
                selection: String, producer: String) throws(NWBError) {
        precondition(!sessions.isEmpty && sessions.count == sources.count, "ResponseFile: one source per session")
        let first = sessions[0]
        if keepTrials, let odd = sessions.first(where: { $0.repeatCount != first.repeatCount && !$0.rois.isEmpty }) {
            throw .frameLayoutMismatch(expected: "\(first.repeatCount) repeats (as \(first.file))",
                                       found: "\(odd.repeatCount) repeats", file: odd.file)
        }
        let perSession = zip(sessions, sources).map { session, source in
            var file = ResponseFile(stimulus: session.stimulus, repeatCount: session.repeatCount, frameCount: session.frameCount,
                                    binsPerFrame: 1, filter: Filter(recorded: selection), minimumRate: nil,
                                    smoothing: session.smoothing, sources: [source], areas: session.byArea(keepTrials: keepTrials),
                                    producer: producer)
            file.signal = session.signal
            file.framePeriod = session.framePeriod
            return file
        }
        var pooled = try ResponseFile(pooling: perSession)
        let available = pooled.areas.map(\.name).sorted()
        let files = sessions.map(\.file).joined(separator: ", ")
        guard !available.isEmpty else {
            let reasons = sessions.flatMap(\.exclusions).map(\.description)
            throw .invalidData(file: files, path: "/processing", reason: "no ROI is left in any brain area"
                               + (reasons.isEmpty ? "" : " (" + reasons.joined(separator: "; ") + ")"))
        }
        var areas: [AreaResponses] = []
        for name in wanted ?? available {
            guard let area = pooled.areas.first(where: { $0.name == name }) else {
                throw .invalidData(file: files, path: "/general/optophysiology",
                                   reason: "no ROIs in area \(name) (areas with ROIs: " + available.joined(separator: ", ") + ")")
            }
            areas.append(area)
        }
        pooled.areas = areas
        self = pooled
    }
}
