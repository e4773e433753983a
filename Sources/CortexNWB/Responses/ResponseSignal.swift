/// What a response matrix measures: spike counts (extracellular electrophysiology) or a 2-photon
/// calcium signal. A response file records it in its root attribute `signal`; files written before
/// it was recorded hold spike counts.
///
/// ```swift
/// ResponseSignal(recorded: "dff")        // .dff
/// ResponseSignal.dff.unit                // "ΔF/F"
/// ```
public enum ResponseSignal: String, Sendable, Hashable, CaseIterable, Codable {
    /// Spikes per bin (Neuropixels sessions).
    case spikeCounts = "spike_counts"
    /// ΔF/F, fluorescence relative to its baseline (2-photon `DfOverF`).
    case dff
    /// Detected calcium events (e.g. Allen's `event_detection`; L0-regularised deconvolution).
    case events
    /// Raw (neuropil-corrected when the writer did so) fluorescence (2-photon `Fluorescence`).
    case fluorescence

    /// The signal a recorded text names, or nil for text this CortexKit does not know.
    public init?(recorded: String) { self.init(rawValue: recorded) }

    /// The text written into response files (`spike_counts`, `dff`, `events`, `fluorescence`).
    public var recorded: String { rawValue }

    /// The quantity's unit, for reports and tables.
    public var unit: String {
        switch self {
        case .spikeCounts: "spikes per bin"
        case .dff: "ΔF/F"
        case .events: "event amplitude (a.u.)"
        case .fluorescence: "fluorescence (a.u.)"
        }
    }

    /// A short name for people: "spike counts", "ΔF/F", "calcium events", "fluorescence".
    public var displayName: String {
        switch self {
        case .spikeCounts: "spike counts"
        case .dff: "ΔF/F"
        case .events: "calcium events"
        case .fluorescence: "fluorescence"
        }
    }

    /// Whether the signal comes from 2-photon imaging.
    public var isTwoPhoton: Bool { self != .spikeCounts }
}
