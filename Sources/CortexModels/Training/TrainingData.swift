import CortexIO
import CortexNumerics
import Foundation

/// Builds the task a run's options name, from the data files they point to.
public enum TrainingData {
    /// The task of `options`: Fashion-MNIST images, or the motion task (seeded by the run's seed)
    /// with Fashion-MNIST objects (movie patches only if Fashion-MNIST is not installed).
    public static func task(for options: TrainingOptions) throws -> any TrainingTask {
        try task(options.task, seed: options.seed, trainExamples: options.trainExamples, testExamples: options.testExamples,
                 moviePath: options.moviePath, fashionMNISTPath: options.fashionMNISTPath)
    }

    /// The task `choice` from its data files; the motion task's examples depend on `seed` (a
    /// run's seed), and it holds `trainExamples` and `testExamples` examples.
    public static func task(_ choice: TaskChoice, seed: UInt64, trainExamples: Int, testExamples: Int, moviePath: String,
                            fashionMNISTPath: String) throws -> any TrainingTask {
        let fashionDirectory = URL(fileURLWithPath: fashionMNISTPath)
        switch choice {
        case .image:
            // A run uses the first `trainExamples` / `testExamples` images only (its order is a
            // permutation of those): the rest is not read.
            return ImageTask(train: try FashionMNIST.load(.train, from: fashionDirectory, first: trainExamples),
                             test: try FashionMNIST.load(.test, from: fashionDirectory, first: testExamples))
        case .video, .videoDiscontinuous:
            let url = URL(fileURLWithPath: moviePath)
            guard case .uint8(let movie) = try NPYFile.read(from: url), movie.shape.count == 3 else {
                throw DatasetError.malformed(path: url.path, reason: "the movie must be uint8 frames × H × W")
            }
            var objects: (train: FashionMNIST, test: FashionMNIST)?
            if let train = try? FashionMNIST.load(.train, from: fashionDirectory),
               let test = try? FashionMNIST.load(.test, from: fashionDirectory) {
                objects = (train, test)
            }
            return MotionTask(objects: objects, movie: movie, seed: seed, trainCount: trainExamples,
                              testCount: testExamples, discontinuous: choice == .videoDiscontinuous)
        }
    }

    /// The training batch of `indices` in `epoch`, augmented as the options say. With a
    /// two-view loss (STCL) the batch is `[T, 2B, …]`: view 1 as an ordinary run's batch, view 2
    /// the same examples with the augmentation drawn again (seed xor ``secondViewTag``); labels twice.
    /// (Independent of the network, so the prefetcher's closure captures no network type.)
    static func trainBatch(task: any TrainingTask, options: TrainingOptions, indices: [Int], epoch: Int) -> PreparedBatch {
        var batch = task.preparedBatch(indices, split: .train, steps: options.steps, configuration: options.configuration)
        guard let augmentation = options.augmentation, !augmentation.isNone else { return batch }
        let (mean, std) = FramePreprocessing.statistics(channels: options.configuration.inputChannels)
        let fill = zip(mean, std).map { -$0 / $1 }
        let original = batch
        augmentation.apply(to: &batch, indices: indices, epoch: epoch, seed: options.seed, fill: fill)
        guard options.loss?.usesTwoViews == true else { return batch }
        var second = original
        augmentation.apply(to: &second, indices: indices, epoch: epoch, seed: options.seed ^ secondViewTag, fill: fill)
        return PreparedBatch.concatenatingExamples(batch, second)
    }

    /// Seed tag of STCL's second view ("2ndview").
    static let secondViewTag: UInt64 = 0x32_6E64_7669_6577
}

extension PreparedBatch {
    /// Two batches `[T, B₁, …]`, `[T, B₂, …]` as one `[T, B₁ + B₂, …]`, labels concatenated.
    static func concatenatingExamples(_ a: PreparedBatch, _ b: PreparedBatch) -> PreparedBatch {
        precondition(a.shape[0] == b.shape[0] && Array(a.shape.dropFirst(2)) == Array(b.shape.dropFirst(2)),
                     "PreparedBatch: shapes \(a.shape) and \(b.shape) do not concatenate")
        let steps = a.shape[0]
        let (sizeA, sizeB) = (a.values.count / steps, b.values.count / steps)
        var values: [Float] = []
        values.reserveCapacity(a.values.count + b.values.count)
        for t in 0..<steps {
            values.append(contentsOf: a.values[(t * sizeA)..<((t + 1) * sizeA)])
            values.append(contentsOf: b.values[(t * sizeB)..<((t + 1) * sizeB)])
        }
        var shape = a.shape
        shape[1] += b.shape[1]
        return PreparedBatch(shape: shape, values: values, labels: a.labels + b.labels)
    }
}
