#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An open POSIX file, closed when the last reference goes away.
///
/// The `.npy` code reads with `pread(2)` straight into the destination array's storage, so a
/// native-endian load is one system call and no intermediate copy. Every failure becomes an
/// `NPYError.io` naming the file and the operation.
final class NPYFileDescriptor {
    /// The file's path, for error messages.
    let path: String
    private var descriptor: Int32

    /// Opens `url` for reading.
    init(readingAt url: URL) throws(NPYError) {
        path = url.path
        descriptor = url.withUnsafeFileSystemRepresentation { name in
            guard let name else { return -1 }
            return open(name, O_RDONLY | O_CLOEXEC)
        }
        if descriptor < 0 { throw .io(path: path, operation: "open for reading", errno: errno) }
    }

    /// Creates a new file at `url` for writing; fails if it already exists. The mode is 0666
    /// filtered by the process umask, as for any file NumPy writes.
    /// - Parameter reportedPath: the path errors name (the destination, for a temporary file).
    init(creatingNewAt url: URL, reportedPath: String) throws(NPYError) {
        path = reportedPath
        descriptor = url.withUnsafeFileSystemRepresentation { name in
            guard let name else { return -1 }
            return open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        }
        if descriptor < 0 { throw .io(path: path, operation: "create temporary file", errno: errno) }
    }

    deinit {
        if descriptor >= 0 { _ = systemClose(descriptor) }
    }

    /// The file's current size in bytes.
    func size() throws(NPYError) -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .io(path: path, operation: "stat", errno: errno) }
        return Int(info.st_size)
    }

    /// Reads up to `buffer.count` bytes starting at byte `offset`, retrying short reads.
    /// - Returns: the number of bytes read; fewer than requested only at end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(NPYError) -> Int {
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "read", errno: errno)
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Reads up to `count` bytes starting at byte `offset`; fewer only at end of file.
    func readBytes(count: Int, at offset: Int) throws(NPYError) -> [UInt8] {
        var failure: NPYError?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(NPYError) {
                initialized = try read(into: UnsafeMutableRawBufferPointer(buffer), at: offset)
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Writes all of `bytes` at the current position, retrying short writes.
    func write(_ bytes: UnsafeRawBufferPointer) throws(NPYError) {
        var done = 0
        while done < bytes.count {
            let n = systemWrite(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "write", errno: errno)
            }
            done += n
        }
    }

    /// Flushes written data to the storage device (`fsync(2)`).
    func synchronize() throws(NPYError) {
        guard fsync(descriptor) == 0 else { throw .io(path: path, operation: "fsync", errno: errno) }
    }

    /// Closes the file now, reporting errors that `deinit` would swallow.
    func close() throws(NPYError) {
        let fd = descriptor
        descriptor = -1
        guard systemClose(fd) == 0 else { throw .io(path: path, operation: "close", errno: errno) }
    }
}

/// `close(2)`, out of reach of `NPYFileDescriptor.close()`'s name.
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }

/// `write(2)`, out of reach of `NPYFileDescriptor.write(_:)`'s name.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(fd, bytes, count) }
