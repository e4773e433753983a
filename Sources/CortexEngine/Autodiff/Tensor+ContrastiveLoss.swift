/// The supervised contrastive loss (Khosla et al., NeurIPS 2020), the core of temporal
/// contrastive learning (TCL/STCL, arXiv 2305.13909), as a composite of primitives.
extension Tensor {
    /// Rows of `[n, d]` scaled to unit ℓ2 norm: x / √(Σx² + ε) (composite; ε = 1e-12 keeps an
    /// all-zero row finite, and differs from PyTorch's `F.normalize` only for norms near 1e-6).
    @_specialize(where Scalar == Float)
    public func rowNormalized() -> Tensor {
        precondition(rank == 2, "Tensor.rowNormalized: needs [n, d], got \(shape)")
        let norms = (((self * self).sum(alongAxis: 1) + Scalar(1e-12)).log() * 0.5).exp()
        return self / norms.broadcast(along: 0, to: shape)
    }

    /// Supervised contrastive loss of the embeddings `[n, d]` (rows ℓ2-normalised here) with
    /// the group `labels` of each row:
    ///
    ///     L = (1/|A|) Σ_{a∈A} −1/|P(a)| Σ_{p∈P(a)} log[exp(z_a·z_p/τ) / Σ_{k≠a} exp(z_a·z_k/τ)],
    ///
    /// P(a) = every other row with a's label, A = the anchors with at least one positive (the
    /// mean over anchors is SupCon's reduction; TCL sums, which only rescales λ by |A|). In
    /// temporal contrastive learning the rows are the B·T per-time-step embeddings, so the same
    /// sample at other time steps is a positive.
    ///
    /// Composite: Gram matrix, a constant −10⁹ on the diagonal (a row never counts itself), row
    /// log-softmax, a constant weight matrix 1/|P(a)| on the positives.
    /// - Returns: a rank-0 tensor; 0 when no anchor has a positive.
    /// - Complexity: O(n²d).
    @_specialize(where Scalar == Float)
    public func supervisedContrastiveLoss(labels: [Int], temperature: Scalar) -> Tensor {
        precondition(rank == 2 && labels.count == shape[0], "Tensor.supervisedContrastiveLoss: \(labels.count) labels for \(shape)")
        precondition(temperature > 0, "Tensor.supervisedContrastiveLoss: temperature must be positive")
        let n = shape[0]
        let z = rowNormalized()
        var diagonal = [Scalar](repeating: 0, count: n * n)
        for i in 0..<n { diagonal[i * n + i] = -1e9 }
        let logits = z.matmul(z, transposeOther: true) * (1 / temperature) + Tensor(shape: [n, n], scalars: diagonal)
        let logProbabilities = logits.logSoftmax()
        var weights = [Scalar](repeating: 0, count: n * n)
        var anchors = 0
        for a in 0..<n {
            let positives = (0..<n).filter { $0 != a && labels[$0] == labels[a] }
            guard !positives.isEmpty else { continue }
            anchors += 1
            for p in positives { weights[a * n + p] = 1 / Scalar(positives.count) }
        }
        guard anchors > 0 else { return (logProbabilities * Tensor(shape: [n, n], repeating: 0)).sum() }
        return -(logProbabilities * Tensor(shape: [n, n], scalars: weights)).sum() * (1 / Scalar(anchors))
    }
}
