import CKernels
import CortexNumerics

/// Accumulates the (centred) Gram matrix over rows, G = X̃·X̃ᵀ, one block of columns at a time,
/// so a `rows × columns` matrix never needs to be in memory at once.
///
/// Each block is copied once into a scratch buffer (kept between blocks), centred on the way (see
/// ``GramCentring``), checked for NaN/∞, and multiplied by a symmetric rank-k update (`?syrk`,
/// half the flops of `gemm`) in the block's own precision; the block's Gram is then added into a
/// `Double` accumulator. So a `Float` layer runs at `ssyrk` speed with at most one block (≤ 16,384
/// terms with the default width, see ``gram(of:rows:centring:operand:blockColumns:)``) of
/// single-precision accumulation per entry. The diagonal (Σ of squares per row) is accumulated in
/// `Double` by a loop of its own (for `Float`, eight double lanes in C, `ck_shift_rows_f32`), so
/// identical rows have bit-identical diagonals.
///
/// Centring, and why it is done before the product rather than after:
/// - `.columns`: a block holds whole columns, so subtracting each column's mean is exact per block.
/// - `.rows`: row means need every column. Each row is shifted by the mean of its first block,
///   cᵢ, and the sums sᵢ = Σⱼ (xᵢⱼ − cᵢ) are tracked; at the end
///   G̃ᵢⱼ = Gᵢⱼ − sᵢsⱼ/p, which equals the row-centred Gram exactly in exact arithmetic
///   (Pearson correlation is invariant to per-row shifts). With cᵢ close to the row mean the
///   correction is small, avoiding the cancellation of the textbook Σxy − Σx·Σy/p.
///
/// ```swift
/// var acc = GramAccumulator<Float>(rows: 899, centring: .rows)
/// try layer.withColumns(0..<2048) { (block) throws(SimilarityError) in try acc.add(block) }   // … every block
/// let g = acc.finalized()                                 // 899 × 899, Double
/// ```
///
/// - Complexity: rows² · columns flops in total (syrk), plus one pass over the data; memory
///   O(rows² + rows · block width).
public struct GramAccumulator<Scalar: BLASScalar>: Sendable {
    /// Number of rows of the Gram matrix (rows of the data taken).
    public let rows: Int
    /// How the data is centred.
    public let centring: GramCentring
    /// Which operand errors name.
    public let operand: SimilarityOperand
    /// Index, in the caller's numbering, of the first row taken (for error messages).
    public let firstRow: Int
    /// Number of columns accumulated so far.
    public private(set) var columnCount = 0

    /// Upper triangle of Σ blocks' Grams, row-major rows × rows.
    private var gram: [Double]
    /// `.rows` centring: per-row shift cᵢ (empty until the first block).
    private var shift: [Double] = []
    /// `.rows` centring: Σⱼ (xᵢⱼ − cᵢ) as rounded into the block precision.
    private var shiftedSums: [Double]
    /// Σⱼ yᵢⱼ² of the centred values fed to syrk, accumulated in `Double` by a loop whose result
    /// depends only on the row's values: identical rows get bit-identical diagonals (BLAS may
    /// round diagonal entries differently from position to position).
    private var sumsOfSquares: [Double]
    /// The centred copy of the current block, kept between blocks (no allocation or page clearing
    /// per block).
    private var scratch: [Scalar] = []
    /// The current block's Gram, kept between blocks.
    private var blockGram: [Scalar] = []

    /// An empty accumulator for `rows` rows.
    /// - Parameter firstRow: the caller's index of row 0, used in error messages.
    public init(rows: Int, centring: GramCentring, operand: SimilarityOperand = .first, firstRow: Int = 0) {
        precondition(rows >= 0, "GramAccumulator: negative row count")
        self.rows = rows
        self.centring = centring
        self.operand = operand
        self.firstRow = firstRow
        gram = [Double](repeating: 0, count: rows * rows)
        shiftedSums = [Double](repeating: 0, count: rows)
        sumsOfSquares = [Double](repeating: 0, count: rows)
    }

