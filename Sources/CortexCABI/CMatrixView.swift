import CortexKit

/// A caller's matrix as it lies in memory: element (i, j) is at `data + i·rowStride + j·columnStride`
/// elements, Float64 or Float32. C order has strides (columns, 1), Fortran order (1, rows); any
/// other positive or negative element strides work too, so the caller never has to copy. TSRSA and
/// RDMs stream from this memory (``CallerColumnSource``); metrics that take a Double matrix get a
/// copy (``doubles()``).
struct CMatrixView {
    enum Element: Int32 { case float64 = 0, float32 = 1 }

    var data: UnsafeRawPointer
    var rows: Int
    var columns: Int
    var rowStride: Int
    var columnStride: Int
    var element: Element

    /// Checks the arguments of one matrix (`name` for messages).
    init(_ name: String, data: UnsafeRawPointer?, rows: Int64, columns: Int64, rowStride: Int64, columnStride: Int64,
         dtype: Int32) throws {
        guard let data else { throw CABIError("\(name): no data (NULL pointer)") }
        guard rows >= 0, columns >= 0 else { throw CABIError("\(name): negative shape \(rows) × \(columns)") }
        guard let element = Element(rawValue: dtype) else { throw CABIError("\(name): dtype code \(dtype) is neither float64 (0) nor float32 (1)") }
        let (count, overflow) = Int(rows).multipliedReportingOverflow(by: Int(columns))
        guard !overflow, count <= 1 << 40 else { throw CABIError("\(name): shape \(rows) × \(columns) is too large") }
        self.data = data
        self.rows = Int(rows)
        self.columns = Int(columns)
        self.rowStride = Int(rowStride)
        self.columnStride = Int(columnStride)
        self.element = element
    }

    /// Element (i, j) as a Double.
    @inline(__always) private func value(_ offset: Int) -> Double {
        switch element {
        case .float64: data.assumingMemoryBound(to: Double.self)[offset]
        case .float32: Double(data.assumingMemoryBound(to: Float.self)[offset])
        }
    }

    /// The position (row, column) of the first NaN or infinity, if any (read in place).
    func firstNonFinite() -> (row: Int, column: Int)? {
        for i in 0..<rows {
            for j in 0..<columns where !value(i * rowStride + j * columnStride).isFinite { return (i, j) }
        }
        return nil
    }

    /// The values as a frames × units row-major Double matrix, for the metrics and statistics that
    /// take one (a copy; C-ordered Float64 is copied in one pass).
    func doubles() -> NDArray<Double> {
        let count = rows * columns
        if element == .float64 && columnStride == 1 && rowStride == columns {
            return NDArray(shape: [rows, columns],
                           scalars: Array(UnsafeBufferPointer(start: data.assumingMemoryBound(to: Double.self), count: count)))
        }
        let values = [Double](unsafeUninitializedCapacity: count) { buffer, initialised in
            for i in 0..<rows {
                for j in 0..<columns { buffer[i * columns + j] = value(i * rowStride + j * columnStride) }
            }
            initialised = count
        }
        return NDArray(shape: [rows, columns], scalars: values)
    }

    /// TSRSA's prepared form, streamed from the caller's memory at its stored precision (Float32
    /// accumulates in Float32 blocks, as `cortex similarity` prepares a float32 .npy file).
    func frameCorrelations(_ options: TSRSAOptions, operand: SimilarityOperand) throws(SimilarityError) -> FrameCorrelations {
        let correlations = switch element {
        case .float32:
            try FrameCorrelations(source: CallerColumnSource<Float>(self), dropsFirstFrame: options.dropsFirstFrame,
                                  operand: operand, blockColumns: options.blockColumns, distance: options.distance)
        case .float64:
            try FrameCorrelations(source: CallerColumnSource<Double>(self), dropsFirstFrame: options.dropsFirstFrame,
                                  operand: operand, blockColumns: options.blockColumns, distance: options.distance)
        }
        return correlations.ranked(for: options.comparison)
    }
}
