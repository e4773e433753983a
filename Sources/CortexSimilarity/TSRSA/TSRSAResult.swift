/// The TSRSA score at one lag.
public struct TSRSALagScore: Sendable, Hashable {
    /// Brain frame t + lag was compared with model frame t.
    public var lag: Int
    /// The comparison of the two frame RDMs; NaN only under ``ZeroVariancePolicy/propagate``
    /// when a zero-variance frame was involved.
    public var score: Double
    /// Number of frame pairs (conditions of each RDM) compared.
    public var frameCount: Int
}

/// The outcome of ``TSRSA/score(model:brain:options:)``.
public struct TSRSAResult: Sendable, Hashable {
    /// One score per requested lag, in increasing lag order.
    public var lagScores: [TSRSALagScore]
    /// Zero-variance frames of the model (caller's numbering).
    public var zeroVarianceModelFrames: [Int]
    /// Zero-variance frames of the brain (caller's numbering).
    public var zeroVarianceBrainFrames: [Int]

    /// The lag with the highest score under ``BestScore`` (the first such lag; NaN scores are
    /// skipped; when no score is finite, the first lag, whose score is then NaN).
    public var best: TSRSALagScore {
        BestScore.index(of: lagScores.map(\.score)).map { lagScores[$0] } ?? lagScores[0]
    }

    /// The best lag's score (the only score when one lag was requested).
    public var score: Double { best.score }
}
