import CortexHDF5
import Foundation

/// Writes an HDF5 file through a temporary file in the destination folder and a rename, so a
/// reader never sees a half-written file and an interrupted run leaves the old file intact.
enum AtomicHDF5Write {
    static func write(to url: URL, _ body: (HDF5File) throws -> Void) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try fill(temporary, body)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw HDF5Error.writeFailed(file: url.path, path: "/", reason: "cannot move the finished file into place: \(reason)")
        }
    }

    /// Creates, fills and closes the file (the handle dies when this returns).
    private static func fill(_ url: URL, _ body: (HDF5File) throws -> Void) throws {
        let file = try HDF5File.create(url, mode: .exclusive)
        try body(file)
        try file.flush()
    }
}
