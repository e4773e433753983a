/// A term added to the training loss that acts on the network's representations (stored in
/// options.json under `regularizer`; absent: none).
public enum TrainingRegularizer: Sendable, Hashable, Codable {
    /// CKA-based sparsity regularisation (CKA-SR, arXiv 2307.07389): β·Σ_{i≠j} CKA(X_i, X_j) over
    /// the ordered pairs of block outputs within each stage (``RecordableNetwork/blockGroups``),
    /// debiased linear CKA, on the first `samples` examples of every `every`-th batch.
    case ckaSparsity(CKASparsitySettings)

    /// The regulariser's command-line name.
    public var kind: TrainingRegularizerKind {
        switch self { case .ckaSparsity: return .ckaSR }
    }

    private enum CodingKeys: String, CodingKey { case kind, weight, every, samples }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(TrainingRegularizerKind.self, forKey: .kind) {
        case .ckaSR:
            let d = CKASparsitySettings()
            self = .ckaSparsity(CKASparsitySettings(weight: try c.decodeIfPresent(Double.self, forKey: .weight) ?? d.weight,
                                                    every: try c.decodeIfPresent(Int.self, forKey: .every) ?? d.every,
                                                    samples: try c.decodeIfPresent(Int.self, forKey: .samples) ?? d.samples))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        switch self {
        case .ckaSparsity(let s):
            try c.encode(s.weight, forKey: .weight)
            try c.encode(s.every, forKey: .every)
            try c.encode(s.samples, forKey: .samples)
        }
    }
}

/// The regularisers by name: `cka-sr`.
public enum TrainingRegularizerKind: String, Sendable, Hashable, CaseIterable, Codable {
    case ckaSR = "cka-sr"
}

/// Settings of CKA-SR (the paper: β = 1e-4 on CIFAR, 8 samples, every 5th batch).
public struct CKASparsitySettings: Sendable, Hashable, Codable {
    /// β.
    public var weight: Double
    /// Apply on every k-th batch (global step divisible by k).
    public var every: Int
    /// Examples of the batch the Gram matrices are built from (at least 4: the unbiased HSIC).
    public var samples: Int

    public init(weight: Double = 1e-4, every: Int = 5, samples: Int = 8) {
        self.weight = weight
        self.every = every
        self.samples = samples
    }
}
