import CortexNumerics

/// Optional temporal smoothing of trial-averaged responses.
public enum ResponseSmoothing: Sendable, Hashable {
    /// Raw trial-averaged counts.
    case none
    /// A Gaussian over time with standard deviation `sigmaFrames` displayed frames (`σ · binsPerFrame`
    /// bins), via `GaussianSmoothing` (SciPy's `gaussian_filter1d`, truncate 4) with `boundary`.
    case gaussian(sigmaFrames: Double, boundary: BoundaryMode)

    /// A Gaussian with SciPy's default boundary (`.reflect`).
    public static func gaussian(sigmaFrames: Double) -> ResponseSmoothing {
        .gaussian(sigmaFrames: sigmaFrames, boundary: .reflect)
    }

    /// Applies the smoothing to a units × bins matrix, along the bins of each unit (each row).
    /// - Precondition: `sigmaFrames > 0` and finite.
    public func apply(to matrix: NDArray<Double>, binsPerFrame: Int) -> NDArray<Double> {
        switch self {
        case .none:
            return matrix
        case .gaussian(let sigma, let boundary):
            return GaussianSmoothing.smooth(matrix, along: .eachRow, sigma: sigma * Double(binsPerFrame),
                                            boundary: boundary)
        }
    }
}
