import CortexNumerics
import Foundation

/// The IDX format of MNIST and Fashion-MNIST (LeCun et al.): a big-endian header
/// `0x00 0x00 type rank`, `rank` big-endian UInt32 extents, then the values row-major.
/// Only unsigned bytes (type 0x08) are read, the type of every (Fashion-)MNIST file.
///
/// Files ending in `.gz` are decompressed by running `gzip -dc` (Foundation on Linux has no
/// gzip decoder and the package links no zlib); `gzip` is part of every Debian system.
public enum IDXFile {
    /// Reads an IDX file of unsigned bytes (gzip-compressed when the name ends in `.gz`).
    /// With `firstItems`, only the first that many items along the first axis are read (and the
    /// file is not read past them).
    public static func read(_ url: URL, firstItems: Int? = nil) throws(DatasetError) -> NDArray<UInt8> {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .missing(path: url.path, hint: "install the Debian package dataset-fashion-mnist (scripts/setup-system.sh)")
        }
        if url.pathExtension == "gz" { return try gunzip(url, firstItems: firstItems) }
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw .malformed(path: url.path, reason: "cannot be opened for reading")
        }
        defer { try? handle.close() }
        return try stream(handle.fileDescriptor, path: url.path, firstItems: firstItems)
    }

    /// Reads IDX bytes from `descriptor` straight into the array's storage: the header first,
    /// then exactly the values it announces (no copy of the whole file, so peak memory is the
    /// array: 47 MB for Fashion-MNIST's training images, not two or three times that); bytes past
    /// them, or too few, are ``DatasetError/malformed(path:reason:)`` as in ``parse(_:path:)``.
    static func stream(_ descriptor: Int32, path: String, firstItems: Int? = nil) throws(DatasetError) -> NDArray<UInt8> {
        try decode(path: path, firstItems: firstItems) { buffer, count in
            var done = 0
            while done < count {
                let n = Foundation.read(descriptor, buffer + done, count - done)
                if n == 0 { break }
                if n < 0 {
                    if errno == EINTR { continue }
                    return nil
                }
                done += n
            }
            return done
        }
    }

    /// The IDX decoder behind ``stream(_:path:firstItems:)`` and ``parse(_:path:)``: `fill` reads
    /// up to `count` bytes into a buffer and returns how many it read (fewer only at the end), or
    /// nil on a read error.
    static func decode(path: String, firstItems: Int?,
                       fill: (_ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int?) throws(DatasetError) -> NDArray<UInt8> {
        let failed = DatasetError.malformed(path: path, reason: "read failed")
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 16)
        defer { scratch.deallocate() }
        let bytes = scratch.assumingMemoryBound(to: UInt8.self)
        guard let got = fill(scratch, 4) else { throw failed }
        guard got == 4, bytes[0] == 0, bytes[1] == 0 else { throw .malformed(path: path, reason: "bad magic") }
        guard bytes[2] == 0x08 else { throw .malformed(path: path, reason: "element type 0x\(String(bytes[2], radix: 16)), expected unsigned bytes (0x08)") }
        let rank = Int(bytes[3])
        guard rank > 0, let extentBytes = fill(scratch, 4 * rank), extentBytes == 4 * rank else {
            throw .malformed(path: path, reason: "truncated header")
        }
        var shape = (0..<rank).map { d in (0..<4).reduce(0) { $0 << 8 | Int(bytes[4 * d + $1]) } }
        let announced = shape
        if let firstItems { shape[0] = min(shape[0], max(0, firstItems)) }
        // The size is validated before allocating: at most 4 GiB of values.
        var count = 1
        for n in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: n)
            guard !overflow, product <= 1 << 32 else { throw .malformed(path: path, reason: "shape \(shape) is too large") }
            count = product
        }
        var received: Int? = 0
        let values = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { received = fill(buffer.baseAddress!, count) }
            let valid = min(count, max(0, received ?? 0))
            if valid < count { (buffer.baseAddress! + valid).initialize(repeating: 0, count: count - valid) }
            initialized = count
        }
        guard let received else { throw failed }
        if shape != announced {                       // the first items only: the rest is not read
            guard received == count else {
                throw .malformed(path: path, reason: "\(received) values for the first \(shape[0]) items of shape \(announced)")
            }
            return NDArray(shape: shape, scalars: values)
        }
        var extra = 0
        while true {
            guard let n = fill(scratch, 4096) else { throw failed }
            extra += n
            if n < 4096 { break }
        }
        guard received == count, extra == 0 else {
            throw .malformed(path: path, reason: "\(received + extra) values for shape \(shape)")
        }
        return NDArray(shape: shape, scalars: values)
    }

    /// Parses IDX bytes (the same checks as a streamed read).
    public static func parse(_ bytes: [UInt8], path: String = "<memory>") throws(DatasetError) -> NDArray<UInt8> {
        var offset = 0
        return try decode(path: path, firstItems: nil) { buffer, count in
            let n = min(count, bytes.count - offset)
            if n > 0 { bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + offset, byteCount: n) } }
            offset += n
            return n
        }
    }

    static func gunzip(_ url: URL, firstItems: Int? = nil) throws(DatasetError) -> NDArray<UInt8> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", url.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { throw .decompression(path: url.path, reason: "cannot run gzip: \(error)") }
        let parsed: Result<NDArray<UInt8>, DatasetError>
        do {
            parsed = .success(try stream(out.fileHandleForReading.fileDescriptor, path: url.path, firstItems: firstItems))
        } catch {
            parsed = .failure(error)
        }
        try? out.fileHandleForReading.close()                 // gzip stops on a closed pipe
        let message = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        switch parsed {
        case .success(let array):
            // After the first items only, gzip ends on the closed pipe (SIGPIPE): expected.
            let stoppedEarly = firstItems.map { array.shape[0] <= $0 } ?? false
            guard process.terminationStatus == 0 || (stoppedEarly && (text.isEmpty || text.contains("Broken pipe"))) else {
                throw .decompression(path: url.path, reason: text)
            }
            return array
        case .failure(let problem):
            // gzip's own complaint (not a gzip file, corrupt data) explains more than what it
            // wrote; "Broken pipe" only means the stream was closed after a bad IDX header.
            if process.terminationStatus != 0, !text.isEmpty, !text.contains("Broken pipe") {
                throw .decompression(path: url.path, reason: text)
            }
            throw problem
        }
    }
}
