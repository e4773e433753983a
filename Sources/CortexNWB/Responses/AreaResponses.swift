import CortexNumerics

/// The responses of one brain area: a units × bins matrix with the identity of every unit.
///
/// From one session (``StimulusResponses/byArea()``) or pooled over sessions into a pseudo-population
/// (``PseudoPopulation``). Rows follow `unitIDs`; `sessions[i]` is the file unit `i` came from.
public struct AreaResponses: Sendable {
    /// The structure acronym, e.g. "VISp".
    public let area: String
    /// Unit ids, one per row.
    public let unitIDs: [Int64]
    /// The session file of each unit.
    public let sessions: [String]
    /// Responses, units × (frames · binsPerFrame): trial-averaged counts per bin (smoothed if requested).
    public let matrix: NDArray<Double>
    /// Frames per repeat.
    public let frameCount: Int
    /// Sub-bins per frame.
    public let binsPerFrame: Int

    /// An area's responses.
    public init(area: String, unitIDs: [Int64], sessions: [String], matrix: NDArray<Double>, frameCount: Int,
                binsPerFrame: Int) {
        precondition(matrix.rank == 2 && matrix.shape[0] == unitIDs.count && sessions.count == unitIDs.count
                     && matrix.shape[1] == frameCount * binsPerFrame, "AreaResponses: inconsistent shapes")
        self.area = area
        self.unitIDs = unitIDs
        self.sessions = sessions
        self.matrix = matrix
        self.frameCount = frameCount
        self.binsPerFrame = binsPerFrame
    }

    /// Number of units.
    public var unitCount: Int { unitIDs.count }
}
