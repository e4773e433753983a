/// Which argument of a two-sided computation an error is about: the first (model, X, RDM a) or
/// the second (brain, Y, RDM b).
public enum SimilarityOperand: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The first argument (the model in TSRSA, X in CKA).
    case first
    /// The second argument (the brain in TSRSA, Y in CKA).
    case second

    public var description: String { self == .first ? "first (model)" : "second (brain)" }
}