    /// Adds the columns of `block`, using its rows `rowOffset ..< rowOffset + rows`.
    /// - Throws: ``SimilarityError/nonFiniteEntry(operand:row:column:)`` naming the first NaN or
    ///   ∞ (row in the caller's numbering, column counted over all blocks so far).
    // Pre-specialised: callers in other modules reach this through unspecialised generic code
    // (TSRSA.score<A, B>, CKA.score), where per-element generic dispatch would cost 30×.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func add(_ block: ColumnBlock<Scalar>, rowOffset: Int = 0) throws(SimilarityError) {
        precondition(rowOffset >= 0 && rowOffset + rows <= block.rows, "GramAccumulator: block has too few rows")
        let (n, w) = (rows, block.columns)
        if n == 0 || w == 0 { return }
        if centring != .columns {
            try addInParts(block, rowOffset: rowOffset)
            return
        }
        if scratch.count < n * w { scratch = [Scalar](repeating: 0, count: n * w) }
        var buffer = scratch
        scratch = []                       // `buffer` is the only reference: written in place
        defer { scratch = buffer }
        let firstBad = buffer.withUnsafeMutableBufferPointer { out in
            fillCentred(block, rowOffset: rowOffset, into: UnsafeMutableBufferPointer(rebasing: out[0..<(n * w)]))
        }
        if let (i, j) = firstBad {
            throw .nonFiniteEntry(operand: operand, row: firstRow + i, column: columnCount + j)
        }
        buffer.withUnsafeBufferPointer { a in addBlockGram(a.baseAddress!, leadingDimension: w, width: w) }
        columnCount += w
    }

    /// syrk of the `rows × width` block at `a` (row stride `leadingDimension`) in the block's
    /// precision, added to the strict upper triangle of the `Double` Gram.
    private mutating func addBlockGram(_ a: UnsafePointer<Scalar>, leadingDimension: Int, width: Int) {
        let n = rows
        if blockGram.count != n * n { blockGram = [Scalar](repeating: 0, count: n * n) }
        BLASRuntime.ensureConfigured()
        blockGram.withUnsafeMutableBufferPointer { c in
            Scalar.blasSyrk(trans: false, n: n, k: width, alpha: 1, a: a, lda: leadingDimension, beta: 0,
                            c: c.baseAddress!, ldc: n)
        }
        gram.withUnsafeMutableBufferPointer { g in
            blockGram.withUnsafeBufferPointer { c in
                for i in 0..<n { for j in (i + 1)..<n { g[i * n + j] += Double(c[i * n + j]) } }
            }
        }
    }

    /// `.none` and `.rows`: the block's columns are cut into one part per core. Each core prepares
    /// its part — `.none`: a read-only pass for Σx, Σx² (no copy; `syrk` reads the caller's block
    /// with its row stride); `.rows`: the shifted copy with Σy, Σy² — and at once runs a
    /// single-threaded `syrk` on it while it is in cache. So the cores split the flops evenly and no
    /// BLAS worker spins beside CortexKit's loops or waits for them. Part Grams and part sums are
    /// then added in part order (the result depends only on the data and the block width).
    private mutating func addInParts(_ block: ColumnBlock<Scalar>, rowOffset: Int) throws(SimilarityError) {
        let (n, w, stride) = (rows, block.columns, block.rowStride)
        let src = block.base + rowOffset * stride
        if centring == .rows && shift.isEmpty {
            // The first block's row means; a non-finite one means a non-finite entry (or overflow).
            let candidate = (0..<n).map { i in
                var sum = 0.0
                for j in 0..<w { sum += Double(src[i * stride + j]) }
                return sum / Double(w)
            }
            if !candidate.allSatisfy({ $0.isFinite }) {
                let (i, j) = Self.firstNonFinite(src, stride: stride, rows: n, columns: w) ?? (0, 0)
                throw .nonFiniteEntry(operand: operand, row: firstRow + i, column: columnCount + j)
            }
            shift = candidate
        }
        let parts = max(1, min(ParallelFor.defaultWorkers, w / 512))
        let copies = centring == .rows
        if copies && scratch.count < n * w { scratch = [Scalar](repeating: 0, count: n * w) }
        if blockGram.count < parts * n * n { blockGram = [Scalar](repeating: 0, count: parts * n * n) }
        var partSums = [Double](repeating: 0, count: parts * n)
        var partSquares = [Double](repeating: 0, count: parts * n)
        var (buffer, grams) = (scratch, blockGram)
        (scratch, blockGram) = ([], [])    // the locals are the only references: written in place
        defer { (scratch, blockGram) = (buffer, grams) }
        BLASRuntime.ensureConfigured()
        buffer.withUnsafeMutableBufferPointer { out in
            grams.withUnsafeMutableBufferPointer { c in
                partSums.withUnsafeMutableBufferPointer { sums in
                    partSquares.withUnsafeMutableBufferPointer { squares in
                        let task = PartTask(src: src, stride: stride, out: copies ? out.baseAddress : nil,
                                            grams: c.baseAddress!, sums: sums.baseAddress!,
                                            squares: squares.baseAddress!, shift: shift, rows: n, columns: w, parts: parts)
                        ParallelFor.run(count: parts) { range in for part in range { task.run(part: part) } }
                    }
                }
            }
        }
        if !partSums.allSatisfy({ $0.isFinite }) || !partSquares.allSatisfy({ $0.isFinite }),
           let (i, j) = Self.firstNonFinite(src, stride: stride, rows: n, columns: w) {
            throw .nonFiniteEntry(operand: operand, row: firstRow + i, column: columnCount + j)
        }
        gram.withUnsafeMutableBufferPointer { g in
            grams.withUnsafeBufferPointer { c in
                for part in 0..<parts {
                    let base = part * n * n
                    for i in 0..<n { for j in (i + 1)..<n { g[i * n + j] += Double(c[base + i * n + j]) } }
                }
            }
        }
        for i in 0..<n {
            var (sum, square) = (0.0, 0.0)
            for part in 0..<parts { sum += partSums[part * n + i]; square += partSquares[part * n + i] }
            if centring == .rows { shiftedSums[i] += sum }
            sumsOfSquares[i] += square
        }
        columnCount += w
    }

    /// The first NaN or ∞ of a `rows × columns` block in row-major order.
    private static func firstNonFinite(_ src: UnsafePointer<Scalar>, stride: Int, rows: Int, columns: Int) -> (Int, Int)? {
        for i in 0..<rows { for j in 0..<columns where !src[i * stride + j].isFinite { return (i, j) } }
        return nil
    }

    /// The accumulated Gram matrix (full, symmetric, `rows × rows`, `Double`) centred as
    /// ``centring`` says.
    public func finalized() -> NDArray<Double> {
        let n = rows
        var g = gram
        for i in 0..<n { g[i * n + i] = sumsOfSquares[i] }
        if centring == .rows && columnCount > 0 {
            let p = Double(columnCount)
            for i in 0..<n { for j in i..<n { g[i * n + j] -= shiftedSums[i] * shiftedSums[j] / p } }
        }
        for i in 0..<n { for j in 0..<i { g[i * n + j] = g[j * n + i] } }
        return NDArray(shape: [n, n], scalars: g)
    }

    /// `.columns`: copies rows `rowOffset ..< rowOffset + rows` of `block` into `out` (row-major
    /// n × w) minus each column's mean, adding each row's Σy² into the accumulator; returns the
    /// first non-finite entry's (row, column) within the block, if any. Columns (for the means),
    /// then rows, are split across cores; each task writes disjoint columns or rows only.
    private mutating func fillCentred(_ block: ColumnBlock<Scalar>, rowOffset: Int,
                                      into out: UnsafeMutableBufferPointer<Scalar>) -> (Int, Int)? {
        let (n, w, stride) = (rows, block.columns, block.rowStride)
        let src = block.base + rowOffset * stride
        var rowSums = [Double](repeating: 0, count: n)
        var rowSquares = [Double](repeating: 0, count: n)
        var columnMeans = [Double](repeating: 0, count: w)
        let minimumRows = max(1, (1 << 16) / max(1, w))
        rowSums.withUnsafeMutableBufferPointer { sums in
            rowSquares.withUnsafeMutableBufferPointer { squares in
                columnMeans.withUnsafeMutableBufferPointer { means in
                    let task = FillTask(src: src, stride: stride, out: out.baseAddress!, width: w,
                                        sums: sums.baseAddress!, squares: squares.baseAddress!,
                                        means: means.baseAddress, shift: [])
                    ParallelFor.run(count: w, minimumChunk: max(1, (1 << 16) / max(1, n))) { task.columnMeans($0, rows: n) }
                    ParallelFor.run(count: n, minimumChunk: minimumRows) { task.centreColumns($0) }
                }
            }
        }
        if !columnMeans.allSatisfy({ $0.isFinite }), let bad = Self.firstNonFinite(src, stride: stride, rows: n, columns: w) {
            return bad
        }
        for i in 0..<n { sumsOfSquares[i] += rowSquares[i] }
        return nil
    }
}

