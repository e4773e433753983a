import ArgumentParser
import CortexKit
import Foundation

// The metric names and option values are the library's (`MetricChoice` of CortexPipeline and the
// option enums of CortexSimilarity), so the command line, batch specs and results files spell them
// the same way.
extension MetricChoice.Kind: ExpressibleByArgument {}
extension BootstrapIntervalMethod: ExpressibleByArgument {}
extension TiePolicy: ExpressibleByArgument {}
extension RDMDistance: ExpressibleByArgument {}
extension ZeroVariancePolicy: ExpressibleByArgument {}

/// `--compare` by the comparison's spelling; Spearman's tie policy comes from `--ties` (applied by
/// ``MetricOptions/choice(_:)``), so the parsed value carries a placeholder.
extension RDMComparison: ExpressibleByArgument {
    public init?(argument: String) { self.init(spelling: argument, ties: .average) }
    public static var allValueStrings: [String] { spellings }
    public var defaultValueDescription: String { spelling }
}

/// A range of lags written `a...b` (or one lag `k`), e.g. `-3...3`.
struct LagRange: ExpressibleByArgument {
    var range: ClosedRange<Int>
    /// The one lag syntax of commands and specs (``OptionLimits/lags(parsing:)``).
    init?(argument: String) {
        guard let parsed = try? OptionLimits.lags(parsing: argument) else { return nil }
        range = parsed
    }
    init(range: ClosedRange<Int>) { self.range = range }
    var defaultValueDescription: String { "\(range.lowerBound)...\(range.upperBound)" }
}

/// The metric options shared by `cortex similarity`, `cortex ceiling` and `cortex compare`,
/// turned into the library's `MetricChoice` in one place (``choice(_:)``).
struct MetricOptions: ParsableArguments {
    @Option(help: "Spearman tie policy: ordinal (argsort∘argsort, the study's TSRSA; default for tsrsa) or average (scipy; default for rsa).")
    var ties: TiePolicy?


    @Flag(name: [.customLong("drop-first-frame")], help: "Every metric: drop frame 0 (the default, as the study).")
    var dropFirstFrame = false
    @Flag(name: [.customLong("keep-first-frame")], help: "Every metric: keep frame 0.")
    var keepFirstFrame = false

    @Option(parsing: .unconditional, help: "TSRSA lags: brain frame t + k against model frame t for k in a...b (score = best lag).")
    var lags = LagRange(range: 0...0)

    @Option(help: "TSRSA and RSA: the RDM distance (TSRSA's frame RDM; spearman = 1 − Spearman ρ between frames, the study's STSRSA).")
    var rdm: RDMDistance = .correlation

    @Option(help: "TSRSA/RSA: how the two RDMs are compared (default spearman).")
    var compare: RDMComparison = .spearman(ties: .average)

    @Option(help: "CKA with the RBF kernel: σ = threshold × median distance.")
    var rbfThreshold: Double = 1.0

    @Option(help: "TSRSA: what to do with a zero-variance (silent) frame.")
    var zeroVariance: ZeroVariancePolicy = .error

    @Option(help: "ridge and ridge-study: the ridge penalty α (default 1, as the study).")
    var ridgeAlpha: Double?
    @Option(help: "ridge: cross-validation folds (default 5).")
    var ridgeFolds: Int?
    @Option(help: "ridge-study: principal components kept of the model layer (default 40, as the study).")
    var pcaDims: Int?

    func validate() throws {
        guard !(dropFirstFrame && keepFirstFrame) else { throw ValidationError("give --drop-first-frame or --keep-first-frame, not both") }
        do { try OptionLimits.validate(choice(.tsrsa)) } catch { throw ValidationError(error.description) }
    }

    /// The library's metric choice for `kind` with these options (ties default per metric:
    /// ordinal for TSRSA as the study, average for RSA as rsatoolbox).
    func choice(_ kind: MetricChoice.Kind) -> MetricChoice {
        var c = MetricChoice(kind)
        c.comparison = compare.withTies(ties ?? kind.defaultTies)
        c.distance = rdm
        c.dropFirstFrame = !keepFirstFrame
        c.lags = lags.range
        c.zeroVariance = zeroVariance
        c.rbfThreshold = rbfThreshold
        if let ridgeAlpha { c.ridgeAlpha = ridgeAlpha }
        if let ridgeFolds { c.ridgeFolds = ridgeFolds }
        if let pcaDims { c.pcaDims = pcaDims }
        return c
    }

    func comparison(defaultTies: TiePolicy) -> RDMComparison { compare.withTies(ties ?? defaultTies) }

    var tsrsaOptions: TSRSAOptions { choice(.tsrsa).tsrsaOptions }

    /// A short description of the metric and its options, for people.
    func label(_ choice: MetricChoice.Kind) -> String {
        // TSRSA names its frame policy itself; the other metrics get it appended.
        let base = baseLabel(choice)
        guard choice != .tsrsa else { return base }
        let policy = keepFirstFrame ? "first frame kept" : "first frame dropped"
        return base.hasSuffix(")") ? String(base.dropLast()) + ", \(policy))" : base + " (\(policy))"
    }

    private func baseLabel(_ choice: MetricChoice.Kind) -> String {
        switch choice {
        case .tsrsa:
            let o = tsrsaOptions
            let rdmLabel = o.distance == .correlation ? "" : "\(o.distance.rawValue) frame RDM, "
            return "TSRSA (\(rdmLabel)\(o.comparison.label), \(o.dropsFirstFrame ? "first frame dropped" : "first frame kept"))"
        case .rsa: return "RSA (\(rdm.rawValue) RDM, \(comparison(defaultTies: .average).label))"
        case .ckaRBF: return "CKA (rbf kernel, threshold \(rbfThreshold))"
        case .ckaLinear: return "CKA (linear kernel)"
        case .ckaDebiased: return "debiased CKA (linear kernel)"
        default: return metric(choice).name
        }
    }

    /// Hint overrides for errors under `kind`: metrics other than TSRSA take no --zero-variance.
    func hintFlags(_ kind: MetricChoice.Kind) -> [String: String] {
        kind == .tsrsa ? [:] : [String(describing: ZeroVariancePolicy.self): ""]
    }

    /// Refuses options that do not apply to `kind` (every option applies where it is accepted).
    func check(for kind: MetricChoice.Kind) throws {
        if kind != .tsrsa && zeroVariance != .error {
            throw ValidationError("--zero-variance applies to tsrsa only (\(kind.rawValue) has no silent-frame policy)")
        }
        if kind != .tsrsa && lags.range != 0...0 { throw ValidationError("--lags applies to tsrsa only") }
        if ridgeAlpha != nil && kind != .ridge && kind != .ridgeStudy {
            throw ValidationError("--ridge-alpha applies to ridge and ridge-study only")
        }
        if ridgeFolds != nil && kind != .ridge { throw ValidationError("--ridge-folds applies to ridge only (ridge-study is in-sample)") }
        if pcaDims != nil && kind != .ridgeStudy { throw ValidationError("--pca-dims applies to ridge-study only") }
    }

    /// The library metric for a choice.
    func metric(_ kind: MetricChoice.Kind) -> any SimilarityMetric { choice(kind).metric() }
}

/// A score as shown to people: 6 decimals.
func formatScore(_ x: Double) -> String { String(format: "%.6f", x) }

/// A library error as one command-line line: its description, then its hint (if any) spelled
/// as flags (``HintSpelling``).
func commandLineMessage(_ error: any Error) -> String {
    HintSpelling.message(for: error)
}
