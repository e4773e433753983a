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
    public static func read(_ url: URL) throws(DatasetError) -> NDArray<UInt8> {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .missing(path: url.path, hint: "install the Debian package dataset-fashion-mnist (scripts/setup-system.sh)")
        }
        let bytes = url.pathExtension == "gz" ? try gunzip(url) : try plain(url)
        return try parse(bytes, path: url.path)
    }

    /// Parses IDX bytes.
    public static func parse(_ bytes: [UInt8], path: String = "<memory>") throws(DatasetError) -> NDArray<UInt8> {
        guard bytes.count >= 4, bytes[0] == 0, bytes[1] == 0 else { throw .malformed(path: path, reason: "bad magic") }
        guard bytes[2] == 0x08 else { throw .malformed(path: path, reason: "element type 0x\(String(bytes[2], radix: 16)), expected unsigned bytes (0x08)") }
        let rank = Int(bytes[3])
        let header = 4 + 4 * rank
        guard rank > 0, bytes.count >= header else { throw .malformed(path: path, reason: "truncated header") }
        let shape = (0..<rank).map { d in
            (0..<4).reduce(0) { $0 << 8 | Int(bytes[4 + 4 * d + $1]) }
        }
        let count = shape.reduce(1, *)
        guard bytes.count == header + count else {
            throw .malformed(path: path, reason: "\(bytes.count - header) values for shape \(shape)")
        }
        return NDArray(shape: shape, scalars: Array(bytes[header...]))
    }

    static func plain(_ url: URL) throws(DatasetError) -> [UInt8] {
        do { return [UInt8](try Data(contentsOf: url)) } catch { throw .malformed(path: url.path, reason: "\(error)") }
    }

    static func gunzip(_ url: URL) throws(DatasetError) -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", url.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { throw .decompression(path: url.path, reason: "cannot run gzip: \(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .decompression(path: url.path, reason: String(decoding: message, as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return [UInt8](data)
    }
}