/// The per-block copy-and-centre kernels, over raw pointers so that `ParallelFor` tasks can share
/// them; every method writes only the rows (or columns) of its range.
private struct FillTask<Scalar: BLASScalar>: @unchecked Sendable {
    let src: UnsafePointer<Scalar>
    let stride: Int
    let out: UnsafeMutablePointer<Scalar>
    let width: Int
    let sums: UnsafeMutablePointer<Double>
    let squares: UnsafeMutablePointer<Double>
    let means: UnsafeMutablePointer<Double>?
    let shift: [Double]

    /// Σx (for the finiteness check) and Σx² of each row in `range`, without copying (`out` is not
    /// touched).
    func scanRows(_ range: Range<Int>) {
        if Scalar.self == Float.self {
            ck_scan_rows_f32(UnsafeRawPointer(src).assumingMemoryBound(to: Float.self), stride, width,
                             range.lowerBound, range.upperBound, sums, squares)
            return
        }
        for i in range {
            var sum = 0.0, square = 0.0
            for j in 0..<width {
                let x = Double(src[i * stride + j])
                sum += x
                square += x * x
            }
            sums[i] = sum
            squares[i] = square
        }
    }

    /// y = x − cᵢ rounded to the block precision; Σy and Σy² of the rounded values.
    func shiftRows(_ range: Range<Int>) {
        if Scalar.self == Float.self {
            shift.withUnsafeBufferPointer { c in
                ck_shift_rows_f32(UnsafeRawPointer(src).assumingMemoryBound(to: Float.self), stride,
                                  UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self), width,
                                  range.lowerBound, range.upperBound, c.baseAddress!, sums, squares)
            }
            return
        }
        for i in range {
            let c = shift[i]
            var sum = 0.0, square = 0.0
            for j in 0..<width {
                let y = Scalar(Double(src[i * stride + j]) - c)
                out[i * width + j] = y
                sum += Double(y)
                square += Double(y) * Double(y)
            }
            sums[i] = sum
            squares[i] = square
        }
    }

    /// Column means over all `rows` for columns `range`.
    func columnMeans(_ range: Range<Int>, rows: Int) {
        guard let means else { return }
        for i in 0..<rows { for j in range { means[j] += Double(src[i * stride + j]) } }
        for j in range { means[j] /= Double(rows) }
    }

    /// y = x − x̄ⱼ rounded to the block precision; Σy².
    func centreColumns(_ range: Range<Int>) {
        guard let means else { return }
        for i in range {
            var square = 0.0
            for j in 0..<width {
                let y = Scalar(Double(src[i * stride + j]) - means[j])
                out[i * width + j] = y
                square += Double(y) * Double(y)
            }
            squares[i] = square
        }
    }
}

