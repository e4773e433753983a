import CortexKit
import Foundation

/// Strings crossing the C boundary: copies into malloc'd memory the caller frees with `ck_free`,
/// and the status convention of every export.
enum CABIStrings {
    /// `CortexKit <version>`, allocated once for the process and never freed.
    nonisolated(unsafe) static let version: UnsafePointer<CChar> = UnsafePointer(strdup("CortexKit \(CortexKitVersion.string)")!)

    /// A malloc'd copy of `text`.
    static func allocated(_ text: String) -> UnsafeMutablePointer<CChar> { strdup(text)! }

    /// A C string argument as Swift text; nil for NULL.
    static func text(_ pointer: UnsafePointer<CChar>?) -> String? { pointer.map { String(cString: $0) } }

    /// Runs `body`; on success stores its JSON text in `*result` (when both are non-nil) and
    /// returns 0, on failure stores the error's description in `*error` and returns 1.
    static func status(result: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                       error message: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ body: () throws -> String?) -> Int32 {
        do {
            let text = try body()
            if let result, let text { result.pointee = allocated(text) }
            return 0
        } catch {
            message?.pointee = allocated(CABIError.message(for: error))
            return 1
        }
    }
}
