/// How a noise ceiling splits an area's data in two (see ``NoiseCeiling``).
public enum CeilingMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// The reference study's ceiling: the area's units split at random into two halves, the
    /// metric between the halves; mean ± SEM over splits, no correction.
    /// (``NoiseCeiling/splitHalfNeurons(_:metric:splits:seed:workers:)``)
    case splitHalfNeurons = "neurons"
    /// The repeats split at random into two halves, each averaged, the metric between the
    /// averages, Spearman–Brown corrected to the full number of repeats.
    /// (``NoiseCeiling/splitHalfTrials(_:metric:splits:seed:spearmanBrown:workers:)``; needs trials)
    case splitHalfTrials = "trials"

    /// How the method is written in tables and reports.
    public var label: String {
        switch self {
        case .splitHalfNeurons: return "split-half neurons"
        case .splitHalfTrials: return "split-half trials, Spearman–Brown corrected"
        }
    }
}
