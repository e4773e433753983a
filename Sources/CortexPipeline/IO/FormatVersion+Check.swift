import CortexNumerics
import Foundation

extension FormatVersion {
    /// Checks the format a file records before reading it: this format at this or an older major
    /// version passes (returning that major version).
    /// - Parameters:
    ///   - recorded: the file's format string (nil when it records none).
    ///   - file: the file, for the message.
    /// - Throws: ``PipelineError/newerFormat(file:found:supported:)`` for a newer major version
    ///   (written by a newer CortexKit), ``PipelineError/unknownFormat(file:found:expected:)``
    ///   otherwise.
    @discardableResult
    func requireReadable(_ recorded: String?, file: String) throws(PipelineError) -> Int {
        switch recorded.map(compatibility(of:)) ?? .otherFormat {
        case .readable(let major): return major
        case .newer: throw .newerFormat(file: file, found: recorded ?? "", supported: description)
        case .otherFormat: throw .unknownFormat(file: file, found: recorded, expected: description)
        }
    }
}

/// The `format` field of a JSON results file, read before the rest so the version is checked
/// before the contents are interpreted.
struct JSONFormatHeader: Decodable {
    var format: String?

    /// The file's `format`, or nil when it is not a JSON object with a text `format`.
    static func format(of data: Data) -> String? {
        (try? JSONDecoder().decode(JSONFormatHeader.self, from: data))?.format
    }
}
