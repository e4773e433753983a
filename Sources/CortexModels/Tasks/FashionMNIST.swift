import CortexNumerics
import Foundation

/// Fashion-MNIST (Xiao et al. 2017): 28×28 grayscale clothing images in 10 classes, 60,000 for
/// training and 10,000 for testing, as shipped by the Debian package `dataset-fashion-mnist`.
public struct FashionMNIST: Sendable {
    public enum Split: String, Sendable, Hashable, CaseIterable {
        case train
        case test
        /// File name prefix (`train`, `t10k`).
        var prefix: String { self == .train ? "train" : "t10k" }
    }

    /// Where the Debian package installs the files.
    public static let defaultDirectory = URL(fileURLWithPath: "/usr/share/datasets/fashion-mnist")
    public static let classNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                                    "Sneaker", "Bag", "Ankle boot"]

    /// `[N, 28, 28]` pixel values 0…255.
    public let images: NDArray<UInt8>
    /// N labels 0…9.
    public let labels: [Int]
    public var count: Int { labels.count }

    public init(images: NDArray<UInt8>, labels: [Int]) {
        precondition(images.shape.count == 3 && images.shape[0] == labels.count, "FashionMNIST: images and labels disagree")
        self.images = images
        self.labels = labels
    }

    /// Reads `{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz` from `directory`.
    /// With `first`, only the first that many examples are read (a run that uses no more keeps
    /// only those in memory: 0.8 MB for 1,024 images instead of 47 MB).
    public static func load(_ split: Split, from directory: URL = defaultDirectory, first: Int? = nil) throws(DatasetError) -> FashionMNIST {
        let images = try IDXFile.read(directory.appendingPathComponent("\(split.prefix)-images-idx3-ubyte.gz"), firstItems: first)
        let labels = try IDXFile.read(directory.appendingPathComponent("\(split.prefix)-labels-idx1-ubyte.gz"), firstItems: first)
        guard images.shape.count == 3, labels.shape == [images.shape[0]] else {
            throw .malformed(path: directory.path, reason: "images \(images.shape) and labels \(labels.shape) disagree")
        }
        return FashionMNIST(images: images, labels: labels.scalars.map(Int.init))
    }

    /// Image `i` as 28 × 28 values in [0, 1].
    public func image(_ i: Int) -> [Float] {
        let n = images.shape[1] * images.shape[2]
        return images.withUnsafeBufferPointer { p in (0..<n).map { Float(p[i * n + $0]) / 255 } }
    }
}
