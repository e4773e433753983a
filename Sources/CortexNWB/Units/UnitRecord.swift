/// One sorted unit's metadata: identity, brain area, quality label and scalar metrics.
///
/// Built by ``UnitTable``; filters (``UnitFilter``) decide on these values.
public struct UnitRecord: Sendable, Hashable {
    /// Row of the unit in `/units`.
    public let row: Int
    /// The unit's `id`.
    public let id: Int64
    /// Structure acronym (`nil` outside the brain or unknown).
    public let area: String?
    /// The `quality` label ("good", "noise"…), `nil` when the table has no such column.
    public let quality: String?
    /// Whether the unit's channel is marked `valid_data` (true when unknown).
    public let hasValidChannel: Bool
    /// Number of spikes stored for the unit (the whole recording).
    public let spikeCount: Int
    /// Every one-dimensional numeric column of `/units` by name (NaN kept), e.g.
    /// `amplitude_cutoff`, `presence_ratio`, `isi_violations`, `snr`, `firing_rate`, `peak_channel_id`.
    public let metrics: [String: Double]

    /// A unit record.
    public init(row: Int, id: Int64, area: String?, quality: String?, hasValidChannel: Bool, spikeCount: Int,
                metrics: [String: Double]) {
        self.row = row
        self.id = id
        self.area = area
        self.quality = quality
        self.hasValidChannel = hasValidChannel
        self.spikeCount = spikeCount
        self.metrics = metrics
    }

    /// The metric `name`, or `nil` when `/units` has no such column (NaN is returned as NaN).
    public func metric(_ name: String) -> Double? { metrics[name] }
}
