import Foundation

extension HDF5File {
    /// Creates the HDF5 file at `url` through a temporary file in the same folder and a rename, so
    /// readers never see a half-written file and a failure (or a kill) leaves any old file intact.
    ///
    /// `body` fills the new file; it is flushed and closed before the rename.
    /// - Throws: whatever `body` throws, or `.writeFailed` when the rename fails; the temporary file
    ///   is removed in both cases.
    public static func writeAtomically(to url: URL, _ body: (HDF5File) throws -> Void) throws {
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

    /// Creates, fills, flushes and closes the file (the handle dies when this returns).
    private static func fill(_ url: URL, _ body: (HDF5File) throws -> Void) throws {
        let file = try HDF5File.create(url, mode: .exclusive)
        try body(file)
        try file.flush()
    }
}
