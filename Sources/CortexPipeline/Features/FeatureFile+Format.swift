import CortexNumerics

extension FeatureFile {
    /// The feature-file format this CortexKit writes and reads; files of older major versions stay
    /// readable.
    public static let formatVersion = FormatVersion("cortexkit-features", major: 1)
    /// ``formatVersion`` as written into files: `cortexkit-features/1`.
    public static let format = formatVersion.description

    /// The root attributes a feature file must have besides `format`, in the order they are
    /// checked, with the message when it is missing (for the message; the layout is in docs/formats.md).
    public static let requiredAttributes: [(name: String, missing: String)] = [
        ("model", "no attribute model (string)"),
        ("layers", "no attribute layers (array of strings) naming the layer groups"),
    ]

    /// Checks a file's recorded format before reading it; returns its major version.
    /// - Throws: ``PipelineError/newerFormat(file:found:supported:)`` for a newer major version,
    ///   ``PipelineError/notAFeatureFile(file:reason:)`` for another kind of file.
    @discardableResult
    static func checkFormat(_ recorded: String?, file: String) throws(PipelineError) -> Int {
        switch recorded.map(formatVersion.compatibility(of:)) ?? .otherFormat {
        case .readable(let major): return major
        case .newer: throw .newerFormat(file: file, found: recorded ?? "", supported: format)
        case .otherFormat:
            throw .notAFeatureFile(file: file, reason: recorded.map { "format \"\($0)\", not \"\(format)\"" }
                                   ?? "no format attribute \"\(format)\"")
        }
    }
}
