/// Kernel (Gram) matrices, the unbiased HSIC and debiased linear CKA, differentiable — for
/// regularisers that act on representational similarity (CKA-SR).
extension Tensor {
    /// The linear-kernel Gram matrix X·Xᵀ `[n, n]` of the rows of `[n, p]` (composite: matmul).
    @_specialize(where Scalar == Float)
    public func gram() -> Tensor {
        precondition(rank == 2, "Tensor.gram: needs [n, p], got \(shape)")
        return matmul(self, transposeOther: true)
    }

    /// The unbiased HSIC estimator (Song et al., JMLR 13, 2012) of two `[n, n]` kernel matrices,
    /// a rank-0 tensor; diagonals are ignored (treated as zero), n ≥ 4:
    ///
    ///     HSIC₁(K, L) = [tr(K̃L̃) + (1ᵀK̃1)(1ᵀL̃1)/((n−1)(n−2)) − 2/(n−2)·1ᵀK̃L̃1] / (n(n−3)).
    ///
    /// A primitive with its own backward rule (``HSICKernels``); sums in `Double`. Equals
    /// ⟨U(K), U(L)⟩/(n(n−3)) for the U-centred matrices of the similarity module's debiased CKA.
    /// - Complexity: O(n²).
    @_specialize(where Scalar == Float)
    public static func unbiasedHSIC(_ k: Tensor, _ l: Tensor) -> Tensor {
        precondition(k.rank == 2 && k.shape[0] == k.shape[1] && l.shape == k.shape,
                     "Tensor.unbiasedHSIC: needs two equal [n, n] matrices, got \(k.shape) and \(l.shape)")
        let n = k.shape[0]
        precondition(n >= 4, "Tensor.unbiasedHSIC: needs n ≥ 4, got \(n)")
        let value = Scalar(HSICKernels.value(k.scalars, l.scalars, n: n))
        return record([value], shape: [], inputs: [k, l], .unbiasedHSIC(k: k.scalars, l: l.scalars, n: n))
    }

    /// Debiased linear CKA of two representations given by their Gram matrices:
    /// HSIC₁(K, L)/√(HSIC₁(K, K)·HSIC₁(L, L)) (composite; the square root as exp(½·log)).
    /// - Precondition: both self-similarities are positive (callers skip degenerate pairs).
    @_specialize(where Scalar == Float)
    public static func debiasedCKA(gramX k: Tensor, gramY l: Tensor) -> Tensor {
        let kl = unbiasedHSIC(k, l)
        let product = unbiasedHSIC(k, k) * unbiasedHSIC(l, l)
        precondition(product.scalar > 0, "Tensor.debiasedCKA: a representation has no positive self-similarity")
        return kl / (product.log() * 0.5).exp()
    }
}
