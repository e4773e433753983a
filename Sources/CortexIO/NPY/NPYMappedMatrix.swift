#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import CortexNumerics

/// A C-order `float32` or `float64` `.npy` file of rank ≥ 2, memory-mapped read-only and viewed as
/// a `rows × columns` matrix (`rows = shape[0]`, `columns = shape[1] · shape[2] · …`), so blocks of
/// columns can be read without loading the file.
///
/// A layer of 899 frames × 800,000 float32 features is 2.9 GB; reading a block of c columns touches
/// only the pages holding `rows × c` elements (one contiguous run of c elements per row).
/// ``releasePages(beforeColumn:)`` drops the process's mapping of pages that hold only columns
/// already consumed, so resident memory stays at about one block while streaming.
///
/// ```swift
/// let layer = try NPYMappedMatrix(url: url)          // header only; nothing read yet
/// let block = try layer.columns(0..<4096, as: Float.self)   // rows × 4096
/// ```
///
/// Only native (little-endian) byte order is accepted; other files should be converted once with
/// NumPy (`np.ascontiguousarray(x, dtype='<f4')`).
///
/// - Complexity: opening reads the header; each block read is O(rows × block width).
public final class NPYMappedMatrix: @unchecked Sendable {
    // Immutable after init: the mapping is read-only, so sharing between threads is safe.

    /// The decoded header.
    public let header: NPYHeader
    /// The file's path, for error messages.
    public let path: String
    /// Number of rows (`shape[0]`).
    public let rows: Int
    /// Number of columns (the product of the remaining extents).
    public let columns: Int
    private let mapping: UnsafeMutableRawPointer?
    private let mappingLength: Int
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Opens and maps `url`.
    /// - Throws: `NPYError` for unreadable files or headers; `.shapeMismatch` for rank < 2;
    ///   `.fortranOrderUnsupported` for Fortran order; `.unsupportedDType` for dtypes other than
    ///   native-endian `float32` / `float64`.
    public init(url: URL) throws(NPYError) {
        let file = try NPYFileDescriptor(readingAt: url)
        let header = try NPYHeader.read(from: file)
        path = url.path
        guard header.shape.count >= 2 else {
            throw .shapeMismatch(path: path, expected: "rank ≥ 2 (rows × features…)", found: header.shape)
        }
        guard !header.fortranOrder else { throw .fortranOrderUnsupported(path: path, operation: "memory-mapped column reads") }
        guard header.dtype == .float32 || header.dtype == .float64, !header.byteOrder.needsSwap else {
            throw .unsupportedDType(path: path, descr: header.dtype.descr(byteOrder: header.byteOrder)
                                    + " (memory-mapped reads need native-endian f4 or f8)")
        }
        self.header = header
        rows = header.shape[0]
        columns = header.shape.dropFirst().reduce(1, *)
        let length = header.dataOffset + header.dataByteCount
        if header.dataByteCount == 0 {
            mapping = nil
            mappingLength = 0
            return
        }
        let fd = url.withUnsafeFileSystemRepresentation { name -> Int32 in
            guard let name else { return -1 }
            return open(name, O_RDONLY | O_CLOEXEC)
        }
        if fd < 0 { throw .io(path: path, operation: "open for mapping", errno: errno) }
        defer { _ = close(fd) }
        let address = mmap(nil, length, PROT_READ, MAP_SHARED, fd, 0)
        if address == MAP_FAILED || address == nil { throw .io(path: path, operation: "mmap", errno: errno) }
        mapping = address
        mappingLength = length
    }

    deinit {
        if let mapping { _ = munmap(mapping, mappingLength) }
    }

