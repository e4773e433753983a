/// How a session stores its stimulus presentations.
public enum IntervalLayout: Sendable, Hashable, CaseIterable {
    /// NWB 2.2+ Allen files: one TimeIntervals table per stimulus, `/intervals/<name>_presentations`.
    case perStimulusTables
    /// AllenSDK 1.x "NWB 2.0b" files: every stimulus in one `/intervals/epochs` table, told apart by
    /// its `stimulus_name` column.
    case singleEpochsTable
}
