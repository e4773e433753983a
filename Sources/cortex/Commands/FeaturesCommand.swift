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
        unchanged. The file also records every layer's firing rate and the synaptic operations and \
        estimated energy per frame (accumulates 0.9 pJ on spike input, multiply-accumulates 4.6 pJ on \
        analog input, Horowitz 2014 45 nm); an 'energy' line summarises them, --energy lists every layer.
        """)

    @Option(help: "Model name (see 'cortex models'); optional when the checkpoint records its configuration.")
    var model: String?

    @Option(help: "A safetensors checkpoint, or 'random' for random weights from --seed.")
    var checkpoint: String

    @Option(help: "Seed of the random weights (--checkpoint random).")
    var seed: UInt64 = 0

    @Option(help: "The movie: a .npy of uint8 frames × H × W (or float32 frames × C × H × W with --as-is).")
    var movie: String

    @Option(name: .customLong("protocol"), help: "video or image.")
    var featureProtocol: FeatureProtocol = .video

    @Option(name: .customLong("T"), help: "Time steps per frame for the image protocol.")
    var steps: Int = 4

    @Option(help: "Comma-separated layers (default: sn1, maxpool, every block, avgpool).")
    var layers: String?

    @Flag(help: "Use a float32 frames × C × H × W movie without resizing or normalising.")
    var asIs = false

    @Option(help: "Frames per chunk (memory bound; results do not depend on it).")
    var chunk: Int = 16

    @Option(name: .shortAndLong, help: "The feature file to write (HDF5).")
    var output: String

    @Flag(help: "Also print each synaptic layer's operations and energy per frame.")
    var energy = false

    @OptionGroup(title: "Model overrides")
    var overrides: ModelOverrides

    func validate() throws {
        if steps < 1 { throw ValidationError("--T must be at least 1") }
        if chunk < 1 { throw ValidationError("--chunk must be at least 1") }
    }

    func run() throws {
        var (network, name) = try ModelLoading.load(modelName: model, checkpoint: checkpoint, seed: seed, overrides: overrides)
        let known = network.layerNames
        let selected = layers.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            ?? network.defaultFeatureLayers
        if let bad = selected.first(where: { !known.contains($0) }) {
            throw CommandLineFailure("unknown layer '\(bad)' for \(name); layers: \(known.joined(separator: " "))")
        }
        let ordered = known.filter(selected.contains)
        let movieURL = URL(fileURLWithPath: movie)
        let frames = try CommandLineFailure.wrapping { try NPYFile.read(from: movieURL) }
        let configuration = network.configuration
        let frameCount: Int
        let provider: (Range<Int>) throws -> NDArray<Float>
        switch (frames, asIs) {
        case (.uint8(let pixels), false) where pixels.shape.count == 3:
            let preprocessing = FramePreprocessing(configuration: configuration)
            frameCount = pixels.shape[0]
            provider = { preprocessing.frames(pixels, $0) }
        case (.float32(let values), true) where values.shape.count == 4:
            let expected = [configuration.inputChannels, configuration.inputHeight, configuration.inputWidth]
            guard Array(values.shape.dropFirst()) == expected else {
                throw CommandLineFailure("--as-is movie frames are \(Array(values.shape.dropFirst())), the model wants \(expected)")
            }
            frameCount = values.shape[0]
            let per = expected.reduce(1, *)
            provider = { r in NDArray(shape: [r.count] + expected, scalars: Array(values.scalars[(r.lowerBound * per)..<(r.upperBound * per)])) }
        default:
            throw CommandLineFailure(asIs ? "--as-is needs a float32 frames × C × H × W movie"
                                          : "the movie must be uint8 frames × H × W (use --as-is for float32 frames × C × H × W)")
        }
        let extraction = FeatureExtraction(featureProtocol: featureProtocol, steps: steps, layers: ordered, chunkFrames: chunk)
        var buffers: [String: [Float]] = [:]
        var shapes: [String: [Int]] = [:]
        let progress = ProgressDisplay(label: "frames")
        var monitor = MonitorPair(FiringRateMonitor(), SynapticOperationMonitor())
        try CommandLineFailure.wrapping {
            try extraction.run(model: &network, frameCount: frameCount, frames: provider, monitor: &monitor,
                               progress: { progress.show(ProgressUpdate(completed: $0, total: frameCount)) }) { layer, _, shape, values in
                if shapes[layer] == nil {
                    shapes[layer] = shape
                    buffers[layer] = []
                    buffers[layer]!.reserveCapacity(frameCount * shape.reduce(1, *))
                }
                buffers[layer]!.append(contentsOf: values)
            }
        }
        progress.close()
        let entries = ordered.enumerated().map { depth, layer in
            let shape = shapes[layer]!
            return (layer: FeatureFile.Layer(name: layer, depth: depth, unitShape: shape),
                    features: NDArray(shape: [frameCount, shape.reduce(1, *)], scalars: buffers[layer]!))
        }
        let activity = ModelEnergy(rates: monitor.first, operations: monitor.second, frames: max(1, frameCount),
                                   order: configuration.monitorPaths)
        let digest = try CommandLineFailure.wrapping { try SHA256.hexDigest(ofFile: movieURL) }
        let label = featureProtocol == .image ? "image(T=\(steps))" : "video"
        try CommandLineFailure.wrapping {
            try FeatureFile.write(to: URL(fileURLWithPath: output), model: name, layers: entries,
                                  movie: movieURL.lastPathComponent, movieSHA256: digest, featureProtocol: label,
                                  energy: frameCount > 0 ? activity : nil)
        }
        print("wrote \(output): \(name), \(ordered.count) layers × \(frameCount) frames, protocol \(label)")
        print(Self.energyLine(activity))
        if energy { print(Self.energyTable(activity), terminator: "") }
    }

    /// `energy  E pJ/frame = 0.9 pJ × SOPs + 4.6 pJ × MACs; mean firing rate r (neurons)`.
    static func energyLine(_ e: ModelEnergy) -> String {
        let neurons = e.firingRates.filter { $0.layer.hasSuffix("sn1") || $0.layer.hasSuffix("sn2") || $0.layer.hasSuffix("_sn") }
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
            lines.append(l.layer.padding(toLength: width, withPad: " ", startingAt: 0) + l.input.padding(toLength: 8, withPad: " ", startingAt: 0)
                         + String(format: "%-14.4g%-18.4g%-9.3f%.4g", l.synapticOperationsPerFrame, l.denseMACsPerFrame,
                                  l.denseMACsPerFrame > 0 ? l.synapticOperationsPerFrame / l.denseMACsPerFrame : 0, pj))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
