#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import CortexNumerics

/// Writing `.npy` files atomically.
extension NPYFile {
    /// Writes `array` to `url` in C order and native byte order, replacing any existing file.
    ///
    /// The bytes are those `np.save` would write for the same array (same header text, spaces
    /// and 64-byte alignment). The file is written to a temporary file in the same directory,
    /// flushed with `fsync`, then renamed over `url` (`rename(2)` is atomic), so readers see
    /// either the old file or the complete new one, never a partial file.
    ///
    /// - Parameters:
    ///   - array: the array; its element type gives the dtype (`Double` → `'<f8'`, …).
    ///   - url: a file URL; its directory must exist.
    ///   - version: `.smallest` (default) writes 1.0 unless the header exceeds 65 535 bytes.
    /// - Throws: `NPYError.io` if the directory is not writable or the disk is full (the
    ///   temporary file is removed), `.headerTooLarge` if `.exactly(.v1)` cannot hold the header.
    public static func write<T: NPYElement>(_ array: NDArray<T>, to url: URL,
                                            version: NPYWriteVersion = .smallest) throws(NPYError) {
        T.checkLayout()
        let (prefix, _) = try NPYHeader.encode(dtype: T.npyDType, byteOrder: .native, shape: array.shape,
                                               version: version, path: url.path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do throws(NPYError) {
            let file = try NPYFileDescriptor(creatingNewAt: temporary, reportedPath: url.path)
            // `withUnsafe…` rethrow untyped errors, so carry the typed one out by hand.
            var failure: NPYError?
            prefix.withUnsafeBytes { bytes in
                do throws(NPYError) { try file.write(bytes) } catch { failure = error }
            }
            if failure == nil {
                array.withUnsafeBufferPointer { buffer in
                    do throws(NPYError) {
                        try file.write(UnsafeRawBufferPointer(buffer))
                    } catch {
                        failure = error
                    }
                }
            }
            if let failure { throw failure }
            try file.synchronize()
            try file.close()
            let renamed = temporary.withUnsafeFileSystemRepresentation { from in
                url.withUnsafeFileSystemRepresentation { to in
                    guard let from, let to else { return Int32(-1) }
                    return rename(from, to)
                }
            }
            guard renamed == 0 else { throw .io(path: url.path, operation: "rename into place", errno: errno) }
        } catch {
            temporary.withUnsafeFileSystemRepresentation { name in
                if let name { _ = unlink(name) }
            }
            throw error
        }
    }

    /// Writes an array of run-time element type; see `write(_:to:version:)`.
    public static func write(_ array: AnyNDArray, to url: URL, version: NPYWriteVersion = .smallest) throws(NPYError) {
        switch array {
        case .bool(let a): try write(a, to: url, version: version)
        case .int8(let a): try write(a, to: url, version: version)
        case .int16(let a): try write(a, to: url, version: version)
        case .int32(let a): try write(a, to: url, version: version)
        case .int64(let a): try write(a, to: url, version: version)
        case .uint8(let a): try write(a, to: url, version: version)
        case .uint16(let a): try write(a, to: url, version: version)
        case .uint32(let a): try write(a, to: url, version: version)
        case .uint64(let a): try write(a, to: url, version: version)
        case .float32(let a): try write(a, to: url, version: version)
        case .float64(let a): try write(a, to: url, version: version)
        }
    }
}
