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
    /// Bounds in rsatoolbox's sense over split halves of the repeats (``TrialCeilingBounds``):
    /// upper = each half's mean against the grand mean of all repeats (itself included), lower =
    /// each half against the other; the upper bound is the ceiling scores are normalised by.
    /// Needs trials. The default of `cortex compare` and batch reports (with split-half neurons as
    /// the named fallback when the responses hold no trials).
    case trialBounds = "trial-bounds"

    /// How the method is written in tables and reports.
    public var label: String {
        switch self {
        case .splitHalfNeurons: return "split-half neurons"
        case .splitHalfTrials: return "split-half trials, Spearman–Brown corrected"
        case .trialBounds: return "trial bounds: upper = half vs grand mean, lower = half vs half"
        }
    }
}

extension CeilingMethod {
    /// Whether the method needs the responses' trials (repeats × units × frames).
    public var needsTrials: Bool { self != .splitHalfNeurons }
}

/// How the standard error of a ceiling's mean over splits is computed: SEM = sd/√n with the
/// standard deviation's delta degrees of freedom 1 (sample SD, the default) or 0 (NumPy's default,
/// what the reference study's `np.std(…)/np.sqrt(n)` computes).
public enum CeilingStandardError: String, Sendable, Hashable, Codable, CaseIterable {
    case ddof1
    case ddof0

    /// The delta degrees of freedom.
    public var ddof: Int { self == .ddof0 ? 0 : 1 }
}
