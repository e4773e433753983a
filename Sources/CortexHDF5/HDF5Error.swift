/// A problem reading or writing an HDF5 file, with enough context to act on it.
///
/// Every case names the file on disk (`file`) and, where one is involved, the object path inside
/// it (`path`, absolute, e.g. `/units/spike_times`). `description` is one readable line:
///
/// ```
/// HDF5: /data/session.nwb: /units/spike_times: expected strings, found float64
/// ```
///
/// The reasons quoted from libhdf5 (`reason`) are the innermost message of its error stack, e.g.
/// "truncated file: eof = 1024, sblock->base_addr = 0, stored_eof = 13800".
public enum HDF5Error: Error, Sendable, Equatable {
    /// No file exists at the path.
    case fileNotFound(file: String)
    /// The file exists but does not carry the HDF5 signature (H5Fis_hdf5 says no).
    case notHDF5(file: String)
    /// The file is HDF5 but libhdf5 refused to open it (truncated, corrupt, permissions…).
    case cannotOpenFile(file: String, reason: String)
    /// The file (or the object at `path`) uses a format newer than the linked libhdf5 can decode,
    /// typically a file written with `libver="latest"` by HDF5 ≥ 1.12 (h5py ≥ 3 bundles 1.14 / 2.0).
    /// `superblockVersion` is read from the file itself; `library` is the linked version.
    case needsNewerLibrary(file: String, path: String, superblockVersion: Int?, library: String, reason: String)
    /// The file could not be created (missing directory, permissions, exclusive mode and it exists…).
    case cannotCreateFile(file: String, reason: String)
    /// Nothing is linked at `path` (or a link there does not resolve).
    case objectMissing(file: String, path: String)
    /// The object at `path` is not of the kind the call needs (e.g. a group where a dataset was asked).
    case wrongKind(file: String, path: String, expected: HDF5ObjectKind, found: HDF5ObjectKind)
    /// Writing would replace an existing object or attribute and the write policy forbids it.
    case alreadyExists(file: String, path: String)
    /// The stored element type cannot be read as requested (e.g. strings from a float dataset).
    case typeMismatch(file: String, path: String, expected: String, found: HDF5DataType)
    /// A compound dataset has no member of this name.
    case fieldMissing(file: String, path: String, field: String, available: [String])
    /// The dataspace does not fit the request (rank, a row range beyond the extent, element count).
    case shapeMismatch(file: String, path: String, expected: String, found: [Int])
    /// The dataspace declares more data than the file stores: an unallocated (sparse) dataset, or a
    /// corrupt extent. `declaredBytes` is nil when extent × element size overflows.
    case extentNotStored(file: String, path: String, shape: [Int], declaredBytes: Int?, storedBytes: Int, detail: String)
    /// Reading the selection would need more memory than the limit (nil bytes: the size overflows).
    case readTooLarge(file: String, path: String, shape: [Int], bytesNeeded: Int?, limit: Int)
    /// libhdf5 failed while reading (after the object was opened and checked).
    case readFailed(file: String, path: String, reason: String)
    /// libhdf5 failed while writing or creating an object.
    case writeFailed(file: String, path: String, reason: String)

    /// The file on disk the error is about.
    public var file: String {
        switch self {
        case .fileNotFound(let file), .notHDF5(let file), .cannotOpenFile(let file, _),
             .cannotCreateFile(let file, _):
            return file
        case .needsNewerLibrary(let file, _, _, _, _), .objectMissing(let file, _), .wrongKind(let file, _, _, _),
             .alreadyExists(let file, _), .typeMismatch(let file, _, _, _), .fieldMissing(let file, _, _, _),
             .shapeMismatch(let file, _, _, _), .readFailed(let file, _, _), .writeFailed(let file, _, _),
             .extentNotStored(let file, _, _, _, _, _), .readTooLarge(let file, _, _, _, _):
            return file
        }
    }

    /// The object path inside the file, when the error is about one object.
    public var path: String? {
        switch self {
        case .fileNotFound, .notHDF5, .cannotOpenFile, .cannotCreateFile:
            return nil
        case .needsNewerLibrary(_, let path, _, _, _), .objectMissing(_, let path), .wrongKind(_, let path, _, _),
             .alreadyExists(_, let path), .typeMismatch(_, let path, _, _), .fieldMissing(_, let path, _, _),
             .shapeMismatch(_, let path, _, _), .readFailed(_, let path, _), .writeFailed(_, let path, _),
             .extentNotStored(_, let path, _, _, _, _), .readTooLarge(_, let path, _, _, _):
            return path
        }
    }
}

extension HDF5Error: CustomStringConvertible {
    /// One line naming the file, the object path and what went wrong.
    public var description: String {
        switch self {
        case .fileNotFound(let file):
            return "HDF5: \(file): no such file"
        case .notHDF5(let file):
            return "HDF5: \(file): not an HDF5 file (no HDF5 signature)"
        case .cannotOpenFile(let file, let reason):
            return "HDF5: \(file): cannot open: \(reason)"
        case .needsNewerLibrary(let file, let path, let superblock, let library, let reason):
            let format = superblock.map { "superblock version \($0)" } ?? "unknown superblock version"
            return "HDF5: \(file): \(path): written in a newer HDF5 format (\(format), \(reason)) than the "
                + "linked HDF5 \(library) can decode, typically libver='latest' from HDF5 >= 1.12; "
                + "link a newer HDF5, or rewrite the file in an older format (h5py's default libver, "
                + "or h5repack of a newer HDF5)"
        case .cannotCreateFile(let file, let reason):
            return "HDF5: \(file): cannot create: \(reason)"
        case .objectMissing(let file, let path):
            return "HDF5: \(file): \(path): no such object"
        case .wrongKind(let file, let path, let expected, let found):
            return "HDF5: \(file): \(path): expected a \(expected), found a \(found)"
        case .alreadyExists(let file, let path):
            return "HDF5: \(file): \(path): already exists (pass .replace to overwrite)"
        case .typeMismatch(let file, let path, let expected, let found):
            return "HDF5: \(file): \(path): expected \(expected), found \(found)"
        case .fieldMissing(let file, let path, let field, let available):
            return "HDF5: \(file): \(path): compound has no field '\(field)' "
                + "(fields: \(available.joined(separator: ", ")))"
        case .shapeMismatch(let file, let path, let expected, let found):
            return "HDF5: \(file): \(path): expected \(expected), found shape \(found)"
        case .extentNotStored(let file, let path, let shape, let declared, let stored, let detail):
            let declaredText = declared.map { "\($0) bytes" } ?? "more than 2^63 bytes"
            return "HDF5: \(file): \(path): shape \(shape) declares \(declaredText) but the file stores \(stored) "
                + "(\(detail)): an unwritten (sparse) dataset or a corrupt extent; refusing to read fill values as data"
        case .readTooLarge(let file, let path, let shape, let needed, let limit):
            let neededText = needed.map { "\($0) bytes" } ?? "more than 2^63 bytes"
            return "HDF5: \(file): \(path): reading shape \(shape) needs \(neededText), more than the limit of "
                + "\(limit) bytes"
        case .readFailed(let file, let path, let reason):
            return "HDF5: \(file): \(path): read failed: \(reason)"
        case .writeFailed(let file, let path, let reason):
            return "HDF5: \(file): \(path): write failed: \(reason)"
        }
    }
}
