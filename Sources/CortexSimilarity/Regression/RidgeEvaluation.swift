/// How ridge predictivity is evaluated.
public enum RidgeEvaluation: Sendable, Hashable {
    /// k-fold cross-validation over contiguous blocks of frames (scikit-learn's `KFold(k)`
    /// without shuffling: the first n mod k folds have one extra frame). Each frame is predicted
    /// once by the model fitted on the other folds; the score is the mean over neurons of the
    /// Pearson r between predicted and observed responses over all frames.
    case crossValidated(folds: Int)
    /// Fit on all frames and report the mean over neurons of the in-sample R² — what the
    /// reference study reports (optimistic: no held-out data). Offered for comparison only.
    case inSampleR2
}
