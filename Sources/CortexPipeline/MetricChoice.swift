import CortexSimilarity
import Foundation

/// The built-in similarity metrics by name, with their options — what CLI flags and batch specs
/// select. `metric()` turns a choice into the library value that computes it.
public struct MetricChoice: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Which metric.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case tsrsa, rsa
        case ckaLinear = "cka-linear", ckaRBF = "cka-rbf", ckaDebiased = "cka-debiased"
        case svcca, pwcca, procrustes, ridge
    }
    /// Tie handling of Spearman comparisons.
    public enum Ties: String, Sendable, Hashable, Codable, CaseIterable { case ordinal, average }
    /// RDM comparison (RSA, TSRSA).
    public enum Comparison: String, Sendable, Hashable, Codable, CaseIterable {
        case spearman, pearson, kendallTauA = "kendall-tau-a", kendallTauB = "kendall-tau-b", rhoA = "rho-a", cosine
    }
    /// What TSRSA does with a frame whose population vector has zero variance (a silent frame).
    public enum ZeroVariance: String, Sendable, Hashable, Codable, CaseIterable {
        case error, dropFrame = "drop-frame", propagate
    }
    /// RDM distance (RSA).
    public enum Distance: String, Sendable, Hashable, Codable, CaseIterable {
        case correlation, euclidean, squaredEuclideanPerChannel = "sqeuclidean-per-channel", cosine
    }

    public var kind: Kind
    public var ties: Ties = .ordinal
    public var comparison: Comparison = .spearman
    public var distance: Distance = .correlation
    /// TSRSA: drop the first frame (the study does).
    public var dropFirstFrame = true
    /// TSRSA: silent-frame policy (the study has none: its score becomes NaN).
    public var zeroVariance: ZeroVariance = .error
    /// TSRSA: brain frame t + k against model frame t for k in this range (best lag reported).
    public var lags: ClosedRange<Int> = 0...0
    /// CKA RBF: bandwidth threshold (σ² = threshold² × median squared distance).
    public var rbfThreshold = 1.0
    /// Ridge: regularisation and folds.
    public var ridgeAlpha = 1.0
    public var ridgeFolds = 5

    /// A metric with default options (Spearman ties: ordinal for TSRSA, as the study; average for
    /// RSA, as rsatoolbox).
    public init(_ kind: Kind) {
        self.kind = kind
        if kind == .rsa { ties = .average }
    }

    /// The study's TSRSA: first frame dropped, Spearman with ordinal ties, no lag.
    public static let studyTSRSA = MetricChoice(.tsrsa)

    public var rdmComparison: RDMComparison {
        switch comparison {
        case .spearman: return .spearman(ties: ties == .ordinal ? .ordinal : .average)
        case .pearson: return .pearson
        case .kendallTauA: return .kendallTauA
        case .kendallTauB: return .kendallTauB
        case .rhoA: return .rhoA
        case .cosine: return .cosine
        }
    }

    /// TSRSA options for this choice.
    public var tsrsaOptions: TSRSAOptions {
        let policy: ZeroVariancePolicy = switch zeroVariance {
        case .error: .error
        case .dropFrame: .dropFrame
        case .propagate: .propagate
        }
        return TSRSAOptions(dropsFirstFrame: dropFirstFrame, comparison: rdmComparison, zeroVariance: policy, lags: lags)
    }

    /// The metric value that computes this choice.
    public func metric() -> any SimilarityMetric {
        switch kind {
        case .tsrsa: return TSRSAMetric(options: tsrsaOptions)
        case .rsa:
            let d: RDMDistance = switch distance {
            case .correlation: .correlation
            case .euclidean: .euclidean
            case .squaredEuclideanPerChannel: .squaredEuclideanPerChannel
            case .cosine: .cosine
            }
            return RSAMetric(distance: d, comparison: rdmComparison)
        case .ckaLinear: return CKAMetric(kernel: .linear, estimator: .biased)
        case .ckaRBF: return CKAMetric(kernel: .rbf(threshold: rbfThreshold), estimator: .biased)
        case .ckaDebiased: return CKAMetric(kernel: .linear, estimator: .unbiased)
        case .svcca: return SVCCAMetric()
        case .pwcca: return PWCCAMetric()
        case .procrustes: return ProcrustesMetric()
        case .ridge: return RidgeMetric(alpha: ridgeAlpha, evaluation: .crossValidated(folds: ridgeFolds))
        }
    }

    public var description: String {
        switch kind {
        case .tsrsa:
            return "tsrsa (\(comparison.rawValue), \(ties.rawValue) ties, \(dropFirstFrame ? "first frame dropped" : "all frames")"
                + (lags == 0...0 ? ")" : ", lags \(lags.lowerBound)…\(lags.upperBound))")
        case .rsa: return "rsa (\(distance.rawValue) RDM, \(comparison.rawValue))"
        case .ckaRBF: return "cka-rbf (threshold \(rbfThreshold))"
        case .ridge: return "ridge (α = \(ridgeAlpha), \(ridgeFolds)-fold)"
        default: return kind.rawValue
        }
    }
}
