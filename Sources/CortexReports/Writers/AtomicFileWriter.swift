import Foundation

/// Writes files so readers never see a partial file: the bytes go to a temporary file in the
/// destination directory (`mkstemp`, so same file system), are flushed with `fsync`, and the file
/// is renamed over the destination (`rename(2)` is atomic within one file system). On failure the
/// temporary file is removed and the destination is untouched.
///
/// ```swift
/// try AtomicFileWriter.write(Array("hello".utf8), to: "/tmp/out/hello.txt")
/// ```
public enum AtomicFileWriter {
    /// Writes `bytes` to `path` atomically, with permissions `rw-r--r--`.
    /// - Throws: `ReportWriteError.io` naming the failing operation.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var template = Array("\(directory)/.\(url.lastPathComponent).tmp-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw error(path: path, operation: "create temporary file") }
        let temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var succeeded = false
        defer {
            if !succeeded { unlink(temporaryPath) }
        }
        do {
            defer { close(descriptor) }
            guard fchmod(descriptor, 0o644) == 0 else { throw error(path: temporaryPath, operation: "fchmod") }
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { posixWrite(descriptor, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw error(path: temporaryPath, operation: "write")
                }
                offset += written
            }
            guard fsync(descriptor) == 0 else { throw error(path: temporaryPath, operation: "fsync") }
        }
        guard rename(temporaryPath, path) == 0 else { throw error(path: path, operation: "rename") }
        succeeded = true
    }

    /// Writes `text` as UTF-8 to `path` atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    private static func error(path: String, operation: String) -> ReportWriteError {
        let code = errno
        return .io(path: path, operation: operation, code: code, message: String(cString: strerror(code)))
    }
}

/// `write(2)`, at file scope so the name is not shadowed by `AtomicFileWriter.write`.
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
