import CortexHDF5
import CortexIO
import CortexNumerics
import Foundation

/// Where a response or feature matrix lives, as users name it on the command line:
/// a NumPy file (`layer3.npy`) or a dataset inside an HDF5 file (`responses.h5:/VISp/counts`).
///
/// Matrices have rows = frames (or conditions) and columns = units. A 1-D dataset is read as a
/// single column; arrays of rank above 2 are flattened after the first axis (frames × features),
/// as layer outputs C × H × W per frame are.
public enum MatrixReference: Sendable, Hashable, CustomStringConvertible {
    case npy(URL)
    case hdf5(URL, datasetPath: String)

    /// Parses `file.npy`, or `file.h5:/path/to/dataset` (also `.hdf5`, `.nwb`). A path containing
    /// a colon is split at the last `:/`.
    public init(parsing text: String) throws(MatrixInputError) {
        if let range = text.range(of: ":/", options: .backwards) {
            let file = String(text[..<range.lowerBound])
            let dataset = String(text[text.index(after: range.lowerBound)...])
            guard !file.isEmpty else { throw .unrecognised(text) }
            self = .hdf5(URL(fileURLWithPath: file), datasetPath: dataset)
        } else if text.lowercased().hasSuffix(".npy") {
            self = .npy(URL(fileURLWithPath: text))
        } else if ["h5", "hdf5", "nwb"].contains(URL(fileURLWithPath: text).pathExtension.lowercased()) {
            throw .missingDatasetPath(text)
        } else {
            throw .unrecognised(text)
        }
    }

    public var description: String {
        switch self {
        case .npy(let url): return url.path
        case .hdf5(let url, let path): return "\(url.path):\(path)"
        }
    }

    /// The file on disk.
    public var url: URL {
        switch self {
        case .npy(let url), .hdf5(let url, _): return url
        }
    }

    /// Reads the whole matrix, converting any numeric element type to `Double`.
    public func load() throws -> NDArray<Double> {
        let array: NDArray<Double>
        switch self {
        case .npy(let url):
            array = try NPYFile.read(from: url, as: Double.self)
        case .hdf5(let url, let path):
            let file = try HDF5File.open(url, mode: .readOnly)
            array = try file.dataset(path).read(as: Double.self)
        }
        return try Self.asMatrix(array, source: description)
    }

    /// Frames × features view of an array: 1-D → one column, rank > 2 → flattened per frame.
    static func asMatrix(_ array: NDArray<Double>, source: String) throws(MatrixInputError) -> NDArray<Double> {
        switch array.rank {
        case 0: throw .notAMatrix(source: source, shape: array.shape)
        case 1: return array.reshaped([array.shape[0], 1])
        case 2: return array
        default: return array.reshaped([array.shape[0], array.count / max(1, array.shape[0])])
        }
    }
}

/// A matrix named on the command line cannot be used.
public enum MatrixInputError: Error, Equatable, CustomStringConvertible {
    /// Neither `FILE.npy` nor `FILE.h5:/dataset`.
    case unrecognised(String)
    /// An HDF5 file without the `:/dataset` part.
    case missingDatasetPath(String)
    /// A scalar where a matrix was expected.
    case notAMatrix(source: String, shape: [Int])

    public var description: String {
        switch self {
        case .unrecognised(let text):
            return "\(text): expected a .npy file or FILE.h5:/path/to/dataset"
        case .missingDatasetPath(let text):
            return "\(text): name the dataset inside the HDF5 file, e.g. \(text):/VISp/counts"
        case .notAMatrix(let source, let shape):
            return "\(source): expected a matrix (frames × units), found shape \(shape)"
        }
    }
}
