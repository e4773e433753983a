import CortexNumerics
import Foundation
import Synchronization

/// A `.npy` file (C order, native-endian `float32` or `float64`, rank ≥ 2) read block by block
/// through a memory map: a `rows × features` layer of any size streams through Gram
/// accumulation with about one block resident at a time.
///
/// When the file's dtype is `Scalar`, blocks are views of the mapping (no copy); otherwise each
/// block is converted into a scratch buffer. Pages of consumed columns are released as streaming
/// proceeds (``NPYMappedMatrix/releasePages(beforeColumn:)``), every 64 KiB of each row, so about
/// rows × 64 KiB plus one block stay resident (≈ 60 MB for 899 frames) whatever the file size.
///
/// ```swift
/// let layer = try NPYColumnSource<Float>(url: URL(fileURLWithPath: "layer1.npy"))
/// let cka = try CKA.score(source: layer, brain, kernel: .linear)
/// ```
public struct NPYColumnSource<Scalar: BLASScalar & NPYFloatingPoint>: ColumnChunkSource, Sendable {
    /// The mapped file.
    public let matrix: NPYMappedMatrix
    /// Whether pages of consumed columns are released (default true).
    public var releasesConsumedPages: Bool
    /// The column before which pages were last released (one `madvise` per row per release, so
    /// releases are batched rather than done after every block).
    private let released = ReleaseMark()
    /// Bytes of each row consumed between releases.
    static var releaseBytesPerRow: Int { 1 << 16 }

    /// Maps the file at `url`.
    /// - Throws: `NPYError` when the file is missing, not a `.npy` file, or not a float matrix.
    public init(url: URL, releasesConsumedPages: Bool = true) throws(NPYError) {
        matrix = try NPYMappedMatrix(url: url)
        self.releasesConsumedPages = releasesConsumedPages
    }

    public var rowCount: Int { matrix.rows }
    public var columnCount: Int { matrix.columns }

    public func withColumns<R, Failure: ColumnSourceFailure>(_ range: Range<Int>,
                                                             _ body: (ColumnBlock<Scalar>) throws(Failure) -> R) throws(Failure) -> R {
        let rows = matrix.rows
        // `withMappedColumns` rethrows untyped errors; carry the typed error out in a Result.
        let direct: Result<R, Failure>? = matrix.withMappedColumns(range, as: Scalar.self) { base, stride in
            do throws(Failure) {
                return .success(try body(ColumnBlock(base: base, rowStride: stride, rows: rows, columns: range.count)))
            } catch {
                return .failure(error)
            }
        }
        if let direct { return try direct.get() }
        var scratch = [Scalar](repeating: 0, count: max(1, rows * range.count))
        scratch.withUnsafeMutableBufferPointer { matrix.copyColumns(range, into: UnsafeMutableBufferPointer(rebasing: $0[0..<(rows * range.count)])) }
        let converted: Result<R, Failure> = scratch.withUnsafeBufferPointer { p in
            do throws(Failure) {
                return .success(try body(ColumnBlock(base: p.baseAddress!, rowStride: range.count, rows: rows,
                                                     columns: range.count)))
            } catch {
                return .failure(error)
            }
        }
        return try converted.get()
    }

    public func didConsumeColumns(before column: Int) {
        guard releasesConsumedPages else { return }
        let itemSize = matrix.header.dtype.itemSize
        let due = released.column.withLock { last -> Bool in
            guard column >= matrix.columns || (column - last) * itemSize >= Self.releaseBytesPerRow else { return false }
            last = column
            return true
        }
        if due { matrix.releasePages(beforeColumn: column) }
    }
}

/// Mutable release bookkeeping shared by copies of an `NPYColumnSource`.
private final class ReleaseMark: Sendable {
    let column = Mutex(0)
}
