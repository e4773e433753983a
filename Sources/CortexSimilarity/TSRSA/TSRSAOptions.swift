import CortexNumerics

/// How ``TSRSA`` compares a model layer with a brain area. The defaults reproduce the reference
/// study (arXiv 2306.01354): drop the first frame, correlation-distance RDMs (``distance``), Spearman with
/// argsort∘argsort (ordinal) ranks and r = 1 − 6Σd²/(n³ − n), lag 0.
///
/// ```swift
/// var options = TSRSAOptions()                          // the study's procedure
/// options.comparison = .spearman(ties: .average)        // scipy / rsatoolbox Spearman
/// options.lags = -3...5                                 // brain frame t + k vs model frame t
/// options.zeroVariance = .dropFrame
/// ```
public struct TSRSAOptions: Sendable, Hashable {
    /// Drop frame 0 on both sides before anything else (the study does: the first frame follows a
    /// grey screen). Frame numbers in errors and results stay in the caller's numbering.
    public var dropsFirstFrame: Bool
    /// The frame RDM's distance: 1 − Pearson r (`.correlation`, the study's TSRSA), 1 − Spearman ρ
    /// (`.spearman`, the study's STSRSA), or any other ``RDMDistance``.
    public var distance: RDMDistance
    /// How the two frame RDMs are compared. The tie policy of Spearman's ρ is part of the case:
    /// `.spearman(ties: .ordinal)` is the study's, `.spearman(ties: .average)` scipy's.
    public var comparison: RDMComparison
    /// What to do with zero-variance frames.
    public var zeroVariance: ZeroVariancePolicy
    /// Lags k to score: brain frames t + k against model frames t (k > 0: the brain lags the
    /// model). Each lag compares the frames where both exist.
    public var lags: ClosedRange<Int>
    /// Columns per streamed block (see ``GramAccumulator``).
    public var blockColumns: Int

    public init(dropsFirstFrame: Bool = true, comparison: RDMComparison = .spearman(ties: .ordinal),
                zeroVariance: ZeroVariancePolicy = .error, lags: ClosedRange<Int> = 0...0,
                blockColumns: Int = 2048, distance: RDMDistance = .correlation) {
        precondition(blockColumns >= 1, "TSRSAOptions: blockColumns must be ≥ 1")
        self.dropsFirstFrame = dropsFirstFrame
        self.distance = distance
        self.comparison = comparison
        self.zeroVariance = zeroVariance
        self.lags = lags
        self.blockColumns = blockColumns
    }

    /// The reference study's procedure (the defaults).
    public static var study: TSRSAOptions { TSRSAOptions() }
}
