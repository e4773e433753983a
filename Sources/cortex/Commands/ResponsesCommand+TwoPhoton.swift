import ArgumentParser
import CortexKit
import Foundation

extension ResponsesCommand {
    /// Whether the inputs are 2-photon sessions (all of them) rather than spike data (none of
    /// them); a mix is an error naming the first file of the other kind.
    static func twoPhotonInputs(_ files: [String]) throws -> Bool {
        var kinds: [(path: String, twoPhoton: Bool)] = []
        for path in files {
            let session = try NWBSession.open(URL(fileURLWithPath: path))
            kinds.append((path, TwoPhotonSession.isTwoPhotonSession(session.file)))
        }
        if let odd = kinds.first(where: { $0.twoPhoton != kinds[0].twoPhoton }) {
            let kind = { (twoPhoton: Bool) in twoPhoton ? "a 2-photon session" : "a session with spike data" }
            throw CommandLineFailure("\(odd.path) is \(kind(odd.twoPhoton)) but \(kinds[0].path) is \(kind(kinds[0].twoPhoton)): "
                                     + "build one response file per modality (and name them as response sets in a batch spec)")
        }
        return kinds.first?.twoPhoton ?? false
    }

    /// The 2-photon options of the command line, checked against the spike-only ones.
    func twoPhotonOptions() throws -> TwoPhotonOptions {
        if filter != .none { throw CommandLineFailure("--filter \(filter.rawValue) applies to spike data; 2-photon ROIs have no unit quality metrics") }
        if minRate != nil { throw CommandLineFailure("--min-rate applies to spike data; 2-photon responses have no rate filter") }
        if binsPerFrame != 1 { throw CommandLineFailure("--bins-per-frame \(binsPerFrame): 2-photon responses have one bin per movie frame") }
        let range: ClosedRange<Double>? = depthMin == nil && depthMax == nil ? nil
            : (depthMin ?? -Double.infinity)...(depthMax ?? Double.infinity)
        return TwoPhotonOptions(stimulus: stimulus, signal: (signal ?? .dff).signal, depthRange: range, creLine: creLine,
                                smoothing: smoothSigma.map { .gaussian(sigmaFrames: $0) } ?? .none)
    }

    /// `cortex responses` on 2-photon sessions: mean signal per movie frame and ROI, averaged over
    /// repeats, pooled per area.
    func runTwoPhoton() throws {
        let options = try twoPhotonOptions()
        let explicitAreas: [String]?? = areas.map { text in
            text.lowercased() == "all" ? nil
                : text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let outputURL = URL(fileURLWithPath: output)
        let progress = ProgressDisplay(label: "sessions")
        let (result, sessions) = try CommandLineFailure.wrapping { () throws -> (ResponseFile, [TwoPhotonResponses]) in
            defer { progress.close() }
            guard FileManager.default.fileExists(atPath: outputURL.deletingLastPathComponent().path) else {
                throw CommandLineFailure("\(output): the output folder does not exist")
            }
            var sessions: [TwoPhotonResponses] = []
            var sources: [ResponseFile.Source] = []
            for (i, path) in files.enumerated() {
                progress.show(ProgressUpdate(completed: i, total: files.count, message: path))
                let url = URL(fileURLWithPath: path)
                sessions.append(try TwoPhotonResponses(session: TwoPhotonSession(file: HDF5File.open(url)), options: options))
                sources.append(ResponseFile.Source(path: path, sha256: try SHA256.hexDigest(ofFile: url)))
            }
            progress.show(ProgressUpdate(completed: files.count, total: files.count, message: "aligned"))
            let wanted: [String]? = explicitAreas ?? ResponseFile.studyAreas(inTwoPhoton: sessions)
            let file = try ResponseFile(twoPhoton: sessions, sources: sources, areas: wanted, keepTrials: keepTrials,
                                        selection: options.recordedSelection, producer: "CortexKit \(CortexKitVersion.string)")
            try file.write(to: outputURL)
            return (file, sessions)
        }
        for (path, session) in zip(files, sessions) {
            for exclusion in session.exclusions { print("note: \(TerminalText.clean(path)): \(TerminalText.clean(exclusion.description))") }
        }
        print("wrote \(output): \(result.signal.displayName) of \(result.stimulus), \(result.repeatCount) repeats × "
              + "\(result.frameCount) frames, \(files.count) session(s)")
        for area in result.areas {
            print("  " + area.name.padding(toLength: 8, withPad: " ", startingAt: 0) + String(format: "%6d ROIs", area.unitIDs.count))
        }
    }
}
