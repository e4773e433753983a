import ArgumentParser
import CortexKit
import Foundation

/// The similarity metrics the command line offers.
enum MetricChoice: String, ExpressibleByArgument, CaseIterable {
    case tsrsa, rsa
    case ckaLinear = "cka-linear", ckaRBF = "cka-rbf", ckaDebiased = "cka-debiased"
    case svcca, pwcca, procrustes, ridge
}

/// A range of lags written `a...b` (or one lag `k`), e.g. `-3...3`.
struct LagRange: ExpressibleByArgument {
    var range: ClosedRange<Int>
    init?(argument: String) {
        let parts = argument.components(separatedBy: "...")
        if parts.count == 1, let k = Int(parts[0]) { range = k...k; return }
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a <= b else { return nil }
        range = a...b
    }
    init(range: ClosedRange<Int>) { self.range = range }
    var defaultValueDescription: String { "\(range.lowerBound)...\(range.upperBound)" }
}

/// The options shared by `cortex similarity` and `cortex ceiling`, mapped to library values in
/// one place (``metric(_:)``).
struct MetricOptions: ParsableArguments {
    enum Ties: String, ExpressibleByArgument, CaseIterable { case ordinal, average }
    enum Distance: String, ExpressibleByArgument, CaseIterable {
        case correlation, euclidean, cosine
        case squaredEuclideanPerChannel = "sqeuclidean-per-channel"
    }
    enum Comparison: String, ExpressibleByArgument, CaseIterable {
        case spearman, pearson, cosine
        case kendallTauA = "kendall-tau-a", kendallTauB = "kendall-tau-b", rhoA = "rho-a"
    }
    enum ZeroVariance: String, ExpressibleByArgument, CaseIterable {
        case error, propagate
        case dropFrame = "drop-frame"
    }

    @Option(help: "Spearman tie policy: ordinal (argsort∘argsort, the study's TSRSA; default for tsrsa) or average (scipy; default for rsa).")
    var ties: Ties?


    @Flag(name: [.customLong("drop-first-frame")], help: "TSRSA: drop frame 0 (the default, as the study).")
    var dropFirstFrame = false
    @Flag(name: [.customLong("keep-first-frame")], help: "TSRSA: keep frame 0.")
    var keepFirstFrame = false

    @Option(parsing: .unconditional, help: "TSRSA lags: brain frame t + k against model frame t for k in a...b (score = best lag).")
    var lags = LagRange(range: 0...0)

    @Option(help: "RSA: the RDM distance.")
    var rdm: Distance = .correlation

    @Option(help: "TSRSA/RSA: how the two RDMs are compared (default spearman).")
    var compare: Comparison = .spearman

    @Option(help: "CKA with the RBF kernel: σ = threshold × median distance.")
    var rbfThreshold: Double = 1.0

    @Option(help: "TSRSA: what to do with a zero-variance (silent) frame.")
    var zeroVariance: ZeroVariance = .error

    func validate() throws {
        guard !(dropFirstFrame && keepFirstFrame) else { throw ValidationError("give --drop-first-frame or --keep-first-frame, not both") }
        guard rbfThreshold > 0, rbfThreshold.isFinite else { throw ValidationError("--rbf-threshold must be > 0, got \(rbfThreshold)") }
    }

    func comparison(defaultTies: TiePolicy) -> RDMComparison {
        switch compare {
        case .spearman: return .spearman(ties: ties.map { $0 == .ordinal ? .ordinal : .average } ?? defaultTies)
        case .pearson: return .pearson
        case .cosine: return .cosine
        case .kendallTauA: return .kendallTauA
        case .kendallTauB: return .kendallTauB
        case .rhoA: return .rhoA
        }
    }

    var tsrsaOptions: TSRSAOptions {
        let policy: ZeroVariancePolicy = switch zeroVariance {
        case .error: .error
        case .dropFrame: .dropFrame
        case .propagate: .propagate
        }
        return TSRSAOptions(dropsFirstFrame: !keepFirstFrame, comparison: comparison(defaultTies: .ordinal),
                            zeroVariance: policy, lags: lags.range)
    }

    /// A short description of the metric and its options, for people.
    func label(_ choice: MetricChoice) -> String {
        func comparisonLabel(_ c: RDMComparison) -> String {
            switch c {
            case .spearman(let ties): return "spearman, \(ties == .ordinal ? "ordinal" : "average") ties"
            case .pearson: return "pearson"
            case .cosine: return "cosine"
            case .kendallTauA: return "kendall-tau-a"
            case .kendallTauB: return "kendall-tau-b"
            case .rhoA: return "rho-a"
            }
        }
        switch choice {
        case .tsrsa:
            let o = tsrsaOptions
            return "TSRSA (\(comparisonLabel(o.comparison)), \(o.dropsFirstFrame ? "first frame dropped" : "first frame kept"))"
        case .rsa: return "RSA (\(rdm.rawValue) RDM, \(comparisonLabel(comparison(defaultTies: .average))))"
        case .ckaRBF: return "CKA (rbf kernel, threshold \(rbfThreshold))"
        case .ckaLinear: return "CKA (linear kernel)"
        case .ckaDebiased: return "debiased CKA (linear kernel)"
        default: return metric(choice).name
        }
    }

    /// The library metric for a choice.
    func metric(_ choice: MetricChoice) -> any SimilarityMetric {
        switch choice {
        case .tsrsa: return TSRSAMetric(options: tsrsaOptions)
        case .rsa:
            let distance: RDMDistance = switch rdm {
            case .correlation: .correlation
            case .euclidean: .euclidean
            case .cosine: .cosine
            case .squaredEuclideanPerChannel: .squaredEuclideanPerChannel
            }
            return RSAMetric(distance: distance, comparison: comparison(defaultTies: .average))
        case .ckaLinear: return CKAMetric(kernel: .linear, estimator: .biased)
        case .ckaRBF: return CKAMetric(kernel: .rbf(threshold: rbfThreshold), estimator: .biased)
        case .ckaDebiased: return CKAMetric(kernel: .linear, estimator: .unbiased)
        case .svcca: return SVCCAMetric()
        case .pwcca: return PWCCAMetric()
        case .procrustes: return ProcrustesMetric()
        case .ridge: return RidgeMetric()
        }
    }
}

/// Writes one JSON object on one line with sorted keys.
func printJSON(_ object: [String: Any]) throws {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

/// A score as shown to people: 6 decimals.
func formatScore(_ x: Double) -> String { String(format: "%.6f", x) }

/// Library messages phrased for the command line (options named as flags, not Swift values).
func commandLineMessage(_ error: any Error) -> String {
    String(describing: error)
        .replacingOccurrences(of: "choose ZeroVariancePolicy.dropFrame or .propagate",
                              with: "use --zero-variance drop-frame or propagate")
        .replacingOccurrences(of: "\n", with: " ")
}
