/// The unbiased HSIC estimator of Song et al. (2012) on kernel matrices, and its gradient, in
/// `Double` whatever the tensor's scalar (n² sums of products lose digits in `Float`).
///
///     HSIC₁(K, L) = [tr(K̃L̃) + (1ᵀK̃1)(1ᵀL̃1)/((n−1)(n−2)) − 2/(n−2)·1ᵀK̃L̃1] / (n(n−3)),
///
/// K̃, L̃ = K, L with the diagonal set to zero. Needs n ≥ 4.
enum HSICKernels {
    /// HSIC₁ of row-major `[n, n]` matrices `k` and `l`.
    static func value<Scalar: TensorScalar>(_ k: [Scalar], _ l: [Scalar], n: Int) -> Double {
        precondition(n >= 4 && k.count == n * n && l.count == n * n, "HSIC: needs two n×n matrices with n ≥ 4")
        var trace = 0.0, sumK = 0.0, sumL = 0.0, cross = 0.0
        var rowL = [Double](repeating: 0, count: n), columnK = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for j in 0..<n where i != j {
                let a = Double(k[i * n + j]), b = Double(l[i * n + j])
                trace += a * Double(l[j * n + i])
                sumK += a
                sumL += b
                rowL[i] += b
                columnK[j] += a
            }
        }
        // 1ᵀK̃L̃1 = Σ_j (K̃ᵀ1)_j (L̃1)_j
        for j in 0..<n { cross += columnK[j] * rowL[j] }
        let m = Double(n)
        return (trace + sumK * sumL / ((m - 1) * (m - 2)) - 2 / (m - 2) * cross) / (m * (m - 3))
    }

    /// ∂HSIC₁/∂X · g for X the first (`asFirst`) or second argument, `partner` the other one.
    ///
    /// For the first argument, with L̃ the partner: ∂/∂K_ij = [L̃_ji + ΣL̃/((n−1)(n−2)) −
    /// 2/(n−2)·(L̃1)_j]/(n(n−3)) for i ≠ j, and 0 on the diagonal (K̃ does not depend on it).
    /// For the second, with K̃ the partner: the term 1ᵀK̃L̃1 = Σ_ij (K̃ᵀ1)_i L̃_ij gives (K̃ᵀ1)_i.
    static func gradient<Scalar: TensorScalar>(of x: [Scalar], partner p: [Scalar], n: Int, outputGradient g: Scalar,
                                               asFirst: Bool) -> [Scalar] {
        let m = Double(n)
        var total = 0.0
        var sums = [Double](repeating: 0, count: n)       // (L̃1)_j (first) or (K̃ᵀ1)_i (second)
        for i in 0..<n {
            for j in 0..<n where i != j {
                let v = Double(p[i * n + j])
                total += v
                if asFirst { sums[i] += v } else { sums[j] += v }
            }
        }
        let scale = Double(g) / (m * (m - 3))
        let constant = total / ((m - 1) * (m - 2))
        var out = [Scalar](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n where i != j {
                let linear = asFirst ? sums[j] : sums[i]
                out[i * n + j] = Scalar(scale * (Double(p[j * n + i]) + constant - 2 / (m - 2) * linear))
            }
        }
        return out
    }
}
