import CHDF5
import Foundation

/// Rows of a dataset used in place: a read-only memory map of the file's bytes instead of a copy.
///
/// A contiguous, unfiltered dataset stored in the requested type's own layout (same size and byte
/// order) is one run of bytes in the file; ``withMappedRows(_:as:_:)`` maps the rows' bytes with
/// `MAP_POPULATE` (the page-table entries are filled in one call from the page cache: no page
/// faults, no copy) and passes them to `body` as a buffer. A 1 GB `spike_times` column read this way
/// costs neither the kernel's copy into a user buffer nor the buffer's memory. Anything else —
/// chunked or compressed storage, external files, a user block, another element type or byte order,
/// unaligned data, bytes beyond the file's end — returns `nil` without calling `body`: read with
/// ``readRows(_:as:memoryLimit:)`` then, which also gives the proper error for damaged files.
///
/// A file truncated by another process while mapped raises SIGBUS on access, which `cortex` turns
/// into one error line (`CrashLine`), or reads as zeros past the new end; callers check
/// ``mappedRowsAreIntact(_:as:)`` after using the rows and reject the result if the file shrank.
///
/// ```swift
/// let sum = try times.withMappedRows(0..<1_000_000, as: Double.self) { $0.reduce(0, +) }
///     ?? times.readRows(0..<1_000_000, as: Double.self).scalars.reduce(0, +)
/// ```
extension HDF5Dataset {
    /// Calls `body` with rows `rows` (every other dimension whole, row-major) mapped from the file,
    /// or returns `nil` without calling it when the dataset is not stored as plain `T` values (see
    /// the type's notes). The buffer is valid only inside `body`.
    /// - Throws: only what `body` throws.
    public func withMappedRows<T: HDF5Element & BitwiseCopyable, R, E: Error>(
        _ rows: Range<Int>, as type: T.Type, _ body: (UnsafeBufferPointer<T>) throws(E) -> R
    ) throws(E) -> R? {
        guard T.self != Bool.self, let bytes = storedBytes(ofRows: rows, elementSize: MemoryLayout<T>.stride,
                                                           nativeType: T.hdf5NativeType.predefinedID) else { return nil }
        let count = bytes.count / MemoryLayout<T>.stride
        if count == 0 { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, bytes.upperBound <= Int(info.st_size) else { return nil }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = bytes.lowerBound / page * page
        let length = bytes.upperBound - start
        guard let mapping = mmap(nil, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, off_t(start)),
              mapping != MAP_FAILED else { return nil }
        defer { munmap(mapping, length) }
        let base = (mapping + (bytes.lowerBound - start)).assumingMemoryBound(to: T.self)
        return try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Whether the file still holds every byte of rows `rows` (its size now covers their range), for
    /// a check after ``withMappedRows(_:as:_:)``: pages of a file cut short while mapped can read as
    /// zeros, so a caller that mapped rows confirms the file is intact before trusting its result.
    /// `true` when the rows are not stored plainly (they were not mapped).
    public func mappedRowsAreIntact<T: HDF5Element & BitwiseCopyable>(_ rows: Range<Int>, as type: T.Type) -> Bool {
        guard let bytes = storedBytes(ofRows: rows, elementSize: MemoryLayout<T>.stride,
                                      nativeType: T.hdf5NativeType.predefinedID) else { return true }
        var info = stat()
        return stat(file.path, &info) == 0 && Int(info.st_size) >= bytes.upperBound
    }

    /// The byte range in the file of rows `rows` when the dataset is contiguous, unfiltered, not
    /// external, allocated, in a file without a user block, stored exactly as `nativeType` and
    /// aligned for it; otherwise `nil`.
    func storedBytes(ofRows rows: Range<Int>, elementSize: Int, nativeType: hid_t) -> Range<Int>? {
        guard rank >= 1, rows.lowerBound >= 0, rows.upperBound <= shape[0],
              let rowElements = Self.checkedProduct(Array(shape.dropFirst())) else { return nil }
        return HDF5Library.guarded { () -> Range<Int>? in
            let plist = H5Dget_create_plist(handle.id)
            guard plist >= 0 else { return nil }
            defer { H5Pclose(plist) }
            guard H5Pget_layout(plist) == H5D_CONTIGUOUS, H5Pget_nfilters(plist) == 0,
                  H5Pget_external_count(plist) == 0, H5Tequal(typeHandle.id, nativeType) > 0 else { return nil }
            let fileCreation = H5Fget_create_plist(file.handle.id)
            guard fileCreation >= 0 else { return nil }
            defer { H5Pclose(fileCreation) }
            var userBlock: hsize_t = 0
            guard H5Pget_userblock(fileCreation, &userBlock) >= 0, userBlock == 0 else { return nil }
            let address = H5Dget_offset(handle.id)
            guard address != haddr_t.max, address <= haddr_t(Int.max) else { return nil }   // HADDR_UNDEF: not allocated
            let (rowBytes, overflowA) = rowElements.multipliedReportingOverflow(by: elementSize)
            let (first, overflowB) = rows.lowerBound.multipliedReportingOverflow(by: rowBytes)
            let (size, overflowC) = rows.count.multipliedReportingOverflow(by: rowBytes)
            let (lower, overflowD) = Int(address).addingReportingOverflow(first)
            guard !(overflowA || overflowB || overflowC || overflowD), lower % elementSize == 0,
                  lower <= Int.max - size else { return nil }
            return lower..<(lower + size)
        }
    }
}
