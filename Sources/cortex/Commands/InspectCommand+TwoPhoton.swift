import CortexKit
import Foundation

extension InspectCommand {
    /// `cortex inspect` on a 2-photon session (NWB 1.x or 2.x): planes, ROIs per plane and area,
    /// traces, imaging rate and movie stimuli.
    struct TwoPhotonSummary: Codable {
        struct Plane: Codable {
            var name: String; var area: String?; var depthUm: Double?; var indicator: String?; var imagingRateHz: Double?
            var rois: Int
        }
        struct Area: Codable { var area: String; var rois: Int; var planes: [String] }
        struct Traces: Codable { var signal: String; var series: Int; var rois: Int }
        struct Stimulus: Codable {
            var name: String; var presentations: Int; var repeats: Int?; var framesPerRepeat: Int?; var alignment: String
        }
        var file: String
        var modality = "two-photon"
        var sessionID: String?
        var nwbVersion: String?
        var nwbGeneration: Int
        var genotype: String?
        var creLine: String?
        var planes: [Plane]
        var areas: [Area]
        var traces: [Traces]
        var stimuli: [Stimulus]
        var notes: [String]
    }

    /// Whether `url` is a 2-photon session without spike data (the 2-photon description applies).
    static func isTwoPhoton(_ url: URL) -> Bool {
        guard let file = try? HDF5File.open(url) else { return false }
        return TwoPhotonSession.isTwoPhotonSession(file)
    }

    static func summariseTwoPhoton(_ url: URL, path: String) throws -> TwoPhotonSummary {
        let session = try TwoPhotonSession(file: HDF5File.open(url))
        let file = session.file
        var notes: [String] = []
        // ROIs of a plane: from its first series (ΔF/F when there is one).
        let ordered = session.series.sorted { ($0.signal == .dff ? 0 : 1) < ($1.signal == .dff ? 0 : 1) }
        func rois(_ plane: String) -> Int { ordered.first { $0.plane == plane }?.roiCount ?? 0 }
        let planes = session.planes.map { p in
            let rate = p.imagingRate ?? ordered.first { $0.plane == p.name }.flatMap(session.imagingRate(of:))
            return TwoPhotonSummary.Plane(name: p.name, area: p.area, depthUm: p.depth, indicator: p.indicator,
                                          imagingRateHz: rate, rois: rois(p.name))
        }
        var areaNames: [String] = []
        for p in planes { if let a = p.area, !areaNames.contains(a) { areaNames.append(a) } }
        let areas = areaNames.sorted().map { a in
            TwoPhotonSummary.Area(area: a, rois: planes.filter { $0.area == a }.reduce(0) { $0 + $1.rois },
                                  planes: planes.filter { $0.area == a }.map(\.name))
        }
        for p in planes where p.area == nil { notes.append("plane \(p.name) records no area (location): its \(p.rois) ROI(s) are left out of responses") }
        for s in session.series where s.plane == nil { notes.append("\(s.path): no imaging plane is linked to the series") }
        let traces = session.signals.map { signal in
            let series = session.series(of: signal)
            return TwoPhotonSummary.Traces(signal: signal.recorded, series: series.count, rois: series.reduce(0) { $0 + $1.roiCount })
        }
        if !session.signals.contains(.events) { notes.append("no event traces (--signal events is unavailable)") }
        let framed = Set(session.imagingFrameStimulusNames())
        let stimuli = try session.stimuli().map {
            TwoPhotonSummary.Stimulus(name: $0.name, presentations: $0.presentationCount, repeats: $0.repeatCount,
                                      framesPerRepeat: $0.framesPerRepeat,
                                      alignment: framed.contains($0.name) ? "imaging frames" : "time")
        }
        if stimuli.isEmpty { notes.append("no stimulus presentations: responses cannot be built from this file") }
        else if !stimuli.contains(where: { $0.repeats != nil }) { notes.append("no movie with repeats: responses cannot be built from this file") }
        let identifier = ["/general/session_id", "/identifier"].lazy
            .compactMap { path in file.exists(path) ? try? file.dataset(path).readString() : nil }.first
        let version = (try? file.attributes.string("nwb_version"))
            ?? (file.exists("/nwb_version") ? try? file.dataset("/nwb_version").readString() : nil)
        return TwoPhotonSummary(file: path, sessionID: identifier, nwbVersion: version, nwbGeneration: session.generation,
                                genotype: session.genotype, creLine: session.creLine, planes: planes, areas: areas,
                                traces: traces, stimuli: stimuli, notes: notes)
    }

    static func describeTwoPhoton(_ url: URL, path: String, json: Bool) throws {
        let s = try CommandLineFailure.wrapping { try summariseTwoPhoton(url, path: path) }
        if json { return try CommandLineJSON.print(s, layout: .indented) }
        let clean = TerminalText.clean
        print("file            \(clean(s.file))")
        print("session         \(clean(s.sessionID ?? "(none)"))")
        print("NWB version     \(clean(s.nwbVersion ?? "(not stated)")) (NWB \(s.nwbGeneration).x), 2-photon imaging")
        print("Cre line        \(clean(s.creLine ?? "(not recorded)"))")
        print("traces          " + (s.traces.isEmpty ? "none" : s.traces.map { "\($0.signal) (\($0.rois) ROIs in \($0.series) series)" }
            .joined(separator: ", ")))
        for note in s.notes { print("note            \(clean(note))") }
        print("")
        print("plane                 area      depth (µm)  indicator   rate (Hz)   ROIs")
        for p in s.planes {
            let name = clean(p.name)
            print(name.padding(toLength: max(22, name.count + 1), withPad: " ", startingAt: 0)
                  + clean(p.area ?? "–").padding(toLength: 10, withPad: " ", startingAt: 0)
                  + (p.depthUm.map { String(format: "%10.0f", $0) } ?? "         –") + "  "
                  + clean(p.indicator ?? "–").padding(toLength: 10, withPad: " ", startingAt: 0)
                  + (p.imagingRateHz.map { String(format: "%10.2f", $0) } ?? "         –")
                  + String(format: "%7d", p.rois))
        }
        print("")
        print("area      ROIs  planes")
        for a in s.areas {
            print(clean(a.area).padding(toLength: 8, withPad: " ", startingAt: 0) + String(format: "%6d", a.rois) + "  "
                  + clean(a.planes.joined(separator: ", ")))
        }
        print("")
        print("stimulus                              presentations  repeats  frames/repeat  aligned by")
        for st in s.stimuli {
            print(clean(st.name).padding(toLength: max(36, clean(st.name).count + 1), withPad: " ", startingAt: 0)
                  + String(format: "%15d", st.presentations)
                  + (st.repeats.map { String(format: "%9d", $0) } ?? "        –")
                  + (st.framesPerRepeat.map { String(format: "%15d", $0) } ?? "              –")
                  + "  " + st.alignment)
        }
    }
}
