import CHDF5
import Foundation

/// An open HDF5 file: the entry point for reading and writing.
///
/// ```swift
/// let file = try HDF5File.open(url)                          // read-only
/// let times = try file.dataset("/units/spike_times").read(as: Double.self)
/// let version = try file.root.attributes.string("nwb_version")
///
/// let out = try HDF5File.create(resultsURL, mode: .truncate)
/// try out.root.writeDataset("rdm/values", NDArray(shape: [2, 2], scalars: [0, 1, 1, 0.0]))
/// ```
///
/// The file closes when the last reference to it, or to anything opened from it (groups, datasets,
/// attributes keep their file alive), goes away; call `flush()` to push pending writes to disk earlier.
/// libhdf5 shares one open file per path within a process: a file still open read-only cannot be
/// opened again for writing until every reference to the first `HDF5File` is gone.
///
/// Errors are `HDF5Error` values naming the file and object path; a bad file never traps and
/// libhdf5 never prints (its error stack is silenced and cleared after every call).
///
/// Threads: use a file and its objects from one thread at a time. They are `Sendable` so they can be
/// handed to another task; the thread-safe libhdf5 serialises every call behind one global lock, so
/// concurrent use is safe but not parallel — read on one thread and parallelise the compute.
public final class HDF5File: @unchecked Sendable {
    // @unchecked Sendable: all stored properties are immutable; the identifier is only used in
    // libhdf5 calls, which the thread-safe build serialises behind its global lock.

    /// How to open an existing file.
    public enum OpenMode: Sendable, Equatable, CaseIterable {
        /// Reading only (the default); writes fail with `HDF5Error.writeFailed`.
        case readOnly
        /// Reading and writing.
        case readWrite
    }

    /// What to do when creating a file that already exists.
    public enum CreateMode: Sendable, Equatable, CaseIterable {
        /// Replace any existing file.
        case truncate
        /// Fail with `HDF5Error.cannotCreateFile` if the file exists (the default).
        case exclusive
    }

    /// The file's location on disk.
    public let url: URL
    /// Whether the file was opened or created for writing.
    public let isWritable: Bool
    /// The file identifier.
    let handle: HDF5Handle

    private init(url: URL, handle: HDF5Handle, isWritable: Bool) {
        self.url = url
        self.handle = handle
        self.isWritable = isWritable
    }

    /// The file's path on disk, as used in error messages.
    public var path: String { url.path }

