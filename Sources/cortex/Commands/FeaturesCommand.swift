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
        does not grow with the movie's length. To score layers without a feature file, see \
        'cortex compare --checkpoint'.
        """)

    @Option(help: "Model name (see 'cortex models'); optional when the checkpoint records its configuration.")
    var model: String?

    @Option(help: "A safetensors checkpoint, or 'random' for random weights from --seed.")
    var checkpoint: String

    @Option(help: "Seed of the random weights (--checkpoint random).")
    var seed: UInt64 = 0

    @Option(help: "The movie: a .npy of uint8 frames × H × W (or float32 frames × C × H × W with --as-is).")
    var movie: String

    @OptionGroup
    var extraction: ExtractionOptions

    @Option(name: .shortAndLong, help: "The feature file to write (HDF5).")
    var output: String

    func run() throws {
        var (network, name) = try ModelLoading.load(modelName: model, checkpoint: checkpoint, seed: seed)
        let run = try extraction.extraction(for: network, name: name)
        let movieURL = URL(fileURLWithPath: movie)
        let progress = ProgressDisplay(label: "frames")
        let (layers, frames) = try CommandLineFailure.wrapping { () throws -> ([FeatureFile.Layer], Int) in
            let frames = try MovieInput(contentsOf: movieURL, asIs: extraction.asIs)
            let digest = try SHA256.hexDigest(ofFile: movieURL)
            defer { progress.close() }
            let layers = try FeatureFile.extract(network: &network, model: name, movie: frames, extraction: run,
                                                 to: URL(fileURLWithPath: output), movieSHA256: digest, progress: progress.handler)
            return (layers, frames.frameCount)
        }
        print("wrote \(output): \(name), \(layers.count) layers × \(frames) frames, protocol \(FeatureFile.protocolLabel(run))")
    }
}
