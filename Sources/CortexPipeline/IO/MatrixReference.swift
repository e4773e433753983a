import CortexHDF5
import CortexIO
import CortexNumerics
import Foundation

/// Where a response or feature matrix lives, as users name it on the command line:
/// a NumPy file (`layer3.npy`) or a dataset inside an HDF5 file (`responses.h5:/VISp/counts`).
///
/// Matrices have rows = frames (or conditions) and columns = units. ``load(_:)`` makes them so:
/// - CortexKit's own datasets (``CortexDataset``) are oriented from their layout: a response
///   file's `/<AREA>/counts` (units × frames) is transposed, a feature file's `/<layer>/features`
///   is read as stored, and a response file's 3-D `/<AREA>/trials` is refused;
/// - anything else is frames × units unless the caller says ``MatrixOrientation/unitsByFrames``;
///   a 1-D array is read as one column, and an array of rank above 2 is flattened after its first
///   axis (frames × features), as layer outputs C × H × W per frame are. The result lists each
///   such change (``LoadedMatrix/adjustments``) so callers can report it.
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

    /// Reads the whole array as `Double` (any numeric element type; Float32 is also kept as
    /// ``LoadedMatrix/float32``) and makes it frames × units.
    ///
    /// - Parameter orientation: how a file CortexKit does not know is stored; must stay
    ///   ``MatrixOrientation/framesByUnits`` for a CortexKit dataset.
    /// - Throws: ``MatrixInputError`` for an array that cannot be made frames × units (a scalar, a
    ///   response file's trials, a transpose of a CortexKit dataset or of rank > 2), HDF5 or NPY
    ///   errors for unreadable files.
    public func load(_ orientation: MatrixOrientation = .framesByUnits) throws -> LoadedMatrix {
        var loaded: LoadedMatrix
        let isFloat32: Bool
        switch self {
        case .npy(let url):
            isFloat32 = try NPYFile.header(of: url).dtype == .float32
            let array = isFloat32 ? try NPYFile.read(from: url, as: Float.self).map(Double.init)
                                  : try NPYFile.read(from: url, as: Double.self)
            loaded = try Self.framesByUnits(array, dataset: nil, orientation: orientation, source: description)
        case .hdf5(let url, let path):
            let file = try HDF5File.open(url, mode: .readOnly)
            let stored = try file.dataset(path)
            let dataset = try CortexDataset.recognise(path, in: file)
            if let dataset, case .notAMatrix(let reason) = dataset.layout {   // refused before reading
                throw MatrixInputError.notAMatrixDataset(source: description, dataset: dataset, shape: stored.shape, reason: reason)
            }
            isFloat32 = stored.dataType == .float(bytes: 4)
            let array = isFloat32 ? try stored.read(as: Float.self).map(Double.init) : try stored.read(as: Double.self)
            loaded = try Self.framesByUnits(array, dataset: dataset, orientation: orientation, source: description)
        }
        // Values read from Float32 narrow back exactly, after any reshaping or transposing.
        if isFloat32 { loaded.float32 = loaded.matrix.map { Float($0) } }
        return loaded
    }

    /// Frames × units from a stored array: oriented by its CortexKit layout when it has one, else
    /// 1-D → one column, rank > 2 → flattened per frame, then transposed if the caller asked.
    static func framesByUnits(_ array: NDArray<Double>, dataset: CortexDataset?, orientation: MatrixOrientation,
                              source: String) throws(MatrixInputError) -> LoadedMatrix {
        if let dataset {
            guard orientation == .framesByUnits else { throw .alreadyOriented(source: source, dataset: dataset) }
            switch dataset.layout {
            case .unitsByFrames where array.rank == 2:
                return LoadedMatrix(matrix: array.transposed(), storedShape: array.shape, dataset: dataset,
                                    adjustments: [.oriented(dataset: dataset, from: array.shape)])
            case .framesByUnits where array.rank == 2:
                return LoadedMatrix(matrix: array, storedShape: array.shape, dataset: dataset, adjustments: [])
            case .notAMatrix(let reason):
                throw .notAMatrixDataset(source: source, dataset: dataset, shape: array.shape, reason: reason)
            default:
                break   // not the rank its layout says (hand-edited file): read it as any other array
            }
        }
        var matrix: NDArray<Double>
        var adjustments: [MatrixAdjustment] = []
        switch array.rank {
        case 0: throw .notAMatrix(source: source, shape: array.shape)
        case 1:
            matrix = array.reshaped([array.shape[0], 1])
            adjustments.append(.column(length: array.shape[0]))
        case 2: matrix = array
        default:
            guard orientation == .framesByUnits else { throw .cannotTranspose(source: source, shape: array.shape) }
            matrix = array.reshaped([array.shape[0], array.count / max(1, array.shape[0])])
            adjustments.append(.flattened(from: array.shape, to: matrix.shape))
        }
        if orientation == .unitsByFrames {
            adjustments.append(.transposed(from: matrix.shape))
            matrix = matrix.transposed()
        }
        return LoadedMatrix(matrix: matrix, storedShape: array.shape, dataset: dataset, adjustments: adjustments)
    }
}
