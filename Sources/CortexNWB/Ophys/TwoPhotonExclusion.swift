/// ROIs a 2-photon response computation left out, and why — reported, never dropped silently.
public enum TwoPhotonExclusion: Sendable, Hashable, CustomStringConvertible {
    /// The plane records no area (`location` missing, empty or "None").
    case planeWithoutArea(plane: String, rois: Int)
    /// The series' imaging plane could not be found (several planes, no link).
    case seriesWithoutPlane(series: String, rois: Int)
    /// ROIs whose response is NaN or infinite in at least one presentation window.
    case nonFiniteROIs(plane: String, ids: [Int64])
    /// The plane's depth is outside the requested range, or unknown.
    case outsideDepthRange(plane: String, depth: Double?, rois: Int)
    /// The session's Cre line is not the requested one.
    case otherCreLine(found: String?, rois: Int)

    /// How many ROIs were left out.
    public var roiCount: Int {
        switch self {
        case .planeWithoutArea(_, let n), .seriesWithoutPlane(_, let n), .outsideDepthRange(_, _, let n),
             .otherCreLine(_, let n): n
        case .nonFiniteROIs(_, let ids): ids.count
        }
    }

    /// One line for people.
    public var description: String {
        switch self {
        case .planeWithoutArea(let plane, let n):
            return "\(n) ROI(s) of plane \(plane) left out: the plane records no area (location)"
        case .seriesWithoutPlane(let series, let n):
            return "\(n) ROI(s) of \(series) left out: no imaging plane is linked to the series"
        case .nonFiniteROIs(let plane, let ids):
            let shown = ids.prefix(8).map(String.init).joined(separator: ", ") + (ids.count > 8 ? ", …" : "")
            return "\(ids.count) ROI(s) of plane \(plane) left out: NaN or infinite trace in a presentation window (ids \(shown))"
        case .outsideDepthRange(let plane, let depth, let n):
            return "\(n) ROI(s) of plane \(plane) left out: depth " + (depth.map { "\($0) µm is outside the range" } ?? "unknown")
        case .otherCreLine(let found, let n):
            return "\(n) ROI(s) left out: Cre line \(found ?? "not recorded") is not the requested one"
        }
    }
}
