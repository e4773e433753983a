import CortexIO
import CortexNumerics
import Foundation

/// Builds the task a run's options name, from the data files they point to.
public enum TrainingData {
    /// The task of `options`: Fashion-MNIST images, or the motion task (seeded by the run's seed)
    /// with Fashion-MNIST objects (movie patches only if Fashion-MNIST is not installed).
    public static func task(for options: TrainingOptions) throws -> any TrainingTask {
        let fashionDirectory = URL(fileURLWithPath: options.fashionMNISTPath)
        switch options.task {
        case .image:
            return ImageTask(train: try FashionMNIST.load(.train, from: fashionDirectory),
                             test: try FashionMNIST.load(.test, from: fashionDirectory))
        case .video, .videoDiscontinuous:
            let url = URL(fileURLWithPath: options.moviePath)
            guard case .uint8(let movie) = try NPYFile.read(from: url), movie.shape.count == 3 else {
                throw DatasetError.malformed(path: url.path, reason: "the movie must be uint8 frames × H × W")
            }
            var objects: (train: FashionMNIST, test: FashionMNIST)?
            if let train = try? FashionMNIST.load(.train, from: fashionDirectory),
               let test = try? FashionMNIST.load(.test, from: fashionDirectory) {
                objects = (train, test)
            }
            return MotionTask(objects: objects, movie: movie, seed: options.seed, trainCount: options.trainExamples,
                              testCount: options.testExamples, discontinuous: options.task == .videoDiscontinuous)
        }
    }

    /// The training batch of `indices` in `epoch`, augmented as the options say.
    /// (Independent of the network, so the prefetcher's closure captures no network type.)
    static func trainBatch(task: any TrainingTask, options: TrainingOptions, indices: [Int], epoch: Int) -> PreparedBatch {
        var batch = task.preparedBatch(indices, split: .train, steps: options.steps, configuration: options.configuration)
        if let augmentation = options.augmentation, !augmentation.isNone {
            let (mean, std) = FramePreprocessing.statistics(channels: options.configuration.inputChannels)
            let fill = zip(mean, std).map { -$0 / $1 }
            augmentation.apply(to: &batch, indices: indices, epoch: epoch, seed: options.seed, fill: fill)
        }
        return batch
    }
}
