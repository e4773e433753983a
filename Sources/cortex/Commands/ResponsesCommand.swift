import ArgumentParser
import CortexKit
import Foundation

/// `cortex responses`: per-area response matrices (trial-averaged spike counts per movie frame)
/// from one or more NWB sessions, pooled into pseudo-populations, written to one HDF5 file.
struct ResponsesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "responses",
        abstract: "Build per-area responses (spike counts per movie frame, averaged over repeats).",
        discussion: """
            Counts each unit's spikes in every displayed frame [start, stop) of every repeat of the \
            stimulus, averages over repeats and pools the sessions' units per area. Defaults follow the \
            reference study: six visual areas, mean rate ≥ 0.5 spikes/s over the movie, no quality filter. \
            Output layout (fixed): /<AREA>/counts (units × frames, float64), /<AREA>/unit_ids, \
            /<AREA>/session_index, /<AREA>/trials with --keep-trials; provenance in the root attributes.
            """)

    enum FilterChoice: String, ExpressibleByArgument, CaseIterable {
        case none
        case allenDefault = "allen-default"
    }



    /// The 2-photon trace a response is built from.
    enum SignalChoice: String, ExpressibleByArgument, CaseIterable {
        case dff, events, fluorescence
        var signal: ResponseSignal {
            switch self { case .dff: .dff; case .events: .events; case .fluorescence: .fluorescence }
        }
    }

    @Argument(help: "NWB session files: Allen Neuropixels layout (units), or 2-photon sessions (NWB 1.x or 2.x; all of one kind).")
    var files: [String]

    @Option(help: "Stimulus whose presentations define the frames.")
    var stimulus = "natural_movie_one"

    @Option(help: "Comma-separated areas (each must have units), or 'all' for every area with units (default: those of the six visual areas VISp, VISl, VISrl, VISal, VISpm, VISam that have units).")
    var areas: String?

    @Option(help: "Unit quality filter: none, or allen-default (AllenSDK's: good quality, valid channel, amplitude cutoff ≤ 0.1, presence ratio ≥ 0.95, ISI violations ≤ 0.5).")
    var filter: FilterChoice = .none

    @Option(help: "Minimum mean rate over the movie in spikes/s (0 keeps every unit; default 0.5; spike data only).")
    var minRate: Double?

    @Option(help: "Bins per displayed frame (≥ 1).")
    var binsPerFrame: Int = 1

    @Option(help: "Gaussian smoothing over frames, σ in frames (off by default).")
    var smoothSigma: Double?

    @Flag(help: "Also store per-repeat counts as /<AREA>/trials (repeats × units × bins).")
    var keepTrials = false

    @Option(help: "2-photon sessions: the trace to average, dff, events (where the file has them) or fluorescence.")
    var signal: SignalChoice?

    @Option(help: "2-photon sessions: keep planes at least this deep (µm below the pia).")
    var depthMin: Double?

    @Option(help: "2-photon sessions: keep planes at most this deep (µm below the pia).")
    var depthMax: Double?

    @Option(help: "2-photon sessions: keep sessions of this Cre line (as the genotype names it, e.g. Cux2-CreERT2).")
    var creLine: String?

    @Option(name: .shortAndLong, help: "Output HDF5 file.")
    var output: String

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one NWB file") }
        do {
            try OptionLimits.check(.binsPerFrame, binsPerFrame)
            if let minRate { try OptionLimits.check(.minRate, minRate) }
            if let s = smoothSigma { try OptionLimits.check(.smoothSigma, s) }
        } catch {
            throw ValidationError(error.description)
        }
        if let lo = depthMin, let hi = depthMax, !(lo <= hi) {
            throw ValidationError("--depth-min \(lo) is greater than --depth-max \(hi)")
        }
        for (name, value) in [("--depth-min", depthMin), ("--depth-max", depthMax)] {
            if let v = value, !v.isFinite { throw ValidationError("\(name) must be a finite depth in µm, got \(v)") }
        }
    }

    func run() throws {
        try CommandLineFailure.wrapping {
            try OutputGuard.check(output: URL(fileURLWithPath: output), inputs: files.map { URL(fileURLWithPath: $0) })
        }
        if try CommandLineFailure.wrapping({ try Self.twoPhotonInputs(files) }) { return try runTwoPhoton() }
        if signal != nil || depthMin != nil || depthMax != nil || creLine != nil {
            throw CommandLineFailure("--signal, --depth-min, --depth-max and --cre-line apply to 2-photon sessions; "
                                     + "\(files[0]) holds spike data (/units)")
        }
        let minRate = minRate ?? 0.5
        var unitFilters: [UnitFilter] = []
        if filter == .allenDefault { unitFilters.append(.allenDefault) }
        if minRate > 0 { unitFilters.append(.minimumRate(spikesPerSecond: minRate)) }
        let options = ResponseOptions(stimulus: stimulus, binsPerFrame: binsPerFrame,
                                      filter: unitFilters.isEmpty ? .none : .all(unitFilters),
                                      smoothing: smoothSigma.map { .gaussian(sigmaFrames: $0) } ?? .none)
        let explicitAreas: [String]?? = areas.map { text in
            text.lowercased() == "all" ? nil
                : text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let outputURL = URL(fileURLWithPath: output)
        let progress = ProgressDisplay(label: "sessions")
        defer { progress.close() }
        let result = try CommandLineFailure.wrapping { () throws -> ResponseFile in
            guard FileManager.default.fileExists(atPath: outputURL.deletingLastPathComponent().path) else {
                throw CommandLineFailure("\(output): the output folder does not exist")
            }
            var sessions: [StimulusResponses] = []
            var sources: [ResponseFile.Source] = []
            for (i, path) in files.enumerated() {
                progress.show(ProgressUpdate(completed: i, total: files.count, message: path))
                let url = URL(fileURLWithPath: path)
                let digest = BackgroundDigest(ofFile: url)   // hashed on another core while counting
                let counted = Result { try StimulusResponses(session: try NWBSession.open(url), options: options) }
                let sha256 = Result { try digest.value() }   // joined before any error leaves the loop
                sessions.append(try counted.get())
                sources.append(ResponseFile.Source(path: path, sha256: try sha256.get()))
            }
            progress.show(ProgressUpdate(completed: files.count, total: files.count, message: "counted"))
            // Default: the study's six areas that have kept units; explicit names must all have units.
            let wanted: [String]? = explicitAreas ?? ResponseFile.studyAreas(in: sessions)
            let file = try ResponseFile(sessions: sessions, sources: sources, areas: wanted, keepTrials: keepTrials,
                                        filter: filter == .allenDefault ? .allenDefault : .none, minimumRate: minRate > 0 ? minRate : nil,
                                        producer: "CortexKit \(CortexKitVersion.string)")
            try file.write(to: outputURL)
            return file
        }
        print("wrote \(output): \(result.stimulus), \(result.repeatCount) repeats × \(result.frameCount) frames"
              + (binsPerFrame > 1 ? " × \(binsPerFrame) bins" : "") + ", \(files.count) session(s)")
        for area in result.areas {
            print("  " + area.name.padding(toLength: 8, withPad: " ", startingAt: 0) + String(format: "%6d units", area.unitIDs.count))
        }
    }
}