/// One core's part of a block in ``GramAccumulator``: its columns prepared (scanned, or copied
/// shifted into its own region of the scratch buffer) and their single-threaded `syrk` into its own
/// Gram; every part writes only its own region, Gram and sums.
private struct PartTask<Scalar: BLASScalar>: @unchecked Sendable {
    let src: UnsafePointer<Scalar>
    let stride: Int
    /// Scratch for the shifted copies (`.rows`), `nil` for the read-only scan (`.none`).
    let out: UnsafeMutablePointer<Scalar>?
    let grams: UnsafeMutablePointer<Scalar>
    let sums: UnsafeMutablePointer<Double>
    let squares: UnsafeMutablePointer<Double>
    let shift: [Double]
    let rows: Int, columns: Int, parts: Int

    func run(part: Int) {
        let lower = part * columns / parts, upper = (part + 1) * columns / parts
        let width = upper - lower
        let fill = FillTask(src: src + lower, stride: stride, out: out.map { $0 + rows * lower } ?? UnsafeMutablePointer(mutating: src),
                            width: width, sums: sums + part * rows, squares: squares + part * rows, means: nil, shift: shift)
        let a: UnsafePointer<Scalar>, lda: Int
        if let out {
            fill.shiftRows(0..<rows)
            (a, lda) = (UnsafePointer(out + rows * lower), width)
        } else {
            fill.scanRows(0..<rows)
            (a, lda) = (src + lower, stride)
        }
        // Inside a ParallelFor region (more than one part) BLAS runs on one thread.
        Scalar.blasSyrk(trans: false, n: rows, k: width, alpha: 1, a: a, lda: lda, beta: 0,
                        c: grams + part * rows * rows, ldc: rows)
    }
}

