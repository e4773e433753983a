import CortexNumerics
import Foundation

extension BatchReport {
    /// `results.json` of a batch report (schema `cortexkit-report/1`): the title, the producing
    /// CortexKit and one ``CompareResult`` per metric (without `command`).
    public struct Results: Sendable, Codable {
        public var format = BatchReport.format
        public var title: String
        public var cortexKitVersion: String
        public var comparisons: [CompareResult]
        /// Every two named response sets scored against each other (nil without named sets).
        public var brainToBrain: [ResponseSetComparison]? = nil

        public init(title: String, cortexKitVersion: String, comparisons: [CompareResult]) {
            self.title = title
            self.cortexKitVersion = cortexKitVersion
            self.comparisons = comparisons
        }

        enum CodingKeys: String, CodingKey {
            case format, title, cortexKitVersion = "cortexkit_version", comparisons, brainToBrain = "brain_to_brain"
        }

        /// Reads a `results.json` written by this or an older CortexKit.
        /// - Throws: ``PipelineError/newerFormat(file:found:supported:)`` for a newer major
        ///   version, ``PipelineError/unknownFormat(file:found:expected:)`` for another kind of
        ///   file, the read error, or a `DecodingError`.
        public static func read(from url: URL) throws -> Results {
            let data = try Data(contentsOf: url)
            try BatchReport.formatVersion.requireReadable(JSONFormatHeader.format(of: data), file: url.path)
            return try JSONDecoder().decode(Results.self, from: data)
        }
    }

    /// The report format this CortexKit writes and reads (older major versions stay readable).
    public static let formatVersion = FormatVersion("cortexkit-report", major: 1)
    /// ``formatVersion`` as written into files: `cortexkit-report/1`.
    public static let format = formatVersion.description
}
