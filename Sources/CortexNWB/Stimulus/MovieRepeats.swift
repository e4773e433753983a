/// The repeats of a movie stimulus, delimited from the presentation table — never hard-coded.
///
/// A new repeat starts at the first row, at every row whose `frame` is 0, and wherever
/// `stimulus_block` changes. Each repeat must then show frames `0, 1, …, F−1` in order, with the same
/// `F` for every repeat; presentations must be sorted and non-overlapping
/// (``StimulusPresentations/validateTiming(tolerance:)``).
///
/// ```swift
/// let repeats = try MovieRepeats(session.presentations(of: "natural_movie_one"))
/// repeats.repeatCount    // 20 for an Allen brain_observatory_1.1 session
/// repeats.frameCount     // 900
/// ```
///
/// Complexity: O(presentations).
public struct MovieRepeats: Sendable {
    /// The presentations the repeats were found in.
    public let presentations: StimulusPresentations
    /// Frames per repeat (`F`).
    public let frameCount: Int
    /// Each repeat's rows in `presentations` (consecutive, `frameCount` long).
    public let rowRanges: [Range<Int>]

    /// Delimits and validates the repeats.
    /// - Throws: `.malformedRepeats` when there is no `frame` column or no row,
    ///   for a repeat not showing frames 0…F−1 in order, or for repeats of unequal length;
    ///   the timing errors of `validateTiming()`.
    public init(_ presentations: StimulusPresentations) throws(NWBError) {
        let (file, path) = (presentations.file, presentations.tablePath)
        guard let frames = presentations.frames else {
            throw .malformedRepeats(file: file, path: path, reason: "stimulus '\(presentations.name)' has no "
                                    + "'frame' column (not a movie)")
        }
        guard presentations.count > 0 else {
            throw .malformedRepeats(file: file, path: path, reason: "stimulus '\(presentations.name)' has no rows")
        }
        try presentations.validateTiming()
        let ranges = try Self.delimit(frames: frames, blocks: presentations.blocks, tableRows: presentations.tableRows,
                                      file: file, path: path)
        self.presentations = presentations
        frameCount = ranges[0].count
        rowRanges = ranges
    }

    /// Splits rows into repeats: a new repeat at row 0, wherever `frame == 0` and wherever the block
    /// changes (NaN blocks equal each other); each must show frames 0…F−1 in order, all with one `F`.
    /// `tableRows` maps rows to the table rows named in errors.
    /// - Throws: `.malformedRepeats`.
    /// - Complexity: O(rows).
    public static func delimit(frames: [Double], blocks: [Double]?, tableRows: [Int], file: String,
                               path: String) throws(NWBError) -> [Range<Int>] {
        guard !frames.isEmpty else { throw .malformedRepeats(file: file, path: path, reason: "no presentations") }
        func sameBlock(_ a: Int, _ b: Int) -> Bool {
            guard let blocks else { return true }
            return blocks[a] == blocks[b] || (blocks[a].isNaN && blocks[b].isNaN)
        }
        var starts = [0]
        for k in 1..<max(1, frames.count) where frames[k] == 0 || !sameBlock(k, k - 1) { starts.append(k) }
        let ranges = zip(starts, starts.dropFirst() + [frames.count]).map { $0..<$1 }
        for (r, range) in ranges.enumerated() {
            for (position, k) in range.enumerated() where frames[k] != Double(position) {
                throw .malformedRepeats(file: file, path: path,
                                        reason: "repeat \(r) (from table row \(tableRows[range.lowerBound])) "
                                            + "shows frame \(frames[k]) at table row \(tableRows[k]) where frame "
                                            + "\(position) was expected (each repeat must show frames 0…F−1 in order)")
            }
        }
        let lengths = ranges.map(\.count)
        if let bad = lengths.firstIndex(where: { $0 != lengths[0] }) {
            throw .malformedRepeats(file: file, path: path,
                                    reason: "repeat 0 has \(lengths[0]) frames but repeat \(bad) (from table row "
                                        + "\(tableRows[ranges[bad].lowerBound])) has \(lengths[bad])")
        }
        return ranges
    }

    /// Number of repeats.
    public var repeatCount: Int { rowRanges.count }

    /// Total presented time Σ (stop − start) over every presentation of the movie (seconds): the
    /// denominator of a unit's mean rate.
    public var presentedTime: Double {
        zip(presentations.startTimes, presentations.stopTimes).reduce(0) { $0 + ($1.1 - $1.0) }
    }

    /// The stimulus block of each repeat (`nil` without a `stimulus_block` column).
    public var repeatBlocks: [Double]? {
        presentations.blocks.map { blocks in rowRanges.map { blocks[$0.lowerBound] } }
    }
}
