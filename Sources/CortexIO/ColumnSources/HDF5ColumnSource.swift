import CortexHDF5
import CortexNumerics
import Foundation

/// A frames × units HDF5 dataset streamed one block of columns at a time (hyperslabs), so TSRSA
/// and CKA accumulate their Gram matrices without ever holding the layer in memory.
///
/// ```swift
/// let layer = try HDF5ColumnSource<Float>(url: features, datasetPath: "/layer1.0/features")
/// let result = try TSRSA.score(modelSource: layer, brainSource: visp, options: TSRSAOptions())
/// ```
/// Blocks are read as `Scalar` (any stored numeric type converts); one block lives at a time.
/// HDF5 reads are serialised by the library; use a source from one thread at a time.
public final class HDF5ColumnSource<Scalar: BLASScalar & HDF5Element>: ColumnChunkSource, @unchecked Sendable {
    public let rowCount: Int
    public let columnCount: Int
    private let dataset: HDF5Dataset

    /// Opens `datasetPath` in the file at `url`.
    /// - Throws: `HDF5Error` (missing file or dataset), or `.shapeMismatch` unless the dataset is 2-D.
    public init(url: URL, datasetPath: String) throws {
        dataset = try HDF5File.open(url).dataset(datasetPath)
        guard dataset.rank == 2 else {
            throw HDF5Error.shapeMismatch(file: url.path, path: datasetPath, expected: "frames × units (2-D)",
                                          found: dataset.shape)
        }
        rowCount = dataset.shape[0]
        columnCount = dataset.shape[1]
    }

    public func withColumns<R, Failure: ColumnSourceFailure>(_ range: Range<Int>,
                                                             _ body: (ColumnBlock<Scalar>) throws(Failure) -> R) throws(Failure) -> R {
        let block: NDArray<Scalar>
        do {
            block = try dataset.readColumns(range, as: Scalar.self)
        } catch {
            throw .source(ColumnSourceError("\(error)"))
        }
        return try block.withColumns(0..<range.count, body)
    }
}
