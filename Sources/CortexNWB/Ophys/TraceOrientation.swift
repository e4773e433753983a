/// How a fluorescence dataset was stored, found by comparing its shape with the timestamps.
public enum TraceOrientation: Sendable, Hashable, CaseIterable {
    /// NWB's convention: samples × ROIs (`data.shape[0] == timestamps.count`).
    case timeByROI
    /// ROIs × samples: Allen's NWB 1.x dF/F and some other writers (`data.shape[1] == timestamps.count`).
    case roiByTime
}