extension GramAccumulator {
    /// Default number of columns per block: the `syrk` of a block is large enough to run at full
    /// speed, and the block's single-precision accumulation stays short. Passed to
    /// ``gram(of:rows:centring:operand:blockColumns:)`` it means "choose": see ``blockWidth(rows:)``.
    public static var defaultBlockColumns: Int { 2048 }

    /// The block width used for the default: about 32 MiB of scratch per block, between 2,048 and
    /// 16,384 columns in steps of 256 (899 rows of `Float`: 9,216 columns; 3,599 rows: 2,304).
    /// `ssyrk` at 900 × 60,000 ran 18 % faster in blocks of 8,192 than of 2,048 columns.
    public static func blockWidth(rows: Int) -> Int {
        let columns = (32 << 20) / max(1, rows * MemoryLayout<Scalar>.stride)
        return min(16_384, max(2048, columns / 256 * 256))
    }

    /// The centred Gram matrix over rows `rows` of `source`, streamed in blocks of `blockColumns`.
    /// - Throws: ``SimilarityError/emptyInput(operand:shape:)`` for no rows or no columns;
    ///   ``SimilarityError/nonFiniteEntry(operand:row:column:)``.
    public static func gram<S: ColumnChunkSource>(
        of source: S, rows: Range<Int>? = nil, centring: GramCentring, operand: SimilarityOperand = .first,
        blockColumns: Int = defaultBlockColumns
    ) throws(SimilarityError) -> NDArray<Double> where S.Scalar == Scalar {
        precondition(blockColumns >= 1, "GramAccumulator: blockColumns must be ≥ 1")
        let taken = rows ?? 0..<source.rowCount
        precondition(taken.lowerBound >= 0 && taken.upperBound <= source.rowCount, "GramAccumulator: rows out of range")
        guard source.rowCount > 0, source.columnCount > 0 else {
            throw .emptyInput(operand: operand, shape: [source.rowCount, source.columnCount])
        }
        var accumulator = GramAccumulator(rows: taken.count, centring: centring, operand: operand,
                                          firstRow: taken.lowerBound)
        let width = blockColumns == defaultBlockColumns ? blockWidth(rows: taken.count) : blockColumns
        var start = 0
        while start < source.columnCount {
            let end = min(source.columnCount, start + width)
            try source.withColumns(start..<end) { (block) throws(SimilarityError) in
                try accumulator.add(block, rowOffset: taken.lowerBound)
            }
            source.didConsumeColumns(before: end)
            start = end
        }
        return accumulator.finalized()
    }
}
