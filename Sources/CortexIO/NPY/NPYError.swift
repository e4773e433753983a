import Foundation

/// A problem with a `.npy` file: its bytes do not form an array CortexKit can read, or the file
/// system refused an operation.
///
/// Every case carries the file's path and, where it applies, what was expected and what was found,
/// so `description` is one line a user can act on:
///
/// ```
/// /data/x.npy: truncated .npy file: expected at least 2528 bytes, file has 1000
/// ```
public enum NPYError: Error, Sendable, Hashable {
    /// The file does not start with the magic string `\x93NUMPY`; `found` holds its first bytes.
    case badMagic(path: String, found: [UInt8])
    /// The format version (bytes 6–7) is not 1.0, 2.0 or 3.0.
    case unsupportedVersion(path: String, major: UInt8, minor: UInt8)
    /// The header is not a Python dict literal with keys `descr`, `fortran_order` and `shape`
    /// of the right types; `reason` says what was wrong and `header` holds the text (shortened).
    case unparsableHeader(path: String, reason: String, header: String)
    /// The header's `descr` names a dtype outside `NPYDType` (complex, float16, object, …).
    case unsupportedDType(path: String, descr: String)
    /// The file ends before the header or the data it announces.
    case truncatedFile(path: String, expectedBytes: Int, foundBytes: Int)
    /// The array's shape does not suit the request, e.g. rows outside the array or a rank-0
    /// array given to `readRows`.
    case shapeMismatch(path: String, expected: String, found: [Int])
    /// The operation needs a C-order file, but this one is stored in Fortran order.
    case fortranOrderUnsupported(path: String, operation: String)
    /// The header to write is longer than the requested format version allows.
    case headerTooLarge(path: String, version: NPYVersion, byteCount: Int, limit: Int)
    /// The operating system reported an error; `code` is `errno`.
    case io(path: String, operation: String, code: Int32, message: String)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .badMagic(let path, _), .unsupportedVersion(let path, _, _),
             .unparsableHeader(let path, _, _), .unsupportedDType(let path, _),
             .truncatedFile(let path, _, _), .shapeMismatch(let path, _, _),
             .fortranOrderUnsupported(let path, _), .headerTooLarge(let path, _, _, _),
             .io(let path, _, _, _):
            return path
        }
    }

    /// The `io` error for the current `errno`.
    static func io(path: String, operation: String, errno code: Int32) -> NPYError {
        .io(path: path, operation: operation, code: code, message: String(cString: strerror(code)))
    }
}

extension NPYError: CustomStringConvertible, LocalizedError {
    /// One line: the path, then what was expected and what was found.
    public var description: String {
        switch self {
        case .badMagic(let path, let found):
            let hex = found.map { String($0, radix: 16, uppercase: true) }.map { $0.count == 1 ? "0" + $0 : $0 }
            return "\(path): not a .npy file: expected magic 93 4E 55 4D 50 59 (\\x93NUMPY), found "
                + (hex.isEmpty ? "an empty file" : hex.joined(separator: " "))
        case .unsupportedVersion(let path, let major, let minor):
            return "\(path): unsupported .npy format version \(major).\(minor) (expected 1.0, 2.0 or 3.0)"
        case .unparsableHeader(let path, let reason, let header):
            return "\(path): unparsable .npy header: \(reason) in \(header.debugDescription)"
        case .unsupportedDType(let path, let descr):
            return "\(path): unsupported dtype \(descr) (expected one of b1, i1, i2, i4, i8, u1, u2, u4, u8, f4, f8)"
        case .truncatedFile(let path, let expected, let found):
            return "\(path): truncated .npy file: expected at least \(expected) bytes, file has \(found)"
        case .shapeMismatch(let path, let expected, let found):
            return "\(path): shape mismatch: expected \(expected), array has shape \(found)"
        case .fortranOrderUnsupported(let path, let operation):
            return "\(path): \(operation) needs a C-order file, this one is in Fortran order"
        case .headerTooLarge(let path, let version, let byteCount, let limit):
            let (major, minor) = version.number
            return "\(path): .npy header of \(byteCount) bytes exceeds the \(limit)-byte limit "
                + "of format \(major).\(minor)"
        case .io(let path, let operation, let code, let message):
            return "\(path): \(operation) failed: \(message) (errno \(code))"
        }
    }

    public var errorDescription: String? { description }
}
