/// A LAPACK routine could not produce a result for the given matrix.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
    /// Cholesky factorisation failed: the leading minor of this order is not positive definite.
    case notPositiveDefinite(routine: String, minor: Int)
    /// An iterative routine (eigen/singular values) did not converge.
    case didNotConverge(routine: String, info: Int)
    /// LAPACK rejected an argument (a bug in CortexKit if it happens: please report it).
    case illegalArgument(routine: String, position: Int)
    /// The input contains NaN or infinity, on which LAPACK's results are undefined.
    case nonFiniteInput(routine: String)

    public var description: String {
        switch self {
        case let .notPositiveDefinite(routine, minor):
            return "\(routine): matrix is not positive definite (leading minor of order \(minor))"
        case let .didNotConverge(routine, info):
            return "\(routine): did not converge (info = \(info))"
        case let .illegalArgument(routine, position):
            return "\(routine): illegal value in argument \(position)"
        case let .nonFiniteInput(routine):
            return "\(routine): input contains NaN or infinity"
        }
    }
}
