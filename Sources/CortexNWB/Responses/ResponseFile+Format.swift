import CortexNumerics

extension ResponseFile {
    /// The response-file format this CortexKit writes and reads; files of older major versions
    /// stay readable.
    public static let formatVersion = FormatVersion("cortexkit-responses", major: 1)
    /// ``formatVersion`` as written into files: `cortexkit-responses/1`.
    public static let format = formatVersion.description

    /// Checks a file's recorded format before reading it; returns its major version.
    /// - Throws: ``NWBError/newerFormat(file:found:supported:)`` for a newer major version,
    ///   `.hdf5(.typeMismatch)` when the file is not a response file at all.
    @discardableResult
    static func checkFormat(_ recorded: String?, file: String) throws(NWBError) -> Int {
        switch recorded.map(formatVersion.compatibility(of:)) ?? .otherFormat {
        case .readable(let major):
            return major
        case .newer:
            throw .newerFormat(file: file, found: recorded ?? "", supported: format)
        case .otherFormat:
            throw .hdf5(.typeMismatch(file: file, path: "/@format", expected: "a CortexKit response file (\(format); the layout is in \(layoutDocument))",
                                      found: .other(recorded.map { "format \"\($0)\"" } ?? "no format attribute")))
        }
    }
}
