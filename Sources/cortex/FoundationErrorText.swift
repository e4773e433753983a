import Foundation

/// Foundation's file and JSON errors in words, naming the file: the command line never shows raw
/// `Error Domain=NSCocoaErrorDomain Code=…` text.
enum FoundationErrorText {
    /// A readable one-line message for a Foundation (Cocoa or POSIX) error, or nil for others.
    static func message(for error: any Error) -> String? {
        let ns = error as NSError
        guard ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return nil }
        let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        // The underlying error is a POSIXError value on Linux (not an NSError instance): bridge it.
        let underlying: String? = (ns.userInfo[NSUnderlyingErrorKey] as? any Error).flatMap { inner in
            let posix = inner as NSError
            return posix.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32(posix.code))) : nil
        }
        let reason: String
        if ns.domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32(ns.code)))
        } else {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: reason = "no such file"
            case .fileReadNoPermission, .fileWriteNoPermission: reason = "permission denied"
            case .fileWriteOutOfSpace: reason = "no space left on the device"
            case .fileWriteVolumeReadOnly: reason = "the volume is read-only"
            case .fileWriteFileExists: reason = "a file is already there"
            case .propertyListReadCorrupt: reason = "not valid JSON (\(ns.userInfo["NSDebugDescription"] as? String ?? "corrupt data"))"
            case .fileReadCorruptFile: reason = "the file is damaged or not in the expected format"
            default:
                let action = (512..<768).contains(ns.code) ? "write failed" : (256..<512).contains(ns.code) ? "read failed"
                    : "input/output error"
                reason = action + (underlying.map { ": \($0)" } ?? " (Foundation code \(ns.code))")
            }
        }
        return (path.map { "\($0): " } ?? "") + reason
    }
}
