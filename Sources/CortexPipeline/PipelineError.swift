import Foundation

/// Why a comparison or batch run cannot proceed. Every case names the input involved.
public enum PipelineError: Error, Equatable, CustomStringConvertible {
    /// A feature file is not in CortexKit's layout (names what is missing).
    case notAFeatureFile(file: String, reason: String)
    /// Model features and brain responses cover different numbers of frames.
    case frameMismatch(features: String, frames: Int, responses: String, responseFrames: Int)
    /// A layer or area named by the user is not in the file.
    case unknownName(kind: String, name: String, file: String, available: [String])
    /// A batch spec is malformed (names the line when known, and the key).
    case invalidSpec(file: String, line: Int?, key: String, reason: String)
    /// An input file of a batch does not exist (reported before any job starts).
    case missingInput(file: String, referencedBy: String)
    /// A movie is not what the model can watch (names the file, its dtype and shape, and what was
    /// expected).
    case badMovie(file: String, dtype: String, shape: [Int], expected: String)
    /// A streamed comparison would need more memory than its budget (`needed` is an estimate, or
    /// the amount reached; `detail` says what it is made of).
    case memoryBudgetExceeded(needed: Int, budget: Int, detail: String)
    /// A CortexKit file written in a newer major version of its format than this CortexKit reads
    /// (`found`, e.g. `cortexkit-comparison/2`; `supported`, the newest it reads).
    case newerFormat(file: String, found: String, supported: String)
    /// A file that is not of the expected CortexKit format (`found`: its recorded format, if any).
    case unknownFormat(file: String, found: String?, expected: String)
    /// Fewer areas or units than a comparison needs (names what is missing and why).
    case tooFewUnits(detail: String)

    public var description: String {
        switch self {
        case let .tooFewUnits(detail):
            return detail
        case let .notAFeatureFile(file, reason):
            return "\(file): not a CortexKit feature file (\(reason)); the layout is in docs/formats.md"
        case let .frameMismatch(features, frames, responses, responseFrames):
            return "\(features) has \(frames) frames but \(responses) has \(responseFrames): they must show the same movie frames"
        case let .unknownName(kind, name, file, available):
            return "\(file): no \(kind) '\(name)' (available: \(available.joined(separator: ", ")))"
        case let .invalidSpec(file, line, key, reason):
            return "\(file)\(line.map { ":\($0)" } ?? ""): \(key): \(reason)"
        case let .missingInput(file, referencedBy):
            return "\(file): no such file (named in \(referencedBy))"
        case let .badMovie(file, dtype, shape, expected):
            return "\(file): a \(dtype) movie of shape \(shape), expected \(expected)"
        case let .memoryBudgetExceeded(needed, budget, detail):
            return "the comparison needs about \(MemoryBudget.format(needed)) (\(detail)), over the memory budget of "
                + "\(MemoryBudget.format(budget)): raise it (--memory-budget, or memory-budget: in a spec) or select fewer layers"
        case let .newerFormat(file, found, supported):
            return "\(file): written in format \(found), newer than this CortexKit reads (up to \(supported)): update CortexKit"
        case let .unknownFormat(file, found, expected):
            return "\(file): not a \(expected) file (" + (found.map { "format \"\($0)\"" } ?? "no format") + "); the formats are in docs/formats.md"
        }
    }
}
