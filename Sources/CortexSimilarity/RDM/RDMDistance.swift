/// The dissimilarity between two response patterns xᵢ, xⱼ (rows of a conditions × units matrix
/// with p units), as used to build an ``RDM``.
///
/// All are computed from a Gram matrix (one `syrk`), never by looping over pairs:
/// d depends only on Gᵢᵢ, Gⱼⱼ and Gᵢⱼ of a suitably centred G (see ``GramCentring``). The
/// Euclidean distances of integer data (spike counts) or of k/R data (counts averaged over R
/// repeats) come from the uncentred Gram of the integers R·x, exact in `Double`, so equal
/// differences give equal distances (see ``RDM/init(source:distance:blockColumns:)``).
///
/// The raw value is the spelling of the command line, batch specs and JSON (`correlation`,
/// `spearman`, `euclidean`, `sqeuclidean-per-channel`, `cosine`).
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
    /// 1 − Spearman ρ(xᵢ, xⱼ): the correlation distance of each row's ranks over the units
    /// (average ranks for ties, as `scipy.stats.spearmanr`). With TSRSA this is the reference
    /// study's STSRSA (`STSRSAMetric` in its `similarity/metric.py`), which ranks with
    /// argsort∘argsort; the two agree whenever a frame has no tied units (on tied spike counts
    /// argsort's order of ties is numpy's sort's, not a defined rank). Undefined for a constant row.
    /// Ranking needs whole rows, so a streamed source is held in memory as `Double` ranks
    /// (frames × units × 8 bytes) while its Gram is computed.
    case spearman

    /// The centring of the Gram matrix this distance is computed from.
    public var gramCentring: GramCentring {
        switch self {
        case .correlation, .spearman: .rows
        // Distances are invariant to a common shift; centring columns avoids cancellation.
        case .euclidean, .squaredEuclideanPerChannel: .columns
        case .cosine: .none
        }
    }
}
