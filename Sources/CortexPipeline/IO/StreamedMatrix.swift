import CortexIO
import CortexNumerics
import CortexSimilarity
import Foundation

/// A frames × units `.npy` matrix read in blocks of columns straight from a memory map, for the
/// metrics whose preparation is a Gram matrix over frames (TSRSA, RSA, CKA): the file is read once
/// and never held whole — neither as loaded nor widened to `Double`, so 899 × 400,000 float32
/// (1.4 GB) is prepared in the memory of its 899 × 899 Gram plus a block.
///
/// Float32 files accumulate in Float32 column blocks with Double sums between blocks (`ssyrk`),
/// as `cortex compare` streams a feature file's layers and as ``LoadedMatrix/frameCorrelations(_:operand:)``
/// prepares TSRSA; float64 files in Double. ``MatrixReference/streamed(_:)`` says which references
/// qualify; the rest are loaded (``MatrixReference/load(_:)``).
///
/// ```swift
/// let layer = try MatrixReference(parsing: "layer1.npy").streamed()!      // header only
/// let prepared = try layer.frameCorrelations(TSRSAOptions(), operand: .first)
/// ```
public struct StreamedMatrix: Sendable {
    /// The file.
    public let url: URL
    /// The stored shape (rank ≥ 2; rank > 2 is read flattened after the first axis).
    public let storedShape: [Int]
    /// Whether the file stores float32 (else float64).
    public let isFloat32: Bool
    /// Rows = frames.
    public var rows: Int { storedShape[0] }
    /// Columns = units (the product of the trailing extents).
    public var columns: Int { storedShape.dropFirst().reduce(1, *) }
    /// What was done to the stored array: `.flattened` for rank > 2, else nothing.
    public var adjustments: [MatrixAdjustment] {
        storedShape.count > 2 ? [.flattened(from: storedShape, to: [rows, columns])] : []
    }

    init(url: URL, storedShape: [Int], isFloat32: Bool) {
        self.url = url
        self.storedShape = storedShape
        self.isFloat32 = isFloat32
    }

    /// TSRSA's prepared form, as ``LoadedMatrix/frameCorrelations(_:operand:)`` gives for the
    /// same file (same blocks, same precision: identical values).
    /// - Throws: ``SimilarityError`` (non-finite entries, too few frames), `NPYError` (mapping).
    public func frameCorrelations(_ options: TSRSAOptions, operand: SimilarityOperand) throws -> FrameCorrelations {
        func prepared<S: ColumnChunkSource>(_ source: S) throws -> FrameCorrelations {
            try FrameCorrelations(source: source, dropsFirstFrame: options.dropsFirstFrame, operand: operand,
                                  blockColumns: options.blockColumns, distance: options.distance)
        }
        let correlations = isFloat32 ? try prepared(NPYColumnSource<Float>(url: url))
                                     : try prepared(NPYColumnSource<Double>(url: url))
        return correlations.ranked(for: options.comparison)
    }

    /// `metric`'s preparation of this matrix, streamed (``StreamableSimilarityMetric/prepare(source:)``).
    public func prepare<M: StreamableSimilarityMetric>(_ metric: M) throws -> M.Prepared {
        isFloat32 ? try metric.prepare(source: NPYColumnSource<Float>(url: url))
                  : try metric.prepare(source: NPYColumnSource<Double>(url: url))
    }

    /// The first non-finite entry in row-major order among `rows` (all by default), or nil:
    /// one read-only pass over those rows of the map.
    public func firstNonFinite(rows range: Range<Int>? = nil) throws -> (row: Int, column: Int)? {
        let mapped = try NPYMappedMatrix(url: url)
        let taken = range ?? 0..<mapped.rows
        let width = mapped.columns
        guard width > 0, !taken.isEmpty else { return nil }
        func scan<T: NPYFloatingPoint>(_ type: T.Type) -> (row: Int, column: Int)? {
            mapped.withMappedColumns(0..<width, as: T.self) { base, stride -> (row: Int, column: Int)? in
                for i in taken {
                    let row = base + i * stride
                    for j in 0..<width where !row[j].isFinite { return (i, j) }
                }
                return nil
            } ?? nil
        }
        return isFloat32 ? scan(Float.self) : scan(Double.self)
    }
}

extension MatrixReference {
    /// This reference as a ``StreamedMatrix`` when it can be read in column blocks as
    /// frames × units without loading: a `.npy` file, C order, native-endian float32 or float64,
    /// rank ≥ 2, read as stored (``MatrixOrientation/framesByUnits``). Nil otherwise (HDF5
    /// datasets, a transpose, integer or boolean dtypes, Fortran order, rank 1): load those.
    /// - Throws: `NPYError` for a missing or unreadable file.
    public func streamed(_ orientation: MatrixOrientation = .framesByUnits) throws -> StreamedMatrix? {
        guard case .npy(let url) = self, orientation == .framesByUnits else { return nil }
        let header = try NPYFile.header(of: url)
        guard header.shape.count >= 2, !header.fortranOrder, header.byteOrder == .native,
              header.dtype == .float32 || header.dtype == .float64 else { return nil }
        return StreamedMatrix(url: url, storedShape: header.shape, isFloat32: header.dtype == .float32)
    }
}
