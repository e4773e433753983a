/// The loss a run trains with (stored in options.json under `loss`; absent: cross-entropy).
///
/// Every loss starts from cross-entropy of the logits averaged over time; the contrastive ones
/// add λ·L_TCL, a supervised contrastive loss (``CortexEngine/Tensor/supervisedContrastiveLoss(labels:temperature:)``)
/// over the B·T per-time-step embeddings of a projection head (``ProjectionHead``) on the
/// network's last feature layer — temporal contrastive learning, arXiv 2305.13909:
///
///     L = L_CE + λ · L_TCL,   positives of (i, t): every (j, s) ≠ (i, t) with y_j = y_i.
///
/// ```swift
/// options.loss = .temporalContrastive(ContrastiveLossSettings(weight: 0.5, temperature: 0.1))
/// ```
public enum TrainingLoss: Sendable, Hashable, Codable {
    /// Cross-entropy of the time-averaged logits.
    case crossEntropy
    /// TCL: cross-entropy plus the contrastive loss over B·T embeddings.
    case temporalContrastive(ContrastiveLossSettings)
    /// STCL: two augmented views of every example (the run's augmentation drawn twice, see
    /// ``TrainingData``), cross-entropy on both, the contrastive loss over the 2·B·T embeddings
    /// (the other view of the same example is a positive too).
    case spatioTemporalContrastive(ContrastiveLossSettings)

    /// The loss's command-line name.
    public var kind: TrainingLossKind {
        switch self {
        case .crossEntropy: return .ce
        case .temporalContrastive: return .tcl
        case .spatioTemporalContrastive: return .stcl
        }
    }

    /// λ, τ and the head size of a contrastive loss; `nil` for cross-entropy.
    public var contrastive: ContrastiveLossSettings? {
        switch self {
        case .crossEntropy: return nil
        case .temporalContrastive(let s), .spatioTemporalContrastive(let s): return s
        }
    }

    /// Whether each example is seen as two augmented views.
    public var usesTwoViews: Bool { kind == .stcl }

    /// The loss of `kind` with `settings` (ignored for cross-entropy).
    public init(kind: TrainingLossKind, settings: ContrastiveLossSettings = ContrastiveLossSettings()) {
        switch kind {
        case .ce: self = .crossEntropy
        case .tcl: self = .temporalContrastive(settings)
        case .stcl: self = .spatioTemporalContrastive(settings)
        }
    }

    private enum CodingKeys: String, CodingKey { case kind, weight, temperature, projectionDimension = "projection_dimension" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(TrainingLossKind.self, forKey: .kind)
        let defaults = ContrastiveLossSettings()
        let settings = ContrastiveLossSettings(
            weight: try c.decodeIfPresent(Double.self, forKey: .weight) ?? defaults.weight,
            temperature: try c.decodeIfPresent(Double.self, forKey: .temperature) ?? defaults.temperature,
            projectionDimension: try c.decodeIfPresent(Int.self, forKey: .projectionDimension) ?? defaults.projectionDimension)
        self.init(kind: kind, settings: settings)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        if let s = contrastive {
            try c.encode(s.weight, forKey: .weight)
            try c.encode(s.temperature, forKey: .temperature)
            try c.encode(s.projectionDimension, forKey: .projectionDimension)
        }
    }
}

/// The losses by name: `ce`, `tcl`, `stcl`.
public enum TrainingLossKind: String, Sendable, Hashable, CaseIterable, Codable {
    case ce, tcl, stcl
}

/// Settings of the temporal contrastive losses.
public struct ContrastiveLossSettings: Sendable, Hashable, Codable {
    /// λ, the contrastive term's weight (the paper's value was not recovered; default 0.5).
    public var weight: Double
    /// τ of the softmax over similarities (SupCon's 0.07–0.1; default 0.1).
    public var temperature: Double
    /// Output size of the linear projection head (default 64).
    public var projectionDimension: Int

    public init(weight: Double = 0.5, temperature: Double = 0.1, projectionDimension: Int = 64) {
        self.weight = weight
        self.temperature = temperature
        self.projectionDimension = projectionDimension
    }
}
