import CortexEngine

/// The CKA-SR penalty (arXiv 2307.07389) on recorded block outputs, differentiable.
///
/// Each block output `[T, B, …]` is restricted to its first n examples and seen as the matrix
/// `[n, T·F]` of each example's whole response; its linear Gram matrix is Σ_t X_t X_tᵀ. The
/// penalty is Σ over stages Σ_{i≠j} CKA₁(X_i, X_j) (ordered pairs, so 2·Σ_{i<j}), CKA₁ the
/// debiased linear CKA (unbiased HSIC, ``CortexEngine/Tensor/debiasedCKA(gramX:gramY:)``) —
/// the similarity module's `CKA.score(x, y, estimator: .unbiased)` on the same matrices. A pair
/// where a block has no positive self-similarity (e.g. silent) is skipped.
///
/// The reference implementation (sccdnmj's `CKASR.py`) sums CKA over all pairs i, j of a stage,
/// the diagonal i = j included. CKA(X, X) = 1 for every X, so those n terms add a constant n per
/// stage to the loss value and nothing to its gradient: training is the same, and this penalty's
/// value is the reference's minus the number of blocks in each stage.
enum CKASparsity {
    /// The linear Gram matrix `[n, n]` of the first `samples` examples of a block output `[T, B, …]`.
    static func gram<S: TensorScalar>(_ output: Tensor<S>, samples: Int) -> Tensor<S> {
        let (steps, n) = (output.shape[0], min(samples, output.shape[1]))
        let rows = output.slice(along: 1, 0..<n).reshaped([steps, n, -1])
        var k = rows.step(0).gram()
        for t in 1..<steps { k = k + rows.step(t).gram() }
        return k
    }

    /// The penalty over `groups` of recorded outputs (without β), or `nil` when no pair counts.
    static func penalty<S: TensorScalar>(_ recorded: [String: Tensor<S>], groups: [[String]], samples: Int) -> Tensor<S>? {
        var total: Tensor<S>?
        for group in groups {
            let grams = group.map { gram(recorded[$0]!, samples: samples) }
            let usable = grams.map { Tensor.unbiasedHSIC($0.detached(), $0.detached()).scalar > 0 }
            for i in grams.indices where usable[i] {
                for j in (i + 1)..<grams.count where usable[j] {
                    let cka = Tensor.debiasedCKA(gramX: grams[i], gramY: grams[j]) * 2
                    total = total.map { $0 + cka } ?? cka
                }
            }
        }
        return total
    }
}
