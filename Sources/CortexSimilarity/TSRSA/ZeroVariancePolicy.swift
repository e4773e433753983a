/// What TSRSA does with a frame whose population vector has zero variance (a silent frame, or
/// every unit equal), on which the correlation distance is undefined.
///
/// The reference study has no guard: NumPy returns NaN and the score silently becomes NaN. Here
/// the choice is explicit and the result never carries an unexplained NaN.
///
/// The raw value is the spelling of the command line, batch specs and JSON (`error`, `drop-frame`,
/// `propagate`).
public enum ZeroVariancePolicy: String, Sendable, Hashable, CaseIterable, Codable {
    /// Throw ``SimilarityError/zeroVarianceRow(operand:row:)`` naming the first such frame.
    case error
    /// Drop the frame from both sides (for lags: drop each model–brain frame pair that involves
    /// it) and compare the remaining frames.
    case dropFrame = "drop-frame"
    /// Score NaN for every lag whose frames include such a frame; the frames are listed in
    /// ``TSRSAResult/zeroVarianceModelFrames`` / ``TSRSAResult/zeroVarianceBrainFrames``.
    case propagate
}
