/// Which units to keep, as a value: compose with ``all(_:)``.
///
/// ```swift
/// let filter: UnitFilter = .all([.allenDefault, .minimumRate(spikesPerSecond: 0.5)])
/// let keep = filter.accepts(unit, meanRate: rate)
/// ```
///
/// ``allenDefault`` is AllenSDK's default unit filter:
///
///     quality == "good"  ∧  valid_data  ∧  structure present
///     ∧  amplitude_cutoff ≤ 0.1  ∧  presence_ratio ≥ 0.95  ∧  isi_violations ≤ 0.5
///
/// A missing or NaN metric fails its comparison (as pandas' query does for NaN), and a table without a
/// `quality` column fails the quality test.
public indirect enum UnitFilter: Sendable {
    /// Keep every unit.
    case none
    /// AllenSDK's default quality filter (see above).
    case allenDefault
    /// Keep units whose mean rate over the analysed stimulus is ≥ the threshold (spikes / presented
    /// second). The rate is only known once spikes are counted (see ``StimulusResponses``).
    case minimumRate(spikesPerSecond: Double)
    /// Keep units for which the closure returns `true`.
    case custom(@Sendable (UnitRecord) -> Bool)
    /// Keep units every filter keeps (an empty list keeps everything).
    case all([UnitFilter])

    /// AllenSDK's thresholds.
    public static let allenAmplitudeCutoffMaximum = 0.1
    /// AllenSDK's thresholds.
    public static let allenPresenceRatioMinimum = 0.95
    /// AllenSDK's thresholds.
    public static let allenISIViolationsMaximum = 0.5

    /// Whether `unit` passes. `meanRate` is the unit's rate over the stimulus; when `nil`
    /// (not yet counted) rate conditions pass, so the filter can prune before counting.
    public func accepts(_ unit: UnitRecord, meanRate: Double?) -> Bool {
        switch self {
        case .none:
            return true
        case .allenDefault:
            guard unit.quality == "good", unit.hasValidChannel, unit.area != nil,
                  let cutoff = unit.metric("amplitude_cutoff"), let presence = unit.metric("presence_ratio"),
                  let isi = unit.metric("isi_violations") else { return false }
            return cutoff <= Self.allenAmplitudeCutoffMaximum && presence >= Self.allenPresenceRatioMinimum
                && isi <= Self.allenISIViolationsMaximum
        case .minimumRate(let threshold):
            guard let meanRate else { return true }
            return meanRate >= threshold
        case .custom(let predicate):
            return predicate(unit)
        case .all(let filters):
            return filters.allSatisfy { $0.accepts(unit, meanRate: meanRate) }
        }
    }

    /// Whether any part of the filter depends on the mean rate.
    public var needsRate: Bool {
        switch self {
        case .minimumRate: return true
        case .all(let filters): return filters.contains { $0.needsRate }
        case .none, .allenDefault, .custom: return false
        }
    }
}
