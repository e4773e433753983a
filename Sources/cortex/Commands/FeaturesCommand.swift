import ArgumentParser
import CortexKit
import Foundation

/// `cortex features`: a network's layer responses to a movie, written as a feature file for
/// `cortex compare --features`.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Extract a spiking network's layer features on a movie (video or image protocol).",
        discussion: """
        video: one frame per time step, state reset once before the movie. image: each frame repeated \
        T steps, features averaged over them, state reset after every frame. Frames (uint8 frames × H × W) \
        are resized to the model input (area average when shrinking, bilinear when growing), scaled to \
        [0, 1], replicated to the model's channels and normalised (ImageNet mean/std for 3 channels; \
        mean 0.449, std 0.226 for 1 channel). With --as-is, a float32 frames × C × H × W movie is used \
        unchanged. Each chunk of frames is written to the file as soon as it is computed, so memory \
        does not grow with the movie's length; chunks shrink when their activations would exceed half \
        of the machine's memory, and an input size whose single frame would is refused before the run. The file also records every layer's firing rate and the \
        synaptic operations and estimated energy per frame (accumulates 0.9 pJ on spike input, \
        multiply-accumulates 4.6 pJ on analog input, Horowitz 2014 45 nm); an 'energy' line summarises \
        them, --energy lists every layer. To score layers without a feature file, see \
        'cortex compare --checkpoint'.
        """)

    @Option(help: "Model name (see 'cortex models'); optional when the checkpoint records its configuration.")
    var model: String?

    @Option(help: "A safetensors checkpoint, or 'random' for random weights from --weights-seed.")
    var checkpoint: String

    @Option(help: "Seed of the random weights (--checkpoint random).")
    var weightsSeed: UInt64 = 0

    @Option(help: "The movie: a .npy of uint8 frames × H × W (or float32 frames × C × H × W with --as-is).")
    var movie: String

    @OptionGroup
    var extraction: ExtractionOptions

    @Option(name: .shortAndLong, help: "The feature file to write (HDF5).")
    var output: String

    @Flag(help: "Also print each synaptic layer's operations and energy per frame.")
    var energy = false

    @OptionGroup(title: "Model overrides")
    var overrides: ModelOverrides

    func run() throws {
        try CommandLineFailure.wrapping {
            try OutputGuard.check(output: URL(fileURLWithPath: output),
                                  inputs: ([movie] + (checkpoint == "random" ? [] : [checkpoint])).map { URL(fileURLWithPath: $0) })
        }
        let movieURL = URL(fileURLWithPath: movie)
        let frames = try CommandLineFailure.wrapping { try MovieInput(contentsOf: movieURL, asIs: extraction.asIs) }
        let loaded = try ModelLoading.loadAnyFamily(modelName: model, checkpoint: checkpoint, seed: weightsSeed, overrides: overrides,
                                           asIsMovie: extraction.asIs ? frames : nil)
        var network = loaded.network
        let name = loaded.name
        let run = try extraction.extraction(for: loaded)
        let order = network.monitorPaths
        let progress = ProgressDisplay(label: "frames")
        var activity: ModelEnergy?
        let (layers, frameCount) = try CommandLineFailure.wrapping { () throws -> ([FeatureFile.Layer], Int) in
            let digest = try SHA256.hexDigest(ofFile: movieURL)
            defer { progress.close() }
            var monitor = MonitorPair(FiringRateMonitor(), SynapticOperationMonitor())
            let layers = try FeatureFile.extract(network: &network, model: name, movie: frames, extraction: run,
                                                 to: URL(fileURLWithPath: output), movieSHA256: digest, monitor: &monitor,
                                                 energy: { m in
                                                     activity = ModelEnergy(rates: m.first, operations: m.second,
                                                                            frames: frames.frameCount, order: order)
                                                     return activity
                                                 }, training: ModelTraining(loaded), progress: progress.handler)
            return (layers, frames.frameCount)
        }
        print("wrote \(output): \(name), \(layers.count) layers × \(frameCount) frames, protocol \(FeatureFile.protocolLabel(run))"
              + extraction.resolvedProtocol(for: loaded).note)
        if let activity {
            print(Self.energyLine(activity))
            if energy { print(Self.energyTable(activity), terminator: "") }
        }
    }

    /// `energy  E pJ/frame = 0.9 pJ × SOPs + 4.6 pJ × MACs; mean firing rate r (neurons)`.
    static func energyLine(_ e: ModelEnergy) -> String {
        let neurons = e.firingRates.filter {
            $0.layer.hasSuffix("sn1") || $0.layer.hasSuffix("sn2") || $0.layer.hasSuffix("_sn") || $0.layer.hasSuffix("_lif")   // transformers: *_lif
        }
        let rate = neurons.isEmpty ? Double.nan : neurons.map(\.firingRate).reduce(0, +) / Double(neurons.count)
        return String(format: "energy: %.4g pJ per frame = %.2g pJ × %.4g SOPs + %.2g pJ × %.4g MACs; mean firing rate %.4f over %d neuron layers",
                      e.energyPicojoulesPerFrame, e.picojoulesPerAccumulate, e.synapticOperationsPerFrame,
                      e.picojoulesPerMultiplyAccumulate, e.multiplyAccumulatesPerFrame, rate, neurons.count)
    }

    /// One line per synaptic layer: input kind, SOPs, dense MACs, SOPs/MAC, energy per frame.
    static func energyTable(_ e: ModelEnergy) -> String {
        let width = max(6, (e.synapticLayers.map(\.layer.count).max() ?? 0) + 2)
        var lines = ["layer".padding(toLength: width, withPad: " ", startingAt: 0)
                     + "input   SOPs/frame    dense MACs/frame  SOP/MAC  pJ/frame"]
        for l in e.synapticLayers {
            let pj = e.picojoulesPerAccumulate * l.synapticOperationsPerFrame + e.picojoulesPerMultiplyAccumulate * l.multiplyAccumulatesPerFrame
            lines.append(l.layer.padding(toLength: width, withPad: " ", startingAt: 0) + l.input.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                         + String(format: "%-14.4g%-18.4g%-9.3f%.4g", l.synapticOperationsPerFrame, l.denseMACsPerFrame,
                                  l.denseMACsPerFrame > 0 ? l.synapticOperationsPerFrame / l.denseMACsPerFrame : 0, pj))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
