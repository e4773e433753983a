import CortexNumerics

/// How well a linear read-out of a model layer predicts each recorded neuron: ridge regression
/// from the layer's units to every neuron, evaluated on held-out frames.
///
/// For training frames R (means μ_R, ȳ_R removed) the ridge weights are
/// W = X_Rᵀ(X_R X_Rᵀ + αI)⁻¹(Y_R − ȳ_R) (the dual form, exact for any number of units), so a
/// held-out frame is predicted as ŷ = K_c[T, R]·(K_c[R, R] + αI)⁻¹(Y_R − ȳ_R) + ȳ_R with K_c
/// the layer's Gram matrix centred by the training means. Only the n × n Gram matrix of the layer
/// is needed, so 800,000-unit layers stream. A layer with fewer units than frames is fitted in the
/// primal form instead (a p × p system per fold, ``RidgeDesign``). This is scikit-learn's
/// `Ridge(alpha, fit_intercept=True)` inside `cross_val_predict(…, cv=KFold(k))`.
///
/// ```swift
/// let result = try RidgePredictivity.score(model: layer, brain: visp, alpha: 1, evaluation: .crossValidated(folds: 5))
/// result.score          // mean held-out Pearson r over neurons
/// ```
///
/// - Complexity: p ≥ n: O(n²p) for the Gram, O(n³ + n²q) per fold (Cholesky solve); p < n:
///   O(n·p² + n·p·q) per fold. O(n·q) memory for the brain.
/// - Reference: D. L. K. Yamins et al., PNAS 2014 (neural predictivity); M. Schrimpf et al.,
///   Brain-Score, 2018. The reference study reports in-sample R² (``RidgeEvaluation/inSampleR2``).
public enum RidgePredictivity {
    /// Ridge predictivity of `brain` (frames × neurons, in memory) from `model` (frames × units,
    /// in memory or streamed).
    /// - Parameters:
    ///   - alpha: the ridge penalty α > 0 (the study uses 1).
    /// - Throws: `.emptyInput`, `.rowCountMismatch`, `.tooFewRows` (fewer than 2 frames per
    ///   fold and 3 in total), `.nonFiniteEntry`, `.linearAlgebra`; `.constantInput` when every
    ///   neuron is constant.
    public static func score<M: ColumnChunkSource, B: BLASScalar>(
        model: M, brain: NDArray<B>, alpha: Double = 1, evaluation: RidgeEvaluation = .crossValidated(folds: 5),
        blockColumns: Int = 2048
    ) throws(SimilarityError) -> RidgeResult {
        precondition(alpha > 0 && alpha.isFinite, "RidgePredictivity: alpha must be positive, got \(alpha)")
        guard brain.isMatrix else { throw .notAMatrix(operand: .second, shape: brain.shape) }
        try CKA.validate(model, brain, estimator: .biased)
        let n = brain.rows
        let y = try CKA.doubleColumnCentred(brain, .second)   // centring does not change r or R²
        let design = try RidgeDesign.of(model, blockColumns: blockColumns)
        let folds: [Range<Int>]
        switch evaluation {
        case .crossValidated(let count):
            precondition(count >= 2, "RidgePredictivity: at least 2 folds")
            guard n >= 3, n - (n + count - 1) / count >= 2, count <= n else {
                throw .tooFewRows(found: n, minimum: max(3, 2 * count))
            }
            folds = kFold(n, count)
        case .inSampleR2:
            guard n >= 3 else { throw .tooFewRows(found: n, minimum: 3) }
            folds = [0..<n]
        }
        var predictions = NDArray<Double>(rows: n, columns: y.columns, repeating: 0)
        for test in folds {
            let train = evaluation == .inSampleR2 ? Array(0..<n) : Array(0..<test.lowerBound) + Array(test.upperBound..<n)
            let fitted = try design.predict(y: y, train: train, test: Array(test), alpha: alpha)
            for (row, frame) in test.enumerated() {
                for j in 0..<y.columns { predictions[frame, j] = fitted[row, j] }
            }
        }
        let result = summarize(observed: y, predicted: predictions, evaluation: evaluation)
        guard result.constantNeurons.count < y.columns else { throw .constantInput(operand: .second) }
        return result
    }

    /// sklearn `KFold(k)` without shuffling: contiguous folds, the first n mod k one frame longer.
    static func kFold(_ n: Int, _ k: Int) -> [Range<Int>] {
        var folds: [Range<Int>] = []
        var start = 0
        for f in 0..<k {
            let size = n / k + (f < n % k ? 1 : 0)
            folds.append(start..<(start + size))
            start += size
        }
        return folds
    }

    /// Predictions for `test` frames from a ridge fit on `train` frames (dual form).
    static func predict(gram k: NDArray<Double>, y: NDArray<Double>, train: [Int], test: [Int],
                        alpha: Double) throws(SimilarityError) -> NDArray<Double> {
        let (n, q, t) = (k.rows, y.columns, train.count)
        // Centre K by the training mean of the features: K_c = K − m·1ᵀ − 1·mᵀ + c.
        var m = [Double](repeating: 0, count: n)
        for i in 0..<n { for r in train { m[i] += k[i, r] } ; m[i] /= Double(t) }
        let c = train.map { m[$0] }.reduce(0, +) / Double(t)
        func centred(_ i: Int, _ j: Int) -> Double { k[i, j] - m[i] - m[j] + c }
        var yMean = [Double](repeating: 0, count: q)
        for r in train { for j in 0..<q { yMean[j] += y[r, j] } }
        for j in 0..<q { yMean[j] /= Double(t) }
        let system = NDArray<Double>(shape: [t, t]) { e in
            centred(train[e / t], train[e % t]) + (e / t == e % t ? alpha : 0)
        }
        let rhs = NDArray<Double>(shape: [t, q]) { e in y[train[e / q], e % q] - yMean[e % q] }
        let dual: NDArray<Double>
        do { dual = try LinearAlgebra.choleskySolve(system, rhs) } catch let error as LinearAlgebraError {
            throw .linearAlgebra(error)
        } catch { preconditionFailure("choleskySolve: \(error)") }
        let cross = NDArray<Double>(shape: [test.count, t]) { e in centred(test[e / t], train[e % t]) }
        let fitted = LinearAlgebra.matmul(cross, dual)
        return NDArray(shape: [test.count, q]) { e in fitted.scalars[e] + yMean[e % q] }
    }

    /// Per-neuron Pearson r (cross-validated) or R² (in sample), and their mean.
    static func summarize(observed y: NDArray<Double>, predicted p: NDArray<Double>,
                          evaluation: RidgeEvaluation) -> RidgeResult {
        let (n, q) = (y.rows, y.columns)
        var perNeuron = [Double](repeating: .nan, count: q)
        var constant: [Int] = []
        for j in 0..<q {
            let observed = (0..<n).map { y[$0, j] }, predicted = (0..<n).map { p[$0, j] }
            let mean = observed.reduce(0, +) / Double(n)
            let total = observed.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
            guard total > 0 else { constant.append(j); continue }
            switch evaluation {
            case .inSampleR2:
                let residual = zip(observed, predicted).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
                perNeuron[j] = 1 - residual / total
            case .crossValidated:
                // A constant prediction correlates with nothing: r = 0 rather than 0/0.
                perNeuron[j] = (try? VectorCorrelation.pearson(observed, predicted)) ?? 0
            }
        }
        let valid = perNeuron.filter { !$0.isNaN }
        let score = valid.isEmpty ? Double.nan : valid.reduce(0, +) / Double(valid.count)
        return RidgeResult(score: score, perNeuron: perNeuron, constantNeurons: constant)
    }
}
