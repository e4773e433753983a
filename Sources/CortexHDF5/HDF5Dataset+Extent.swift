import CHDF5
import Foundation

/// Extent checks made before any dataset read, so a bad extent is a typed error rather than an
/// attempt to allocate terabytes.
///
/// A dataspace is only a claim: one flipped bit in a file, or a legal but never-written (sparse,
/// unallocated) dataset, can declare 2⁴⁰ elements while the file holds a few kilobytes. libhdf5 reads
/// such a dataset as fill values, and the caller's buffer would be allocated first. So before a read:
///
/// 1. the logical size `count × storedElementBytes` is computed with overflow checks;
/// 2. the stored data must cover the extent: contiguous datasets need `H5Dget_storage_size ≥` the
///    logical size; chunked datasets (whose compressed chunks may legitimately be smaller) need every
///    chunk of the extent allocated (`H5Dget_num_chunks` = Π ⌈dim / chunk⌉); compact datasets are
///    checked by libhdf5 when opened; virtual datasets are not checked here;
/// 3. the memory the selection needs must stay within a limit (`HDF5ReadLimit`).
///
/// Unallocated fill is legal HDF5, but no reader wants fill values presented as data unless the
/// writer asked for them: a dataset with a user-defined fill value (h5py's `fillvalue=`) may be
/// partly unwritten — its unwritten elements read as that value, bounded by the memory limit; with
/// the library's default fill it may not (CortexKit's writers set none: their files are whole).
/// Elements never written inside an allocated chunk cannot be told from data (HDF5 keeps no record).
extension HDF5Dataset {
    /// Whether the stored data covers the extent; computed when the dataset is opened.
    enum StorageCoverage: Sendable, Equatable {
        /// The data is stored (or the layout is not checked: compact, virtual, empty).
        case covered
        /// Part of the extent has no stored data: `declaredBytes` (nil when it overflows) against
        /// `storedBytes`, with a detail such as "3 of 4096 chunks stored".
        case missing(declaredBytes: Int?, storedBytes: Int, detail: String)
    }

    /// The coverage of the dataset `id` of `shape` (see the extension's description).
    static func storageCoverage(dataset id: hid_t, layout: H5D_layout_t, shape: [Int], chunkShape: [Int]?,
                                elementBytes: Int, userFill: Bool) -> StorageCoverage {
        defer { ck_h5_silence_and_clear() }
        let declared = checkedProduct(shape + [elementBytes])
        if shape.contains(0) { return .covered }
        let stored = Int(clamping: H5Dget_storage_size(id))
        switch layout {
        case H5D_CONTIGUOUS:
            if let declared, stored >= declared { return .covered }
            // Contiguous storage is allocated whole: absent is fill, a shorter block is corruption.
            if stored == 0 && userFill { return .covered }
            return .missing(declaredBytes: declared, storedBytes: stored,
                            detail: stored == 0 ? "no data stored (unallocated)" : "contiguous storage too small")
        case H5D_CHUNKED:
            guard let chunkShape, chunkShape.count == shape.count, chunkShape.allSatisfy({ $0 > 0 }) else {
                return .missing(declaredBytes: declared, storedBytes: stored, detail: "invalid chunk shape")
            }
            let perDimension = zip(shape, chunkShape).map { ($0 + $1 - 1) / $1 }
            var allocated: hsize_t = 0
            // H5Dget_num_chunks wants the dataset's own dataspace (H5S_ALL fails in 1.10.8).
            let space = H5Dget_space(id)
            defer { if space >= 0 { H5Sclose(space) } }
            guard space >= 0, H5Dget_num_chunks(id, space, &allocated) >= 0 else {
                return .missing(declaredBytes: declared, storedBytes: stored, detail: "chunk index unreadable")
            }
            if userFill { return .covered }
            if let expected = checkedProduct(perDimension), hsize_t(expected) <= allocated { return .covered }
            let expectedText = checkedProduct(perDimension).map(String.init) ?? "more than 2^63"
            return .missing(declaredBytes: declared, storedBytes: stored,
                            detail: "\(allocated) of \(expectedText) chunks stored")
        default:
            return .covered
        }
    }

    /// Π values, or nil when it overflows `Int` or a value is negative.
    static func checkedProduct(_ values: [Int]) -> Int? {
        var product = 1
        for value in values {
            guard value >= 0 else { return nil }
            let (result, overflow) = product.multipliedReportingOverflow(by: value)
            if overflow { return nil }
            product = result
        }
        return product
    }

    /// Throws unless the dataset's stored data covers its extent.
    /// - Throws: `.extentNotStored` naming the shape, declared and stored bytes.
    func checkStorageCoverage() throws(HDF5Error) {
        if case .missing(let declared, let stored, let detail) = storageCoverage {
            throw .extentNotStored(file: file.path, path: path, shape: shape, declaredBytes: declared,
                                   storedBytes: stored, detail: detail)
        }
    }
}

/// The most memory one read may allocate.
///
/// The default is the machine's physical memory: a read larger than that cannot succeed and would
/// only abort the process. Pass a smaller limit to a read to fail earlier.
public enum HDF5ReadLimit {
    /// The physical memory of this machine, in bytes.
    public static var defaultBytes: Int { Int(clamping: ProcessInfo.processInfo.physicalMemory) }

    /// Throws `.readTooLarge` when `count` elements of `elementBytes` exceed `limit` (or overflow).
    static func check(count: Int, elementBytes: Int, limit: Int, file: String, path: String,
                      shape: [Int]) throws(HDF5Error) {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: elementBytes)
        if overflow || bytes > limit {
            throw .readTooLarge(file: file, path: path, shape: shape, bytesNeeded: overflow ? nil : bytes, limit: limit)
        }
    }
}
