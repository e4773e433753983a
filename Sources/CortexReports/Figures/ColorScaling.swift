/// How a figure chooses the colour scale for its values.
public enum ColorScaling: Sendable, Hashable {
    /// Viridis over the data range when no value is negative; otherwise blue–white–red,
    /// symmetric about zero.
    case automatic
    /// The given map, fitted to the data (`ColorScale.fitting`).
    case fitted(ColorMap)
    /// A fixed scale (e.g. 0…1 for every model so heatmaps are comparable).
    case fixed(ColorScale)

    /// The scale for `values`.
    func scale(for values: [Double]) -> ColorScale {
        switch self {
        case .automatic:
            let map: ColorMap = values.contains { $0 < 0 } ? .blueWhiteRed : .viridis
            return ColorScale.fitting(values, map: map)
        case .fitted(let map):
            return ColorScale.fitting(values, map: map)
        case .fixed(let scale):
            return scale
        }
    }
}
