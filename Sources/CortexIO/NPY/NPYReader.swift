import CortexNumerics
import Foundation

/// An open `.npy` file with its decoded header, reading elements into typed arrays.
///
/// Elements of the file's own dtype are read with `pread(2)` straight into the new array's
/// storage (then byte-swapped in place if the file is big-endian); conversions to `Float` or
/// `Double` go through a fixed-size scratch buffer, one chunk at a time, so memory stays at the
/// size of the result.
struct NPYReader {
    /// Bytes per chunk when converting between dtypes.
    static let chunkByteCount = 1 << 20

    let file: NPYFileDescriptor
    let header: NPYHeader

    /// Opens `url` and reads its header; checks the file holds all announced data.
    init(url: URL) throws(NPYError) {
        file = try NPYFileDescriptor(readingAt: url)
        header = try NPYHeader.read(from: file)
    }

    var path: String { file.path }

    /// The whole array in C order, as `T`: `T`'s dtype must be the file's, or `T` must be
    /// `Float` or `Double`. Fortran-order files are reordered.
    func readAll<T: NPYElement>(as _: T.Type) throws(NPYError) -> NDArray<T> {
        guard header.fortranOrder && header.shape.count > 1 && header.count > 0 else {
            return NDArray(shape: header.shape, scalars: try readElements(0..<header.count, as: T.self))
        }
        // Stored as the C-order array of reversed shape; reorder into the logical C order.
        let stored = try readElements(0..<header.count, as: T.self)
        let scalars = [T](unsafeUninitializedCapacity: stored.count) { buffer, initialized in
            stored.withUnsafeBufferPointer { NPYKernels.fortranToC($0, shape: header.shape, into: buffer.baseAddress!) }
            initialized = stored.count
        }
        return NDArray(shape: header.shape, scalars: scalars)
    }

    /// Rows `rows` (indices along the first axis) of a C-order array of rank ≥ 1.
    func readRows<T: NPYElement>(_ rows: Range<Int>, as _: T.Type) throws(NPYError) -> NDArray<T> {
        guard !header.fortranOrder || header.shape.count <= 1 else {
            throw .fortranOrderUnsupported(path: path, operation: "readRows")
        }
        guard let first = header.shape.first else {
            throw .shapeMismatch(path: path, expected: "rank ≥ 1 for readRows", found: header.shape)
        }
        guard rows.lowerBound >= 0 && rows.upperBound <= first else {
            throw .shapeMismatch(path: path,
                                 expected: "rows \(rows.lowerBound)..<\(rows.upperBound) within 0..<\(first)",
                                 found: header.shape)
        }
        let rowCount = header.shape.dropFirst().reduce(1, *)
        let elements = (rows.lowerBound * rowCount)..<(rows.upperBound * rowCount)
        return NDArray(shape: [rows.count] + header.shape.dropFirst(), scalars: try readElements(elements, as: T.self))
    }

    /// Elements `elements` of the stored (flat) data as `T`.
    private func readElements<T: NPYElement>(_ elements: Range<Int>, as _: T.Type) throws(NPYError) -> [T] {
        T.checkLayout()
        let target = T.npyDType
        precondition(target == header.dtype || target == .float32 || target == .float64,
                     "NPYReader: cannot convert \(header.dtype) to \(target)")
        var failure: NPYError?
        let scalars = [T](unsafeUninitializedCapacity: elements.count) { buffer, initialized in
            do throws(NPYError) {
                try readRaw(elements, into: UnsafeMutableRawPointer(buffer.baseAddress), as: target)
                initialized = elements.count
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return scalars
    }

    /// Reads elements into memory bound to the Swift type of `target`.
    private func readRaw(_ elements: Range<Int>, into destination: UnsafeMutableRawPointer?,
                         as target: NPYDType) throws(NPYError) {
        guard !elements.isEmpty, let destination else { return }
        let itemSize = header.dtype.itemSize
        let swap = itemSize > 1 && header.byteOrder.needsSwap
        let start = header.dataOffset + elements.lowerBound * itemSize

        if target == header.dtype {
            let bytes = UnsafeMutableRawBufferPointer(start: destination, count: elements.count * itemSize)
            try readExactly(into: bytes, at: start)
            if swap { NPYKernels.swapBytes(bytes, itemSize: itemSize) }
            if target == .bool { NPYKernels.normalizeBooleans(bytes) }
            return
        }

        let chunkElements = max(1, Self.chunkByteCount / itemSize)
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkElements * itemSize, alignment: 16)
        defer { scratch.deallocate() }
        let targetSize = target.itemSize
        var done = 0
        while done < elements.count {
            let n = min(chunkElements, elements.count - done)
            let chunk = UnsafeMutableRawBufferPointer(rebasing: scratch[0..<(n * itemSize)])
            try readExactly(into: chunk, at: start + done * itemSize)
            if swap { NPYKernels.swapBytes(chunk, itemSize: itemSize) }
            NPYKernels.convert(UnsafeRawBufferPointer(chunk), from: header.dtype,
                               into: destination + done * targetSize, as: target)
            done += n
        }
    }

    /// Fills `bytes` from byte `offset`; a short read means the file shrank since it was checked.
    private func readExactly(into bytes: UnsafeMutableRawBufferPointer, at offset: Int) throws(NPYError) {
        let got = try file.read(into: bytes, at: offset)
        guard got == bytes.count else {
            throw .truncatedFile(path: path, expectedBytes: header.dataOffset + header.dataByteCount,
                                 foundBytes: offset + got)
        }
    }
}
