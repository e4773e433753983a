import CHDF5
import Foundation

/// Tells "this file is newer than our libhdf5" apart from other open failures.
///
/// HDF5 ≥ 1.12 (h5py ≥ 3 bundles 1.14 or 2.0) writes newer object-header messages when a file is
/// created with `libver="latest"`. HDF5 1.10.8 then opens the file (superblock version 3 is a 1.10
/// format) but fails on the first dataset with "bad version number for layout message"; a
/// superblock version above 3 fails already in `H5Fopen`. Both are reported as
/// `HDF5Error.needsNewerLibrary`, with the superblock version read from the file itself.
enum HDF5FormatDiagnosis {
    /// The newest superblock version that HDF5 1.10 – 2.0 define.
    static let newestKnownSuperblockVersion = 3

    /// The 8-byte HDF5 signature, found at offset 0, 512, 1024, 2048, … of a file.
    static let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The superblock version byte (the byte after the signature), or `nil` when the file cannot be
    /// read or has no signature.
    static func superblockVersion(atPath path: String) -> Int? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd() else { return nil }
        var offset: UInt64 = 0
        while offset + 9 <= end {
            guard (try? handle.seek(toOffset: offset)) != nil,
                  let bytes = try? handle.read(upToCount: 9), bytes.count == 9 else { return nil }
            if Array(bytes.prefix(8)) == signature { return Int(bytes[bytes.startIndex + 8]) }
            offset = offset == 0 ? 512 : offset * 2
        }
        return nil
    }

    /// True when libhdf5's message says it met a format version it does not know
    /// ("bad version number for layout message", "bad superblock version number", …).
    static func isVersionProblem(_ reason: String) -> Bool {
        reason.range(of: "version number", options: .caseInsensitive) != nil
    }

    /// The error for a failed `H5Fopen` on a file that carries the HDF5 signature.
    static func fileOpenFailure(file: String, reason: String) -> HDF5Error {
        let superblock = superblockVersion(atPath: file)
        if isVersionProblem(reason) || (superblock ?? 0) > newestKnownSuperblockVersion {
            return .needsNewerLibrary(file: file, path: "/", superblockVersion: superblock,
                                      library: HDF5Library.version, reason: reason)
        }
        return .cannotOpenFile(file: file, reason: reason)
    }

    /// The error for a failed open, query or read of an object that does exist: `needsNewerLibrary`
    /// for format-version problems, otherwise `readFailed`.
    static func objectOpenFailure(file: String, path: String, reason: String) -> HDF5Error {
        if isVersionProblem(reason) {
            return .needsNewerLibrary(file: file, path: path, superblockVersion: superblockVersion(atPath: file),
                                      library: HDF5Library.version, reason: reason)
        }
        return .readFailed(file: file, path: path, reason: reason)
    }
}