    /// Opens an existing HDF5 file.
    ///
    /// - Throws: `.fileNotFound`, `.notHDF5` (no HDF5 signature), `.needsNewerLibrary` (format newer
    ///   than the linked libhdf5), `.cannotOpenFile` (truncated, corrupt, unreadable).
    public static func open(_ url: URL, mode: OpenMode = .readOnly) throws(HDF5Error) -> HDF5File {
        let path = url.path
        return try HDF5Library.guarded { () throws(HDF5Error) -> HDF5File in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .fileNotFound(file: path)
            }
            guard !isDirectory.boolValue else { throw .cannotOpenFile(file: path, reason: "is a directory") }
            let isHDF5 = H5Fis_hdf5(path)
            if isHDF5 == 0 { throw .notHDF5(file: path) }
            if isHDF5 < 0 {
                let reason = HDF5Library.takeErrorMessage()
                // Files too short to hold a signature make some libhdf5 versions fail instead of answering.
                if HDF5FormatDiagnosis.superblockVersion(atPath: path) == nil { throw .notHDF5(file: path) }
                throw .cannotOpenFile(file: path, reason: reason)
            }
            let flags = mode == .readOnly ? ck_h5f_acc_rdonly() : ck_h5f_acc_rdwr()
            let (id, failure) = withFileAccessList { H5Fopen(path, flags, $0) }
            guard id >= 0 else {
                throw HDF5FormatDiagnosis.fileOpenFailure(file: path, reason: failure ?? "unknown HDF5 error")
            }
            return HDF5File(url: url, handle: HDF5Handle(id, kind: .file), isWritable: mode == .readWrite)
        }
    }

    /// Creates a new HDF5 file (opened for reading and writing), in the default (oldest compatible)
    /// format so that any HDF5 ≥ 1.8 reads it.
    ///
    /// - Throws: `.cannotCreateFile` (exists in `.exclusive` mode, missing directory, permissions).
    public static func create(_ url: URL, mode: CreateMode = .exclusive) throws(HDF5Error) -> HDF5File {
        let path = url.path
        return try HDF5Library.guarded { () throws(HDF5Error) -> HDF5File in
            if mode == .exclusive && FileManager.default.fileExists(atPath: path) {
                throw .cannotCreateFile(file: path, reason: "file exists (use mode .truncate to replace it)")
            }
            let flags = mode == .truncate ? ck_h5f_acc_trunc() : ck_h5f_acc_excl()
            let (id, failure) = withFileAccessList { H5Fcreate(path, flags, ck_h5p_default(), $0) }
            guard id >= 0 else { throw .cannotCreateFile(file: path, reason: failure ?? "unknown HDF5 error") }
            return HDF5File(url: url, handle: HDF5Handle(id, kind: .file), isWritable: true)
        }
    }

    /// Runs `body` with a file-access property list that turns HDF5's file locking off.
    ///
    /// HDF5 ≥ 1.10 takes an `flock` on every file it opens, and libhdf5 opens files without
    /// close-on-exec: a child process started meanwhile (the CLI runs tools, tests run the CLI)
    /// inherits the descriptor and its lock, and the next open of that file fails with "unable to
    /// lock file". CortexKit writes through temporary files and renames, so it does not rely on
    /// these locks (the same choice as `HDF5_USE_FILE_LOCKING=FALSE`).
    /// Returns the identifier and, when it is negative, HDF5's error message — taken before the
    /// property list is closed, since every HDF5 call clears the error stack on entry.
    private static func withFileAccessList(_ body: (hid_t) -> hid_t) -> (hid_t, String?) {
        let fapl = H5Pcreate(ck_h5p_file_access())
        if fapl < 0 { ck_h5_silence_and_clear() }
        if fapl >= 0 && H5Pset_file_locking(fapl, false, true) < 0 { ck_h5_silence_and_clear() }
        let id = body(fapl >= 0 ? fapl : ck_h5p_default())
        let failure = id < 0 ? HDF5Library.takeErrorMessage() : nil
        if fapl >= 0 { H5Pclose(fapl) }
        return (id, failure)
    }

    /// The root group "/" (shares the file identifier; creating it makes no libhdf5 call).
    public var root: HDF5Group { HDF5Group(file: self, path: "/", handle: handle) }

    /// The superblock version stored in the file (0–3), read from the bytes on disk.
    public var superblockVersion: Int? { HDF5FormatDiagnosis.superblockVersion(atPath: path) }

    /// Writes buffered changes to disk.
    public func flush() throws(HDF5Error) {
        try HDF5Library.guarded { () throws(HDF5Error) in
            guard H5Fflush(handle.id, H5F_SCOPE_GLOBAL) >= 0 else {
                throw .writeFailed(file: path, path: "/", reason: HDF5Library.takeErrorMessage())
            }
        }
    }

    // MARK: navigation from the root (see HDF5Group for the semantics)

    /// Opens the group at `path` (absolute, or relative to the root). See `HDF5Group.group(_:)`.
    public func group(_ path: String) throws(HDF5Error) -> HDF5Group { try root.group(path) }

    /// Opens the dataset at `path` (absolute, or relative to the root). See `HDF5Group.dataset(_:)`.
    public func dataset(_ path: String) throws(HDF5Error) -> HDF5Dataset { try root.dataset(path) }

    /// Whether `path` names an object (links followed). See `HDF5Group.exists(_:)`.
    public func exists(_ path: String) -> Bool { root.exists(path) }

    /// The kind of object `path` resolves to. See `HDF5Group.kind(of:)`.
    public func kind(of path: String) throws(HDF5Error) -> HDF5ObjectKind { try root.kind(of: path) }

    /// The links in the root group. See `HDF5Group.children()`.
    public func children() throws(HDF5Error) -> [HDF5Child] { try root.children() }

    /// The attributes of the root group.
    public var attributes: HDF5Attributes { root.attributes }
}
