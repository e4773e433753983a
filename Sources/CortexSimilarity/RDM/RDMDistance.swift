/// The dissimilarity between two response patterns xᵢ, xⱼ (rows of a conditions × units matrix
/// with p units), as used to build an ``RDM``.
///
/// All are computed from a Gram matrix (one `syrk`), never by looping over pairs:
/// d depends only on Gᵢᵢ, Gⱼⱼ and Gᵢⱼ of a suitably centred G (see ``GramCentring``).
///
/// The raw value is the spelling of the command line, batch specs and JSON (`correlation`,
/// `euclidean`, `sqeuclidean-per-channel`, `cosine`).
public enum RDMDistance: String, Sendable, Hashable, CaseIterable, Codable {
    /// 1 − Pearson r(xᵢ, xⱼ) = 1 − G̃ᵢⱼ/√(G̃ᵢᵢG̃ⱼⱼ) with rows centred (rsatoolbox `'correlation'`,
    /// the study's TSRSA distance). Undefined for a constant row.
    case correlation
    /// ‖xᵢ − xⱼ‖₂ = √(Gᵢᵢ + Gⱼⱼ − 2Gᵢⱼ) (scipy `pdist(..., 'euclidean')`).
    case euclidean
    /// ‖xᵢ − xⱼ‖₂² / p, rsatoolbox 0.3.2's `'euclidean'` (squared, divided by the channel count).
    case squaredEuclideanPerChannel = "sqeuclidean-per-channel"
    /// 1 − xᵢ·xⱼ/(‖xᵢ‖‖xⱼ‖) (scipy `pdist(..., 'cosine')`). Undefined for a zero row.
    case cosine

    /// The centring of the Gram matrix this distance is computed from.
    public var gramCentring: GramCentring {
        switch self {
        case .correlation: .rows
        // Distances are invariant to a common shift; centring columns avoids cancellation.
        case .euclidean, .squaredEuclideanPerChannel: .columns
        case .cosine: .none
        }
    }
}
