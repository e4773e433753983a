import CortexHDF5
import CortexIO
import CortexNWB
import CortexNumerics
import CortexRuntime
import CortexSimilarity
import Foundation
/// A matrix named on the command line (a ``MatrixReference``) cannot be used.
public enum MatrixInputError: Error, Equatable, CustomStringConvertible {
    /// Neither `FILE.npy` nor `FILE.h5:/dataset`.
    case unrecognised(String)
    /// An HDF5 file without the `:/dataset` part.
    case missingDatasetPath(String)
    /// A scalar where a matrix was expected.
    case notAMatrix(source: String, shape: [Int])
    /// A CortexKit dataset that holds no single frames × units matrix (e.g. a response file's
    /// per-repeat `trials`); `reason` says what it holds.
    case notAMatrixDataset(source: String, dataset: CortexDataset, shape: [Int], reason: String)
    /// ``MatrixOrientation/unitsByFrames`` asked for a CortexKit dataset, which is oriented from
    /// its layout: transposing again would make it units × frames.
    case alreadyOriented(source: String, dataset: CortexDataset)
    /// ``MatrixOrientation/unitsByFrames`` asked for an array of rank > 2, which has no units axis
    /// to swap with the frames.
    case cannotTranspose(source: String, shape: [Int])

    public var description: String {
        switch self {
        case .unrecognised(let text):
            return "\(text): expected a .npy file or FILE.h5:/path/to/dataset"
        case .missingDatasetPath(let text):
            return "\(text): name the dataset inside the HDF5 file, e.g. \(text):/VISp/counts"
        case .notAMatrix(let source, let shape):
            return "\(source): expected a matrix (frames × units), found shape \(shape)"
        case let .notAMatrixDataset(source, dataset, shape, reason):
            return "\(source) is a \(dataset) of shape \(shape), not a frames × units matrix: \(reason)"
        case let .alreadyOriented(source, dataset):
            return "\(source) is a \(dataset), already oriented"
        case let .cannotTranspose(source, shape):
            return "\(source): only a matrix can be transposed, found shape \(shape) (rank > 2 is flattened per frame)"
        }
    }
}

extension MatrixInputError: HintedError {
    /// For a transpose that does not apply: leave ``MatrixOrientation`` at its default.
    public var hint: ErrorHint? {
        switch self {
        case .alreadyOriented, .cannotTranspose: return .omitOption(name: String(describing: MatrixOrientation.self))
        default: return nil
        }
    }
}
