import CortexNumerics

extension RDM {
    /// The cross-validated Mahalanobis ("crossnobis") RDM from independent partitions of the
    /// trials (e.g. repeats split into folds), as rsatoolbox 0.3.2's
    /// `calc_rdm(dataset, method='crossnobis', descriptor=…, cv_descriptor=…, noise=Λ)`.
    ///
    /// Leave-one-partition-out: with M_f the conditions × units means of partition f and M̄_{−f}
    /// the mean of the other partitions,
    ///
    ///     d(i, j) = (1/F) Σ_f (m̄ᵢ − m̄ⱼ)_{−f}ᵀ · Λ · (mᵢ − mⱼ)_f / p,
    ///
    /// computed as K = M̄_{−f}·Λ·M_fᵀ, d = Kᵢᵢ + Kⱼⱼ − Kᵢⱼ − Kⱼᵢ. Noise in the two factors is
    /// independent, so d is an unbiased estimate of the squared Mahalanobis distance (per unit)
    /// and can be negative when two conditions do not differ.
    ///
    /// ```swift
    /// let rdm = try RDM(crossValidatedPartitions: [repeatsEven, repeatsOdd])   // Λ = I
    /// ```
    ///
    /// - Parameters:
    ///   - partitions: F ≥ 2 matrices of equal shape (conditions × units), each the mean response
    ///     of one partition of the trials (rsatoolbox averages within a fold the same way).
    ///   - precision: the p × p noise precision Λ; nil means the identity (cross-validated
    ///     Euclidean distance).
    /// - Throws: `.tooFewRows` (fewer than 2 partitions or conditions), `.partitionShapeMismatch`,
    ///   `.emptyInput`, `.nonFiniteEntry` (operand `.first`, row and column within the partition).
    /// - Complexity: F products of n × p × n (`gemm`), plus p²·n per partition with Λ.
    /// - Reference: A. Walther et al., "Reliability of dissimilarity measures for multi-voxel
    ///   pattern analysis", NeuroImage 137, 2016.
    public init<T: BLASScalar>(crossValidatedPartitions partitions: [NDArray<T>],
                               precision: NDArray<Double>? = nil) throws(SimilarityError) {
        guard partitions.count >= 2 else { throw .tooFewRows(found: partitions.count, minimum: 2) }
        let shape = partitions[0].shape
        guard shape.count == 2 else { throw .notAMatrix(operand: .first, shape: shape) }
        for (index, partition) in partitions.enumerated() where partition.shape != shape {
            throw .partitionShapeMismatch(index: index, expected: shape, found: partition.shape)
        }
        let (n, p) = (shape[0], shape[1])
        guard n > 0, p > 0 else { throw .emptyInput(operand: .first, shape: shape) }
        guard n >= 2 else { throw .tooFewRows(found: n, minimum: 2) }
        if let precision { precondition(precision.shape == [p, p], "crossnobis: precision must be \(p) × \(p)") }
        let means = try partitions.map { (m) throws(SimilarityError) -> NDArray<Double> in
            let d = m.map { Double($0) }
            if let k = d.scalars.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteEntry(operand: .first, row: k / p, column: k % p)
            }
            return d
        }
        let f = partitions.count
        var total = NDArray<Double>(rows: n, columns: p, repeating: 0)
        for m in means { total = NDArray(shape: [n, p]) { total.scalars[$0] + m.scalars[$0] } }
        var sum = [Double](repeating: 0, count: Self.pairCount(n))
        for test in means {
            // Mean of the other partitions: (total − test)/(F − 1).
            let train = NDArray<Double>(shape: [n, p]) { (total.scalars[$0] - test.scalars[$0]) / Double(f - 1) }
            let left = precision.map { LinearAlgebra.matmul(train, $0) } ?? train
            let k = LinearAlgebra.matmul(left, test, transposeB: true)
            var index = 0
            k.withUnsafeBufferPointer { kp in
                for i in 0..<n {
                    for j in (i + 1)..<n {
                        sum[index] += kp[i * n + i] + kp[j * n + j] - kp[i * n + j] - kp[j * n + i]
                        index += 1
                    }
                }
            }
        }
        self.init(conditionCount: n, dissimilarities: sum.map { $0 / Double(f) / Double(p) })
    }
}
