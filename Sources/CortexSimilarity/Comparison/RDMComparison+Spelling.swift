import CortexNumerics

extension RDMComparison {
    /// The spellings of the comparisons on the command line, in batch specs and in JSON, in the
    /// order of the cases: `spearman`, `pearson`, `kendall-tau-a`, `kendall-tau-b`, `rho-a`, `cosine`.
    /// Spearman's tie policy is spelled apart (``TiePolicy``'s raw value).
    public static let spellings = ["spearman", "pearson", "kendall-tau-a", "kendall-tau-b", "rho-a", "cosine"]

    /// This comparison's spelling (one of ``spellings``; without Spearman's tie policy).
    public var spelling: String {
        switch self {
        case .spearman: "spearman"
        case .pearson: "pearson"
        case .kendallTauA: "kendall-tau-a"
        case .kendallTauB: "kendall-tau-b"
        case .rhoA: "rho-a"
        case .cosine: "cosine"
        }
    }

    /// The comparison spelled `spelling`, with `ties` if it is Spearman; nil for an unknown spelling.
    ///
    /// ```swift
    /// RDMComparison(spelling: "spearman", ties: .ordinal)   // .spearman(ties: .ordinal)
    /// RDMComparison(spelling: "pearson", ties: .ordinal)    // .pearson
    /// ```
    public init?(spelling: String, ties: TiePolicy) {
        switch spelling {
        case "spearman": self = .spearman(ties: ties)
        case "pearson": self = .pearson
        case "kendall-tau-a": self = .kendallTauA
        case "kendall-tau-b": self = .kendallTauB
        case "rho-a": self = .rhoA
        case "cosine": self = .cosine
        default: return nil
        }
    }

    /// Spearman's tie policy; nil for the other comparisons.
    public var ties: TiePolicy? {
        if case .spearman(let ties) = self { return ties }
        return nil
    }

    /// The same comparison with Spearman's tie policy set to `ties` (the others are unchanged).
    public func withTies(_ ties: TiePolicy) -> RDMComparison {
        if case .spearman = self { return .spearman(ties: ties) }
        return self
    }

    /// A short label for people: the spelling, with the tie policy for Spearman
    /// (`spearman, ordinal ties`).
    public var label: String {
        if case .spearman(let ties) = self { return "spearman, \(ties.rawValue) ties" }
        return spelling
    }
}
