import ArgumentParser
import CortexKit
import Foundation

/// `cortex inspect FILE.nwb`: what a session holds — units per area, spikes, stimuli and repeats.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Summarise an NWB session (units per area, spikes, stimuli and movie repeats; 2-photon planes, ROIs and traces), a CortexKit response or feature file, or a checkpoint (its training record).")

    @Argument(help: "An NWB session file: Neuropixels (units) or 2-photon (imaging planes; NWB 1.x or 2.x), a CortexKit response or feature file, or a safetensors checkpoint.")
    var file: String

    @Flag(help: "Print the summary as JSON.")
    var json = false

    struct Summary: Codable {
        struct Area: Codable { var area: String; var units: Int; var unitsAfterAllenDefaultFilter: Int }
        struct Stimulus: Codable {
            var name: String; var presentations: Int; var repeats: Int?; var framesPerRepeat: Int?
        }
        var file: String
        var sessionID: String?
        var nwbVersion: String?
        var intervalLayout: String
        var units: Int
        var spikes: Int
        var areas: [Area]
        var unitsOutsideBrain: Int
        var stimuli: [Stimulus]
        /// What the file lacks for a spike-response analysis (no /units, no stimulus tables).
        var notes: [String]
    }

    func run() throws {
        let url = URL(fileURLWithPath: file)
        if Self.isSafetensors(url) {
            return try CommandLineFailure.wrapping { try Self.describeCheckpoint(url, path: file, json: json) }
        }
        switch try CommandLineFailure.wrapping({ try Self.kind(of: url) }) {
        case .responses: return try CommandLineFailure.wrapping { try Self.describeResponses(url, path: file, json: json) }
        case .features: return try CommandLineFailure.wrapping { try Self.describeFeatures(url, path: file, json: json) }
        case .nwb: if Self.isTwoPhoton(url) { return try Self.describeTwoPhoton(url, path: file, json: json) }
        }
        var summary = try CommandLineFailure.wrapping { try Self.summarise(url) }
        summary.file = file          // as the user wrote it
        if json {
            try CommandLineJSON.print(summary, layout: .indented)
            return
        }
        print("file            \(TerminalText.clean(summary.file))")
        print("session         \(TerminalText.clean(summary.sessionID ?? "(none)"))")
        print("NWB version     \(TerminalText.clean(summary.nwbVersion ?? "(not stated)")), stimulus tables: \(summary.intervalLayout)")
        print("units           \(summary.units) (\(summary.spikes) spikes), \(summary.unitsOutsideBrain) outside the brain or of unknown area")
        for note in summary.notes { print("note            \(TerminalText.clean(note))") }
        print("")
        print("area      units  after allen-default filter")
        for a in summary.areas {
            print(TerminalText.clean(a.area).padding(toLength: max(8, TerminalText.clean(a.area).count + 1), withPad: " ", startingAt: 0)
                  + String(format: "%7d  %7d", a.units, a.unitsAfterAllenDefaultFilter))
        }
        print("")
        print("stimulus                              presentations  repeats  frames/repeat")
        for s in summary.stimuli {
            print(TerminalText.clean(s.name).padding(toLength: max(36, TerminalText.clean(s.name).count + 1), withPad: " ", startingAt: 0)
                  + String(format: "%15d", s.presentations)
                  + (s.repeats.map { String(format: "%9d", $0) } ?? "        –")
                  + (s.framesPerRepeat.map { String(format: "%15d", $0) } ?? "              –"))
        }
    }

    static func summarise(_ url: URL) throws -> Summary {
        let session = try NWBSession.open(url)
        let file = session.file
        var notes: [String] = []
        var records: [UnitRecord] = []
        if file.exists(UnitTable.defaultPath) {
            records = try session.units().records
        } else {
            notes.append("no /units table: no spike data")
        }
        var perArea: [String: (all: Int, kept: Int)] = [:]
        var outside = 0
        for unit in records {
            guard let area = unit.area else { outside += 1; continue }
            perArea[area, default: (0, 0)].all += 1
            if UnitFilter.allenDefault.accepts(unit, meanRate: nil) { perArea[area, default: (0, 0)].kept += 1 }
        }
        let identifier = ["/general/session_id", "/identifier"].lazy
            .compactMap { path in file.exists(path) ? try? file.dataset(path).readString() : nil }.first
        let version = (try? file.attributes.string("nwb_version"))
            ?? (file.exists("/nwb_version") ? try? file.dataset("/nwb_version").readString() : nil)   // NWB 1.x
        var layout = "none"
        var stimuli: [Summary.Stimulus] = []
        if let reason = try Self.missingStimulusTables(session) {
            notes.append("no stimulus presentations: \(reason)")
        } else {
            switch try session.intervalLayout() {
            case .perStimulusTables: layout = "one *_presentations table per stimulus"
            case .singleEpochsTable: layout = "single /intervals/epochs table (older Allen files)"
            }
            stimuli = try session.stimuli().map {
                Summary.Stimulus(name: $0.name, presentations: $0.presentationCount, repeats: $0.repeatCount,
                                 framesPerRepeat: $0.framesPerRepeat)
            }
        }
        return Summary(
            file: url.path, sessionID: identifier, nwbVersion: version, intervalLayout: layout,
            units: records.count, spikes: records.reduce(0) { $0 + $1.spikeCount },
            areas: perArea.keys.sorted().map { Summary.Area(area: $0, units: perArea[$0]!.all,
                                                            unitsAfterAllenDefaultFilter: perArea[$0]!.kept) },
            unitsOutsideBrain: outside, stimuli: stimuli, notes: notes)
    }

    /// Why the session has no stimulus tables, or nil when it has them (other errors are thrown).
    private static func missingStimulusTables(_ session: NWBSession) throws -> String? {
        let result = Result { () throws(NWBError) in try session.intervalLayout() }
        if case .failure(let error) = result {
            if case .noStimulusTable(_, let reason) = error { return reason }
            throw error
        }
        return nil
    }
}
