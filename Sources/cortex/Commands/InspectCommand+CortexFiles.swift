import CortexKit
import Foundation

extension InspectCommand {
    /// What kind of HDF5 file `inspect` was given.
    enum FileKind {
        case nwb, responses, features
    }

    /// NWB 2.x records `nwb_version` as a root attribute, NWB 1.x as a root dataset; CortexKit's
    /// own files record their `format`. Anything else is refused.
    static func kind(of url: URL) throws -> FileKind {
        let file = try HDF5File.open(url)
        if file.attributes.contains("format"), let format = try? file.attributes.string("format") {
            if format.hasPrefix("cortexkit-responses/") { return .responses }
            if format.hasPrefix("cortexkit-features/") { return .features }
        }
        if file.attributes.contains("nwb_version") || file.exists("/nwb_version") { return .nwb }
        throw CommandLineFailure("\(url.path): not an NWB file (no nwb_version attribute or dataset) "
                                 + "and not a CortexKit response or feature file (no format attribute cortexkit-responses/1 or cortexkit-features/1; the layouts are in docs/formats.md)")
    }

    /// A response file: stimulus, layout, filters and units per area.
    static func describeResponses(_ url: URL, path: String, json: Bool) throws {
        let r = try ResponseFile.read(from: url)
        struct Output: Encodable {
            struct Area: Encodable { var area: String; var units: Int; var trials: Bool }
            var file: String; var kind = "cortexkit-responses"; var stimulus: String; var frames: Int; var repeats: Int
            var binsPerFrame: Int; var filter: String; var minimumRate: Double?; var smoothing: String
            var sources: [String]; var areas: [Area]; var signal: String; var signalUnit: String
        }
        let output = Output(file: path, stimulus: r.stimulus, frames: r.frameCount, repeats: r.repeatCount,
                            binsPerFrame: r.binsPerFrame, filter: r.filter.recorded, minimumRate: r.minimumRate,
                            smoothing: r.smoothing.recorded, sources: r.sources.map(\.path),
                            areas: r.areas.map { .init(area: $0.name, units: $0.unitCount, trials: $0.trialValues != nil) },
                            signal: r.signal.recorded, signalUnit: r.signal.unit)
        if json { try CommandLineJSON.print(output, layout: .indented); return }
        print("file            \(TerminalText.clean(path)) (CortexKit response file)")
        print("stimulus        \(TerminalText.clean(r.stimulus)): \(r.frameCount) frames × \(r.binsPerFrame) bins, \(r.repeatCount) repeats")
        print("signal          \(r.signal.displayName) (\(r.signal.unit))")
        print("filter          \(TerminalText.clean(r.filter.recorded))" + (r.minimumRate.map { ", minimum rate \($0) spikes/s" } ?? "")
              + ", smoothing \(TerminalText.clean(r.smoothing.recorded))")
        print("sources         " + r.sources.map { TerminalText.clean($0.path) }.joined(separator: ", "))
        for area in r.areas {
            let name = TerminalText.clean(area.name)
            print(name.padding(toLength: max(8, name.count + 1), withPad: " ", startingAt: 0)
                  + String(format: "%6d units", area.unitCount) + (area.trialValues == nil ? "" : ", trials kept"))
        }
    }

    /// A feature file: model, frames and layers with their shapes.
    static func describeFeatures(_ url: URL, path: String, json: Bool) throws {
        let f = try FeatureFile(url: url)
        struct Output: Encodable {
            struct Layer: Encodable { var name: String; var depth: Int; var unitShape: [Int] }
            var file: String; var kind = "cortexkit-features"; var model: String; var frames: Int; var movie: String
            var layers: [Layer]; var training: ModelTraining?
        }
        let output = Output(file: path, model: f.model, frames: f.frameCount, movie: f.movie,
                            layers: f.layers.map { .init(name: $0.name, depth: $0.depth, unitShape: $0.unitShape) },
                            training: f.training)
        if json { try CommandLineJSON.print(output, layout: .indented); return }
        print("file            \(TerminalText.clean(path)) (CortexKit feature file)")
        print("model           \(TerminalText.clean(f.model)), \(f.frameCount) frames of \(TerminalText.clean(f.movie))")
        print("weights         \(TerminalText.clean(f.training?.summary ?? "training not recorded"))")
        for layer in f.layers {
            let name = TerminalText.clean(layer.name)
            print(name.padding(toLength: max(24, name.count + 1), withPad: " ", startingAt: 0)
                  + layer.unitShape.map(String.init).joined(separator: " × "))
        }
    }
}
