/// How a units table names the brain area of each unit (see ``UnitTable``), in order of preference.
public enum UnitAreaSource: Sendable, Hashable, CaseIterable {
    /// A `location` column on `/units` itself (pynapple's files).
    case unitsLocation
    /// Allen's `peak_channel_id` → electrodes `id` → electrodes area.
    case peakChannel
    /// NWB's `units/electrodes` region (row indices into the electrodes table, optionally ragged with
    /// `electrodes_index`); the unit's first electrode gives the area.
    case electrodesRegion
    /// No area information: every unit's area is `nil`.
    case none
}
