/// How a Gram matrix over rows, G = X·Xᵀ, is centred; each similarity needs one of them.
public enum GramCentring: Sendable, Hashable, CaseIterable {
    /// The raw product X·Xᵀ (cosine distance).
    case none
    /// Columns centred over rows, X̃ = X − 1·x̄ᵀ: G = X̃·X̃ᵀ = H·X·Xᵀ·H with H = I − 11ᵀ/n
    /// (CKA, Euclidean distances). Exact per column block, since a block holds whole columns.
    case columns
    /// Rows centred over columns, X̃ = X − x̄·1ᵀ: G = X̃·X̃ᵀ (Pearson correlation between rows).
    case rows
}
