/// The kernel whose Gram matrices CKA compares (Kornblith et al. 2019).
public enum CKAKernel: Sendable, Hashable {
    /// k(x, x′) = x·x′ on column-centred data.
    case linear
    /// k(x, x′) = exp(−‖x − x′‖²/(2σ²)) with σ² = threshold² × the median of all n² squared
    /// pairwise distances (NumPy's median: the mean of the two middle values), as Kornblith's
    /// `gram_rbf(x, threshold)`; their default threshold is 1.
    case rbf(threshold: Double)
}

/// The estimator of the Hilbert–Schmidt independence criterion inside CKA.
public enum HSICEstimator: Sendable, Hashable, CaseIterable {
    /// HSIC = tr(KHLH)/(n − 1)²: the original CKA.
    case biased
    /// The unbiased U-statistic of Song et al. (2012), via U-centred Gram matrices ("debiased CKA").
    /// Needs n ≥ 4.
    case unbiased
}

/// Where linear CKA with the biased estimator is computed.
public enum CKASpace: Sendable, Hashable, CaseIterable {
    /// Feature space when units₁ + units₂ < n, otherwise Gram space.
    case automatic
    /// ‖YᵀX‖²_F/(‖XᵀX‖_F‖YᵀY‖_F): O(n(p₁ + p₂)²), for few features.
    case features
    /// ⟨K̃, L̃⟩/(‖K̃‖‖L̃‖) with n × n Grams: O(n²(p₁ + p₂)), for many features (streams).
    case gram
}
