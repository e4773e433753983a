/// Which Gram matrix of a rows × columns matrix X to form.
public enum GramSide: Sendable, Hashable, CaseIterable {
    /// X·Xᵀ (rows × rows): similarities between rows, e.g. frames.
    case rows
    /// Xᵀ·X (columns × columns): similarities between columns, e.g. units.
    case columns
}
