import Foundation

/// The one validation of numeric options, shared by the command line and batch specs, with
/// upper bounds that keep a typo (`--permutations 1000000000000`, `T: 1000000000`, a lag range
/// spanning the integers) from trapping or allocating until the machine gives up. Data-dependent
/// limits (a lag longer than the movie, more folds than frames) are the metrics' own errors.
///
/// ```swift
/// try OptionLimits.check(.permutations, permutations)          // throws OptionLimits.Violation
/// try OptionLimits.validate(choice)                             // a metric's options
/// ```
public enum OptionLimits {
    /// A numeric option, named as the CLI flag (`--ceiling-splits`) or spec key (`ceiling-splits`).
    public enum Option: String, Sendable, CaseIterable {
        case lags, permutations, bootstrap, ceilingSplits = "ceiling-splits", level, minShift = "min-shift"
        case rbfThreshold = "rbf-threshold", ridgeAlpha = "ridge-alpha", ridgeFolds = "ridge-folds"
        case pcaDims = "pca-dims"
        case steps = "T", binsPerFrame = "bins-per-frame", smoothSigma = "smooth-sigma", minRate = "min-rate"
        case chunk, blockLength = "block-length", splits, seed

        /// The command-line flag.
        public var flag: String { "--" + rawValue }
        /// The batch-spec key.
        public var specKey: String { rawValue }

        /// What a valid value looks like.
        public var expected: String {
            switch self {
            case .lags: return "a lag k or a lag range a...b with a ≤ b (e.g. -3...3), each within ±\(OptionLimits.maximumLag) frames"
            case .permutations: return "an integer from 0 to \(OptionLimits.maximumPermutations)"
            case .bootstrap: return "0 or an integer from 2 to \(OptionLimits.maximumResamples)"
            case .ceilingSplits, .splits: return "an integer from 1 to \(OptionLimits.maximumSplits)"
            case .level: return "a number between 0 and 1 (exclusive), e.g. 0.95"
            case .minShift: return "an integer from 1 to \(OptionLimits.maximumFrames)"
            case .rbfThreshold: return "a number > 0 and ≤ 1e6"
            case .ridgeAlpha: return "a number > 0 and ≤ 1e12"
            case .ridgeFolds: return "an integer from 2 to 1000"
            case .pcaDims: return "an integer from 1 to \(OptionLimits.maximumPCADimensions)"
            case .steps: return "an integer from 1 to \(OptionLimits.maximumSteps)"
            case .binsPerFrame: return "an integer from 1 to \(OptionLimits.maximumBinsPerFrame)"
            case .smoothSigma: return "a number > 0 and ≤ \(Int(OptionLimits.maximumSigma)) frames"
            case .minRate: return "a number ≥ 0 and ≤ 1e6 spikes/s"
            case .chunk: return "an integer from 1 to \(OptionLimits.maximumFrames)"
            case .blockLength: return "an integer from 1 to \(OptionLimits.maximumFrames)"
            case .seed: return "a decimal integer from 0 to \(UInt64.max)"
            }
        }
    }

    /// An option outside its valid range.
    public struct Violation: Error, Sendable, Equatable, CustomStringConvertible {
        public var option: Option
        public var value: String
        /// "--flag must be …, got value"
        public var description: String { "\(option.flag) must be \(option.expected), got \(value)" }
        /// The same for a spec key.
        public var specReason: String { "expected \(option.expected), got \(value)" }
    }

    public static let maximumLag = 10_000
    public static let maximumPermutations = 1_000_000
    public static let maximumResamples = 100_000
    public static let maximumSplits = 100_000
    public static let maximumSteps = 1_024
    public static let maximumBinsPerFrame = 1_000
    public static let maximumSigma = 10_000.0
    public static let maximumFrames = 10_000_000
    public static let maximumPCADimensions = 100_000

    /// Checks one integer option.
    public static func check(_ option: Option, _ value: Int) throws(Violation) {
        let ok: Bool = switch option {
        case .permutations: (0...maximumPermutations).contains(value)
        case .bootstrap: value == 0 || (2...maximumResamples).contains(value)
        case .ceilingSplits, .splits: (1...maximumSplits).contains(value)
        case .minShift, .chunk, .blockLength: (1...maximumFrames).contains(value)
        case .ridgeFolds: (2...1000).contains(value)
        case .pcaDims: (1...maximumPCADimensions).contains(value)
        case .steps: (1...maximumSteps).contains(value)
        case .binsPerFrame: (1...maximumBinsPerFrame).contains(value)
        case .lags: (-maximumLag...maximumLag).contains(value)
        case .seed: value >= 0
        case .level, .rbfThreshold, .ridgeAlpha, .smoothSigma, .minRate: false
        }
        guard ok else { throw Violation(option: option, value: String(value)) }
    }

    /// Checks one real-valued option.
    public static func check(_ option: Option, _ value: Double) throws(Violation) {
        let ok: Bool = switch option {
        case .level: value > 0 && value < 1
        case .rbfThreshold: value > 0 && value <= 1e6
        case .ridgeAlpha: value > 0 && value <= 1e12
        case .smoothSigma: value > 0 && value <= maximumSigma
        case .minRate: value >= 0 && value <= 1e6
        default: false
        }
        guard ok else { throw Violation(option: option, value: String(value)) }
    }

    /// Parses lags in the one syntax every command and spec accepts — `k` or `a...b` (decimal
    /// integers, `a ≤ b`, e.g. `-3...3` or `0...3`) — and checks their bounds.
    public static func lags(parsing text: String) throws(Violation) -> ClosedRange<Int> {
        let parts = text.trimmingCharacters(in: .whitespaces).components(separatedBy: "...")
        let numbers = parts.map { decimalInteger($0) }
        guard (1...2).contains(parts.count), let a = numbers.first ?? nil, let b = numbers.last ?? nil, a <= b,
              abs(a) <= maximumLag, abs(b) <= maximumLag else {
            throw Violation(option: .lags, value: text)
        }
        return a...b
    }

    /// A decimal integer as YAML 1.2's core schema reads it: an optional sign and digits, no
    /// leading zeros (so `010` and `0-3` are not silently octal or arithmetic), nil otherwise.
    public static func decimalInteger(_ text: String) -> Int? {
        var digits = Substring(text.trimmingCharacters(in: .whitespaces))
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              digits == "0" || digits.first != "0", let magnitude = Int(digits) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// Checks a metric's options (lags, RBF threshold, ridge α and folds, PCA dimensions).
    public static func validate(_ choice: MetricChoice) throws(Violation) {
        if abs(choice.lags.lowerBound) > maximumLag || abs(choice.lags.upperBound) > maximumLag {
            throw Violation(option: .lags, value: "\(choice.lags.lowerBound)...\(choice.lags.upperBound)")
        }
        try check(.rbfThreshold, choice.rbfThreshold)
        try check(.ridgeAlpha, choice.ridgeAlpha)
        try check(.ridgeFolds, choice.ridgeFolds)
        try check(.pcaDims, choice.pcaDims)
    }

    /// Checks the statistics options.
    public static func validate(_ statistics: StatisticsOptions) throws(Violation) {
        try check(.permutations, statistics.permutations)
        try check(.bootstrap, statistics.bootstrap)
        try check(.level, statistics.level)
        if let ceiling = statistics.ceiling { try check(.ceilingSplits, ceiling.splits) }
        if let shift = statistics.minimumShift { try check(.minShift, shift) }
    }
}
