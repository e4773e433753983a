import CortexNumerics

/// What a ridge fit of the model layer works on, chosen by the smaller side: the layer's n × n
/// column-centred Gram matrix (the dual form, for units ≥ frames: an 800,000-unit layer streams)
/// or the n × p column-centred data itself (the primal form, for frames > units: a p × p system
/// per fold, no n × n matrix). Both give scikit-learn's `Ridge(alpha, fit_intercept=True)`.
enum RidgeDesign {
    case gram(NDArray<Double>)
    case data(NDArray<Double>)

    /// The design of `model` on its smaller side.
    static func of<M: ColumnChunkSource>(_ model: M, blockColumns: Int) throws(SimilarityError) -> RidgeDesign {
        if model.columnCount < model.rowCount { return .data(try CentredData.load(model, operand: .first, blockColumns: blockColumns)) }
        return .gram(try GramAccumulator<M.Scalar>.gram(of: model, centring: .columns, operand: .first, blockColumns: blockColumns))
    }

    /// Predictions for `test` frames from a ridge fit on `train` frames.
    func predict(y: NDArray<Double>, train: [Int], test: [Int], alpha: Double) throws(SimilarityError) -> NDArray<Double> {
        switch self {
        case .gram(let k): return try RidgePredictivity.predict(gram: k, y: y, train: train, test: test, alpha: alpha)
        case .data(let x): return try Self.predict(data: x, y: y, train: train, test: test, alpha: alpha)
        }
    }

    /// The primal form: with X_R, Y_R centred by the training means μ, ȳ,
    /// W = (X_RᵀX_R + αI)⁻¹X_RᵀY_R and ŷ = (x − μ)·W + ȳ.
    static func predict(data x: NDArray<Double>, y: NDArray<Double>, train: [Int], test: [Int],
                        alpha: Double) throws(SimilarityError) -> NDArray<Double> {
        let (p, q, t) = (x.columns, y.columns, train.count)
        var mu = [Double](repeating: 0, count: p), yMean = [Double](repeating: 0, count: q)
        for r in train {
            for j in 0..<p { mu[j] += x[r, j] }
            for j in 0..<q { yMean[j] += y[r, j] }
        }
        for j in 0..<p { mu[j] /= Double(t) }
        for j in 0..<q { yMean[j] /= Double(t) }
        let xr = NDArray<Double>(shape: [t, p]) { e in x[train[e / p], e % p] - mu[e % p] }
        let yr = NDArray<Double>(shape: [t, q]) { e in y[train[e / q], e % q] - yMean[e % q] }
        var system = LinearAlgebra.matmul(xr, xr, transposeA: true)
        for j in 0..<p { system[j, j] += alpha }
        let weights: NDArray<Double>
        do { weights = try LinearAlgebra.choleskySolve(system, LinearAlgebra.matmul(xr, yr, transposeA: true)) }
        catch let error as LinearAlgebraError { throw .linearAlgebra(error) }
        catch { preconditionFailure("choleskySolve: \(error)") }
        let xt = NDArray<Double>(shape: [test.count, p]) { e in x[test[e / p], e % p] - mu[e % p] }
        let fitted = LinearAlgebra.matmul(xt, weights)
        return NDArray(shape: [test.count, q]) { e in fitted.scalars[e] + yMean[e % q] }
    }
}