    /// Calls `body` with a pointer to element (0, `range.lowerBound`) of the mapped data and the
    /// row stride (`columns`), when the file's dtype is `T` and its data is aligned for `T`;
    /// returns nil (without calling `body`) otherwise. Element (i, j) of the block is
    /// `base[i * columns + j]`. The pointer is valid only inside `body`.
    /// - Precondition: `range` lies within `0..<columns`.
    public func withMappedColumns<T: NPYFloatingPoint, R>(
        _ range: Range<Int>, as type: T.Type, _ body: (UnsafePointer<T>, Int) throws -> R
    ) rethrows -> R? {
        precondition(range.lowerBound >= 0 && range.upperBound <= columns,
                     "NPYMappedMatrix: columns \(range) out of 0..<\(columns)")
        guard T.npyDType == header.dtype, let mapping,
              header.dataOffset % MemoryLayout<T>.alignment == 0 else { return nil }
        let base = (mapping + header.dataOffset).assumingMemoryBound(to: T.self)
        return try body(UnsafePointer(base + range.lowerBound), columns)
    }

    /// Copies columns `range` into `destination` (row-major, `rows × range.count`), converting
    /// `float32` ↔ `float64` when `T` differs from the file's dtype.
    /// - Precondition: `range` lies within `0..<columns`; `destination.count == rows × range.count`.
    public func copyColumns<T: NPYFloatingPoint>(_ range: Range<Int>, into destination: UnsafeMutableBufferPointer<T>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= columns,
                     "NPYMappedMatrix: columns \(range) out of 0..<\(columns)")
        precondition(destination.count == rows * range.count, "NPYMappedMatrix: destination has the wrong size")
        guard let mapping, !range.isEmpty else { return }
        let data = UnsafeRawPointer(mapping + header.dataOffset)
        let width = range.count
        let itemSize = header.dtype.itemSize
        for i in 0..<rows {
            let rowStart = data + (i * columns + range.lowerBound) * itemSize
            let out = destination.baseAddress! + i * width
            // loadUnaligned: the data offset need not be a multiple of the item size.
            switch header.dtype {
            case .float32:
                for j in 0..<width { out[j] = T(rowStart.loadUnaligned(fromByteOffset: j * 4, as: Float.self)) }
            default:
                for j in 0..<width { out[j] = T(rowStart.loadUnaligned(fromByteOffset: j * 8, as: Double.self)) }
            }
        }
    }

    /// Columns `range` as a new `rows × range.count` matrix of `T`.
    public func columns<T: NPYFloatingPoint>(_ range: Range<Int>, as type: T.Type) throws(NPYError) -> NDArray<T> {
        guard range.lowerBound >= 0 && range.upperBound <= columns else {
            throw .shapeMismatch(path: path, expected: "columns \(range.lowerBound)..<\(range.upperBound) within 0..<\(columns)",
                                 found: header.shape)
        }
        var out = [T](repeating: 0, count: rows * range.count)
        out.withUnsafeMutableBufferPointer { copyColumns(range, into: $0) }
        return NDArray(shape: [rows, range.count], scalars: out)
    }

    /// Drops this process's mapping of the pages that hold only columns `0..<column` of each row
    /// (`madvise(MADV_DONTNEED)`; the file is unchanged and the pages are re-read on demand).
    /// Call it after consuming columns in increasing order to keep resident memory small.
    /// - Complexity: one system call per row with at least one whole page to release.
    public func releasePages(beforeColumn column: Int) {
        guard let mapping, column > 0 else { return }
        let page = Self.pageSize
        let itemSize = header.dtype.itemSize
        let rowBytes = columns * itemSize
        let base = Int(bitPattern: mapping)
        for i in 0..<rows {
            let start = base + header.dataOffset + i * rowBytes
            let end = start + min(column, columns) * itemSize
            let alignedStart = (start + page - 1) / page * page
            let alignedEnd = end / page * page
            if alignedEnd > alignedStart {
                _ = madvise(UnsafeMutableRawPointer(bitPattern: alignedStart), alignedEnd - alignedStart, Int32(MADV_DONTNEED))
            }
        }
    }
}
