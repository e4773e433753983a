/// The presentations (rows) of one stimulus, from either interval layout (``IntervalLayout``).
///
/// Columns read: `start_time`, `stop_time` (seconds) and, when present, `frame` and `stimulus_block`
/// (both **float64** in Allen files). In the single-epochs layout only the rows whose `stimulus_name`
/// equals ``name`` are kept; ``tableRows`` gives their rows in the table, used in error messages.
///
/// ```swift
/// let movie = try session.presentations(of: "natural_movie_one")
/// try movie.validateTiming()          // sorted, no overlaps
/// let repeats = try MovieRepeats(movie)
/// ```
public struct StimulusPresentations: Sendable {
    /// Largest overlap (seconds) between consecutive presentations that is tolerated as rounding:
    /// 1 µs, about 1/33,000 of a 30 Hz frame.
    public static let overlapTolerance = 1e-6

    /// The stimulus name.
    public let name: String
    /// The file's path on disk.
    public let file: String
    /// The table the rows come from.
    public let tablePath: String
    /// The row of each presentation in that table.
    public let tableRows: [Int]
    /// Presentation start times (s).
    public let startTimes: [Double]
    /// Presentation stop times (s).
    public let stopTimes: [Double]
    /// The `frame` column, `nil` when the table has none.
    public let frames: [Double]?
    /// The `stimulus_block` column, `nil` when the table has none.
    public let blocks: [Double]?

    /// Presentations from columns (all of equal length).
    public init(name: String, file: String, tablePath: String, tableRows: [Int], startTimes: [Double],
                stopTimes: [Double], frames: [Double]?, blocks: [Double]?) {
        precondition(startTimes.count == stopTimes.count && tableRows.count == startTimes.count
                     && (frames?.count ?? startTimes.count) == startTimes.count
                     && (blocks?.count ?? startTimes.count) == startTimes.count,
                     "StimulusPresentations: columns of unequal length")
        self.name = name
        self.file = file
        self.tablePath = tablePath
        self.tableRows = tableRows
        self.startTimes = startTimes
        self.stopTimes = stopTimes
        self.frames = frames
        self.blocks = blocks
    }

    /// Number of presentations.
    public var count: Int { startTimes.count }

    /// Checks the timing: finite times, `start ≤ stop` per row, start times non-decreasing, and no
    /// presentation starting more than ``overlapTolerance`` before the previous one stops.
    ///
    /// Overlaps within the tolerance are accepted; counting then treats the later presentation as
    /// starting where the earlier one stops (see ``SpikeCounting``), so no spike is counted twice.
    /// - Throws: `.presentationsOutOfOrder`, `.overlappingPresentations` naming the table row.
    /// - Complexity: O(count).
    public func validateTiming(tolerance: Double = StimulusPresentations.overlapTolerance) throws(NWBError) {
        for k in 0..<count {
            let (start, stop) = (startTimes[k], stopTimes[k])
            guard start.isFinite, stop.isFinite else {
                throw .presentationsOutOfOrder(file: file, path: tablePath, row: tableRows[k],
                                               reason: "start \(start) s or stop \(stop) s is not finite")
            }
            guard start <= stop else {
                throw .presentationsOutOfOrder(file: file, path: tablePath, row: tableRows[k],
                                               reason: "stops at \(stop) s before it starts at \(start) s")
            }
            guard k > 0 else { continue }
            guard start >= startTimes[k - 1] else {
                throw .presentationsOutOfOrder(file: file, path: tablePath, row: tableRows[k],
                                               reason: "starts at \(start) s, before the previous presentation "
                                                + "(row \(tableRows[k - 1])) starts at \(startTimes[k - 1]) s; "
                                                + "presentations must be sorted by start time")
            }
            guard start >= stopTimes[k - 1] - tolerance else {
                throw .overlappingPresentations(file: file, path: tablePath, row: tableRows[k], start: start,
                                                previousStop: stopTimes[k - 1])
            }
        }
    }
}
