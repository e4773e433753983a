import CortexNumerics

/// The reference study's regression metric ("Regression", `RegMetric` in its
/// `similarity/metric.py`): PCA of the model layer to 40 components fitted on the frames, ridge
/// regression (α = 1, with intercept) from the components to every neuron fitted on the same
/// frames, and the mean over neurons of the in-sample R² on those frames.
///
///     Z = PCA₄₀(X),   Ŷ = Z·W + b  (ridge, α = 1, fitted on all frames),
///     score = (1/q) Σⱼ [1 − Σₜ (yₜⱼ − ŷₜⱼ)² / Σₜ (yₜⱼ − ȳⱼ)²]
///
/// No frame is held out, so the score grows with the components kept and is not a measure of
/// generalisation: it is offered to reproduce the study. ``RidgePredictivity`` with
/// cross-validation (the `ridge` metric) is CortexKit's default regression metric.
///
/// Computed in the dual form from the layer's n × n centred Gram G = UΛUᵀ: the PCA scores satisfy
/// ZZᵀ = U₄₀Λ₄₀U₄₀ᵀ (signs and rotations of the components do not matter), so an 800,000-unit layer
/// needs one streamed `syrk` and one n × n eigendecomposition. A layer with fewer units than frames
/// is reduced by a thin SVD of its data and fitted in the primal form (``RidgeDesign``). As in the study, a layer with no more
/// units than components is used as it is (no PCA); fewer frames than components keep them all.
///
/// ```swift
/// let result = try RidgeStudy.score(model: layer, brain: visp)     // pcaDimensions 40, alpha 1
/// result.score                                                     // mean in-sample R² over neurons
/// ```
///
/// - Complexity: O(n²p) for the Gram, O(n³) for the eigendecomposition and the ridge solve.
/// - Reference: the study's code (github.com/Grasshlw/SNN-Neural-Similarity-Movie), scikit-learn
///   `PCA(n_components=40)` + `Ridge(alpha=1.0)`.
public enum RidgeStudy {
    /// The study's components and penalty.
    public static let defaultDimensions = 40
    public static let defaultAlpha = 1.0

    /// The mean in-sample R² over the neurons of `brain` (frames × neurons) predicted from the
    /// top `pcaDimensions` principal components of `model` (frames × units).
    /// - Throws: `.emptyInput`, `.rowCountMismatch`, `.tooFewRows` (< 3 frames), `.nonFiniteEntry`,
    ///   `.linearAlgebra`; `.constantInput` when every neuron is constant. A constant neuron has
    ///   no R² and is left out of the mean (the study's mean would be NaN).
    public static func score<M: ColumnChunkSource, B: BLASScalar>(
        model: M, brain: NDArray<B>, pcaDimensions: Int = defaultDimensions, alpha: Double = defaultAlpha,
        blockColumns: Int = 2048
    ) throws(SimilarityError) -> RidgeResult {
        precondition(pcaDimensions >= 1, "RidgeStudy: pcaDimensions must be ≥ 1, got \(pcaDimensions)")
        precondition(alpha > 0 && alpha.isFinite, "RidgeStudy: alpha must be positive, got \(alpha)")
        guard brain.isMatrix else { throw .notAMatrix(operand: .second, shape: brain.shape) }
        try CKA.validate(model, brain, estimator: .biased)
        let n = brain.rows
        guard n >= 3 else { throw .tooFewRows(found: n, minimum: 3) }
        let y = try CKA.doubleColumnCentred(brain, .second)
        var design = try RidgeDesign.of(model, blockColumns: blockColumns)
        if pcaDimensions < model.columnCount {
            switch design {
            case .gram(let k): design = .gram(try principalGram(k, dimensions: pcaDimensions))
            case .data(let x): design = .data(try principalScores(x, dimensions: pcaDimensions))
            }
        }
        let frames = Array(0..<n)
        let fitted = try design.predict(y: y, train: frames, test: frames, alpha: alpha)
        let result = RidgePredictivity.summarize(observed: y, predicted: fitted, evaluation: .inSampleR2)
        guard result.constantNeurons.count < y.columns else { throw .constantInput(operand: .second) }
        return result
    }

    /// Z = U_k S_k: the top-k principal component scores of column-centred data X̃ = U·S·Vᵀ (the
    /// route for fewer units than frames; sklearn's `PCA(k).fit_transform` up to signs).
    static func principalScores(_ x: NDArray<Double>, dimensions: Int) throws(SimilarityError) -> NDArray<Double> {
        let svd: LinearAlgebra.SVD<Double>
        do { svd = try LinearAlgebra.svd(x) } catch let error as LinearAlgebraError {
            throw .linearAlgebra(error)
        } catch { preconditionFailure("svd: \(error)") }
        let (n, k, width) = (x.rows, min(dimensions, svd.singularValues.count), svd.singularValues.count)
        return NDArray(shape: [n, k]) { e in svd.u!.scalars[(e / k) * width + e % k] * svd.singularValues[e % k] }
    }

    /// U_k Λ_k U_kᵀ: the Gram of the top-k principal component scores, from the centred Gram.
    static func principalGram(_ g: NDArray<Double>, dimensions: Int) throws(SimilarityError) -> NDArray<Double> {
        let eigen: LinearAlgebra.SymmetricEigen<Double>
        do { eigen = try LinearAlgebra.symmetricEigen(g) } catch let error as LinearAlgebraError {
            throw .linearAlgebra(error)
        } catch { preconditionFailure("symmetricEigen: \(error)") }
        let n = g.rows
        let kept = Array((0..<n).reversed().prefix(min(dimensions, n)))   // largest eigenvalues
        var out = [Double](repeating: 0, count: n * n)
        for index in kept {
            let lambda = max(0, eigen.values[index])
            guard lambda > 0 else { continue }
            let u = (0..<n).map { eigen.vectors[$0, index] }
            for i in 0..<n {
                let a = lambda * u[i]
                for j in 0..<n { out[i * n + j] += a * u[j] }
            }
        }
        return NDArray(shape: [n, n], scalars: out)
    }
}

/// ``RidgeStudy`` as a ``SimilarityMetric``: the first argument (model) predicts the second
/// (brain); not symmetric.
public struct RidgeStudyMetric: SimilarityMetric {
    public var pcaDimensions: Int
    public var alpha: Double
    public init(pcaDimensions: Int = RidgeStudy.defaultDimensions, alpha: Double = RidgeStudy.defaultAlpha) {
        self.pcaDimensions = pcaDimensions
        self.alpha = alpha
    }
    public var name: String { "study regression (PCA \(pcaDimensions) + ridge α = \(alpha), in-sample R²)" }
    public func score(prepared a: NDArray<Double>, _ b: NDArray<Double>) throws -> Double {
        try RidgeStudy.score(model: a, brain: b, pcaDimensions: pcaDimensions, alpha: alpha).score
    }
}
