import CortexNumerics

/// Units of several sessions pooled into one pseudo-population per area, as the reference study pools
/// all mice: per area, the rows (units) of every session are concatenated in session order.
///
/// ```swift
/// let pooled = try PseudoPopulation(pooling: [responsesA, responsesB])
/// pooled["VISp"]?.matrix            // (units of A + units of B) × bins
/// ```
///
/// Sessions must agree on the stimulus, frames per repeat and sub-bins per frame.
/// Complexity: O(total units × bins).
public struct PseudoPopulation: Sendable {
    /// The pooled areas, sorted by name.
    public let areas: [AreaResponses]

    /// Pools the per-area responses of `sessions`.
    /// - Throws: `.frameLayoutMismatch` naming the first session that disagrees with the first one.
    public init(pooling sessions: [StimulusResponses]) throws(NWBError) {
        guard let reference = sessions.first else { areas = []; return }
        let layout = { (s: StimulusResponses) in
            "\(s.stimulus) with \(s.frameCount) frames × \(s.binsPerFrame) bins per frame"
        }
        for session in sessions.dropFirst() where session.stimulus != reference.stimulus
            || session.frameCount != reference.frameCount || session.binsPerFrame != reference.binsPerFrame {
            throw .frameLayoutMismatch(expected: layout(reference) + " (as \(reference.file))",
                                       found: layout(session), file: session.file)
        }
        var pooled: [String: (ids: [Int64], sessions: [String], values: [Double])] = [:]
        for session in sessions {
            for area in session.byArea() {
                pooled[area.area, default: ([], [], [])].ids += area.unitIDs
                pooled[area.area, default: ([], [], [])].sessions += area.sessions
                pooled[area.area, default: ([], [], [])].values += area.matrix.scalars
            }
        }
        let width = reference.frameCount * reference.binsPerFrame
        areas = pooled.keys.sorted().map { name in
            let entry = pooled[name]!
            return AreaResponses(area: name, unitIDs: entry.ids, sessions: entry.sessions,
                                 matrix: NDArray(shape: [entry.ids.count, width], scalars: entry.values),
                                 frameCount: reference.frameCount, binsPerFrame: reference.binsPerFrame)
        }
    }

    /// The pooled responses of `area`, or `nil` when no session has units there.
    public subscript(area: String) -> AreaResponses? { areas.first { $0.area == area } }
}
