import CortexNumerics
import CortexSimilarity
import Foundation

/// The built-in similarity metrics by name, with their options — what CLI flags and batch specs
/// select. The options are CortexSimilarity's own values (``RDMComparison``, ``RDMDistance``,
/// ``ZeroVariancePolicy``, ``TiePolicy``), spelled on the command line, in specs and in JSON by
/// their `rawValue` / `spelling`. `metric()` turns a choice into the library value that computes it.
///
/// Its JSON (results.json `metric_options`, and through ``MetricEntry/id`` every batch job key)
/// is pinned byte for byte — `{"comparison":"spearman","distance":"correlation","dropFirstFrame":true,…}`
/// with sorted keys — so the same options always give the same cache keys.
public struct MetricChoice: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Which metric.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case tsrsa, rsa
        case ckaLinear = "cka-linear", ckaRBF = "cka-rbf", ckaDebiased = "cka-debiased"
        case svcca, pwcca, procrustes, ridge
        /// The study's regression: PCA to ``MetricChoice/pcaDims`` components, ridge α = 1,
        /// in-sample mean R² over neurons (``RidgeStudy``). `ridge` (cross-validated) is the default.
        case ridgeStudy = "ridge-study"

        /// The Spearman tie policy by default: ordinal for TSRSA (the study), average otherwise
        /// (scipy, rsatoolbox).
        public var defaultTies: TiePolicy { self == .rsa ? .average : .ordinal }
    }

    public var kind: Kind
    /// RDM comparison (RSA, TSRSA); Spearman's tie policy travels with it (see ``ties``).
    public var comparison: RDMComparison
    /// RDM distance (RSA, and TSRSA's frame RDM: `spearman` is the study's STSRSA).
    public var distance: RDMDistance = .correlation
    /// Drop the first frame before any metric (the study does); see ``framePolicy``.
    public var dropFirstFrame = true
    /// TSRSA: silent-frame policy (the study has none: its score becomes NaN).
    public var zeroVariance: ZeroVariancePolicy = .error
    /// TSRSA: brain frame t + k against model frame t for k in this range (best lag reported).
    public var lags: ClosedRange<Int> = 0...0
    /// CKA RBF: bandwidth threshold (σ² = threshold² × median squared distance).
    public var rbfThreshold = 1.0
    /// Ridge: regularisation and folds.
    public var ridgeAlpha = 1.0
    public var ridgeFolds = 5
    /// Ridge-study: principal components kept of the model layer (the study: 40).
    public var pcaDims = RidgeStudy.defaultDimensions

    /// Which frames every metric compares (``dropFirstFrame`` as a ``FramePolicy``): TSRSA drops
    /// frame 0 itself, every other metric through ``FramePolicyMetric``.
    public var framePolicy: FramePolicy {
        get { FramePolicy(dropsFirstFrame: dropFirstFrame) }
        set { dropFirstFrame = newValue == .dropFirstFrame }
    }

    /// Spearman's tie policy: that of ``comparison`` when it is Spearman, else the kind's default
    /// (recorded, without effect). Setting it changes a Spearman comparison and nothing else.
    public var ties: TiePolicy {
        get { comparison.ties ?? kind.defaultTies }
        set { comparison = comparison.withTies(newValue) }
    }

    /// A metric with default options (Spearman ties: ordinal for TSRSA, as the study; average for
    /// RSA, as rsatoolbox).
    public init(_ kind: Kind) {
        self.kind = kind
        comparison = .spearman(ties: kind.defaultTies)
    }

    /// The study's TSRSA: first frame dropped, Spearman with ordinal ties, no lag.
    public static let studyTSRSA = MetricChoice(.tsrsa)

    /// The comparison (kept for callers of the time when ``comparison`` was a name).
    public var rdmComparison: RDMComparison { comparison }

    /// TSRSA options for this choice.
    public var tsrsaOptions: TSRSAOptions {
        TSRSAOptions(dropsFirstFrame: dropFirstFrame, comparison: comparison, zeroVariance: zeroVariance, lags: lags,
                     distance: distance)
    }

    /// The metric value that computes this choice: TSRSA applies the frame policy itself, the
    /// others are wrapped in a ``FramePolicyMetric`` when frame 0 is dropped.
    public func metric() -> any SimilarityMetric {
        let base = baseMetric()
        guard kind != .tsrsa, framePolicy == .dropFirstFrame else { return base }
        func wrapped<M: SimilarityMetric>(_ m: M) -> any SimilarityMetric { FramePolicyMetric(m, policy: framePolicy) }
        return wrapped(base)
    }

    /// SVCCA's or PWCCA's score with k_x, k_y and n, on the frames the policy keeps; nil for other kinds.
    public func ccaAnalysis(_ a: NDArray<Double>, _ b: NDArray<Double>) throws -> CCAResult? {
        guard kind == .svcca || kind == .pwcca else { return nil }
        let x = try FramePolicyMetric<SVCCAMetric>.keptRows(a, policy: framePolicy)
        let y = try FramePolicyMetric<SVCCAMetric>.keptRows(b, policy: framePolicy)
        return kind == .svcca ? try SVCCAMetric().analysis(x, y) : try PWCCAMetric().analysis(x, y)
    }

    /// The metric on the kept frames, without the frame policy.
    func baseMetric() -> any SimilarityMetric {
        switch kind {
        case .tsrsa: return TSRSAMetric(options: tsrsaOptions)
        case .rsa: return RSAMetric(distance: distance, comparison: comparison)
        case .ckaLinear: return CKAMetric(kernel: .linear, estimator: .biased)
        case .ckaRBF: return CKAMetric(kernel: .rbf(threshold: rbfThreshold), estimator: .biased)
        case .ckaDebiased: return CKAMetric(kernel: .linear, estimator: .unbiased)
        case .svcca: return SVCCAMetric()
        case .pwcca: return PWCCAMetric()
        case .procrustes: return ProcrustesMetric()
        case .ridge: return RidgeMetric(alpha: ridgeAlpha, evaluation: .crossValidated(folds: ridgeFolds))
        case .ridgeStudy: return RidgeStudyMetric(pcaDimensions: pcaDims, alpha: ridgeAlpha)
        }
    }

    public var description: String {
        let frames = framePolicy == .allFrames ? "all frames" : nil
        switch kind {
        case .tsrsa:
            let rdm = distance == .correlation ? "" : "\(distance.rawValue) frame RDM, "
            return "tsrsa (\(rdm)\(comparison.spelling), \(ties.rawValue) ties, \(dropFirstFrame ? "first frame dropped" : "all frames")"
                + (lags == 0...0 ? ")" : ", lags \(lags.lowerBound)…\(lags.upperBound))")
        case .rsa: return "rsa (\(([distance.rawValue + " RDM", comparison.spelling] + [frames].compactMap { $0 }).joined(separator: ", ")))"
        case .ckaRBF: return "cka-rbf (\((["threshold \(rbfThreshold)"] + [frames].compactMap { $0 }).joined(separator: ", ")))"
        case .ridge: return "ridge (\((["α = \(ridgeAlpha)", "\(ridgeFolds)-fold"] + [frames].compactMap { $0 }).joined(separator: ", ")))"
        case .ridgeStudy:
            return "ridge-study (\((["PCA \(pcaDims)", "α = \(ridgeAlpha)", "in-sample R²"] + [frames].compactMap { $0 }).joined(separator: ", ")))"
        default: return kind.rawValue + (frames.map { " (\($0))" } ?? "")
        }
    }

    // The JSON keys and values are those of the mirror enums this type had before it used
    // CortexSimilarity's values (camelCase keys; pinned by a test): job cache keys hash them.
    // Two keys are written only where they apply, so TSRSA's keys stay as they were:
    // `framePolicy` for every metric but TSRSA (they drop frame 0 since issue 13, so their
    // cached results of before, which compared every frame, are not reused), and `pcaDims` for
    // ridge-study.
    enum CodingKeys: String, CodingKey {
        case kind, ties, comparison, distance, dropFirstFrame, zeroVariance, lags, rbfThreshold, ridgeAlpha, ridgeFolds
        case framePolicy, pcaDims
    }

    /// The same keys in snake_case, as results files write them (``snakeCaseKeys``).
    enum SnakeCodingKeys: String, CodingKey {
        case kind, ties, comparison, distance, dropFirstFrame = "drop_first_frame", zeroVariance = "zero_variance", lags
        case rbfThreshold = "rbf_threshold", ridgeAlpha = "ridge_alpha", ridgeFolds = "ridge_folds"
        case framePolicy = "frame_policy", pcaDims = "pca_dims"
    }

    /// Set to `true` in an encoder's `userInfo` to write snake_case keys (results.json and
    /// result.json, whose other keys are all snake_case); job cache identities keep the camelCase
    /// keys they always hashed. Decoding reads either.
    public static let snakeCaseKeys = CodingUserInfoKey(rawValue: "cortexkit.snake-case-keys")!

    public func encode(to encoder: any Encoder) throws {
        if encoder.userInfo[Self.snakeCaseKeys] as? Bool == true {
            try encode(to: encoder, keys: { SnakeCodingKeys(stringValue: Self.snakeName[$0.stringValue]!)! })
        } else {
            try encode(to: encoder, keys: { $0 })
        }
    }

    /// camelCase key → snake_case key.
    private static let snakeName: [String: String] = {
        let camel: [CodingKeys] = [.kind, .ties, .comparison, .distance, .dropFirstFrame, .zeroVariance, .lags, .rbfThreshold,
                                   .ridgeAlpha, .ridgeFolds, .framePolicy, .pcaDims]
        let snake: [SnakeCodingKeys] = [.kind, .ties, .comparison, .distance, .dropFirstFrame, .zeroVariance, .lags,
                                        .rbfThreshold, .ridgeAlpha, .ridgeFolds, .framePolicy, .pcaDims]
        return Dictionary(uniqueKeysWithValues: zip(camel.map(\.stringValue), snake.map(\.stringValue)))
    }()

    private func encode<K: CodingKey>(to encoder: any Encoder, keys key: (CodingKeys) -> K) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(kind, forKey: key(.kind))
        try c.encode(ties.rawValue, forKey: key(.ties))
        try c.encode(comparison.spelling, forKey: key(.comparison))
        try c.encode(distance.rawValue, forKey: key(.distance))
        try c.encode(dropFirstFrame, forKey: key(.dropFirstFrame))
        try c.encode(zeroVariance.rawValue, forKey: key(.zeroVariance))
        try c.encode(lags, forKey: key(.lags))
        try c.encode(rbfThreshold, forKey: key(.rbfThreshold))
        try c.encode(ridgeAlpha, forKey: key(.ridgeAlpha))
        try c.encode(ridgeFolds, forKey: key(.ridgeFolds))
        if kind != .tsrsa { try c.encode(framePolicy.rawValue, forKey: key(.framePolicy)) }
        if kind == .ridgeStudy { try c.encode(pcaDims, forKey: key(.pcaDims)) }
    }

    public init(from decoder: any Decoder) throws {
        let snake = try decoder.container(keyedBy: SnakeCodingKeys.self)
        if snake.contains(.dropFirstFrame) {
            try self.init(from: decoder, keys: { SnakeCodingKeys(stringValue: Self.snakeName[$0.stringValue]!)! })
        } else {
            try self.init(from: decoder, keys: { $0 })
        }
    }

    private init<K: CodingKey>(from decoder: any Decoder, keys key: (CodingKeys) -> K) throws {
        let c = try decoder.container(keyedBy: K.self)
        func spelled<T>(_ name: CodingKeys, _ parse: (String) -> T?) throws -> T {
            let text = try c.decode(String.self, forKey: key(name))
            guard let value = parse(text) else {
                throw DecodingError.dataCorruptedError(forKey: key(name), in: c, debugDescription: "unknown \(key(name).stringValue) \"\(text)\"")
            }
            return value
        }
        self.init(try c.decode(Kind.self, forKey: key(.kind)))
        let ties = try spelled(.ties, TiePolicy.init(rawValue:))
        comparison = try spelled(.comparison) { RDMComparison(spelling: $0, ties: ties) }
        distance = try spelled(.distance, RDMDistance.init(rawValue:))
        dropFirstFrame = try c.decode(Bool.self, forKey: key(.dropFirstFrame))
        zeroVariance = try spelled(.zeroVariance, ZeroVariancePolicy.init(rawValue:))
        lags = try c.decode(ClosedRange<Int>.self, forKey: key(.lags))
        rbfThreshold = try c.decode(Double.self, forKey: key(.rbfThreshold))
        ridgeAlpha = try c.decode(Double.self, forKey: key(.ridgeAlpha))
        ridgeFolds = try c.decode(Int.self, forKey: key(.ridgeFolds))
        if kind != .tsrsa {
            // Written before the frame policy applied to every metric: they compared all frames.
            framePolicy = try c.decodeIfPresent(String.self, forKey: key(.framePolicy)).map { text in
                guard let policy = FramePolicy(rawValue: text) else {
                    throw DecodingError.dataCorruptedError(forKey: key(.framePolicy), in: c, debugDescription: "unknown frame policy \"\(text)\"")
                }
                return policy
            } ?? .allFrames
        }
        pcaDims = try c.decodeIfPresent(Int.self, forKey: key(.pcaDims)) ?? RidgeStudy.defaultDimensions
    }
}
