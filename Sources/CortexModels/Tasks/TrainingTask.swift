import CortexEngine
import CortexNumerics

/// Training and test examples of a classification task.
public enum TaskSplit: String, Sendable, Hashable, CaseIterable {
    case train
    case test
}

/// A classification task whose examples are short grayscale clips (an image task repeats one
/// image). Examples are pure functions of (split, index): no hidden RNG state, so any batch can
/// be rebuilt on any thread and a resumed run sees exactly the data of an uninterrupted one.
public protocol TrainingTask: Sendable {
    var classes: Int { get }
    func count(_ split: TaskSplit) -> Int
    /// Example `index`: `steps` frames of `height × width` values in [0, 1] (row-major,
    /// frame-major) and its label.
    func example(_ index: Int, split: TaskSplit, steps: Int, height: Int, width: Int) -> (frames: [Float], label: Int)
}

extension TrainingTask {
    /// A batch as network input `[T, B, C, H, W]` (normalised as ``FramePreprocessing``) and labels.
    public func batch(_ indices: [Int], split: TaskSplit, steps: Int, configuration: ModelConfiguration)
        -> (input: Tensor<Float>, labels: [Int]) {
        let prepared = preparedBatch(indices, split: split, steps: steps, configuration: configuration)
        return (Tensor(shape: prepared.shape, scalars: prepared.values), prepared.labels)
    }

    /// ``batch(_:split:steps:configuration:)`` as plain values (built on any thread).
    public func preparedBatch(_ indices: [Int], split: TaskSplit, steps: Int, configuration: ModelConfiguration)
        -> PreparedBatch {
        preparedBatch(indices, split: split, steps: steps, inputShape: configuration.inputShape)
    }

    /// A batch for a network taking `inputShape` frames (any ``RecordableNetwork``), as plain values.
    public func preparedBatch(_ indices: [Int], split: TaskSplit, steps: Int, inputShape: NetworkInputShape)
        -> PreparedBatch {
        let (h, w, c) = (inputShape.height, inputShape.width, inputShape.channels)
        let plane = h * w
        let (mean, std) = FramePreprocessing.statistics(channels: c)
        let b = indices.count
        var values = [Float](repeating: 0, count: steps * b * c * plane)
        var labels: [Int] = []
        for (j, index) in indices.enumerated() {
            let (frames, label) = example(index, split: split, steps: steps, height: h, width: w)
            labels.append(label)
            for t in 0..<steps {
                for ch in 0..<c {
                    let base = ((t * b + j) * c + ch) * plane
                    for p in 0..<plane { values[base + p] = (frames[t * plane + p] - mean[ch]) / std[ch] }
                }
            }
        }
        return PreparedBatch(shape: [steps, b, c, h, w], values: values, labels: labels)
    }
}

/// Fashion-MNIST as an image task: each image resized to the model input (bilinear) and repeated
/// for every time step (the study's image protocol, T = 4 by default).
public struct ImageTask: TrainingTask {
    public let train: FashionMNIST
    public let test: FashionMNIST
    /// Use only the first `limit` examples of each split (`nil`: all).
    public let limit: Int?

    public init(train: FashionMNIST, test: FashionMNIST, limit: Int? = nil) {
        self.train = train
        self.test = test
        self.limit = limit
    }

    public var classes: Int { 10 }

    public func count(_ split: TaskSplit) -> Int {
        let n = split == .train ? train.count : test.count
        return limit.map { min($0, n) } ?? n
    }

    public func example(_ index: Int, split: TaskSplit, steps: Int, height: Int, width: Int) -> (frames: [Float], label: Int) {
        let data = split == .train ? train : test
        let (rows, cols) = (data.images.shape[1], data.images.shape[2])
        let image = FramePreprocessing.resize(data.image(index), rows: FramePreprocessing.resampling(from: rows, to: height),
                                              columns: FramePreprocessing.resampling(from: cols, to: width),
                                              sourceWidth: cols)
        return (Array([[Float]](repeating: image, count: steps).joined()), data.labels[index])
    }
}
