/// A colour map: a continuous path through colour space, sampled as a table and interpolated.
///
/// - `viridis`: perceptually uniform and monotone in lightness (van der Walt & Smith, matplotlib,
///   2015), for sequential data such as similarity scores in [0, 1]. Nine stops sampled from
///   matplotlib's table at t = 0, 1/8, …, 1.
/// - `blueWhiteRed`: diverging, for signed scores centred on zero (ColorBrewer RdBu, reversed so
///   that negative is blue; Harrower & Brewer 2003). The middle stop is a light neutral grey.
/// - `greys`: white to black, for print.
public enum ColorMap: Sendable, Hashable, CaseIterable {
    case viridis
    case blueWhiteRed
    case greys

    /// The sampled stops, evenly spaced over [0, 1].
    public var stops: [RGBColor] {
        switch self {
        case .viridis:
            return [0x440154, 0x482475, 0x3B528B, 0x2C728E, 0x21918C, 0x27AD81, 0x5EC962, 0xADDC30, 0xFDE725]
                .map(RGBColor.init(hex:))
        case .blueWhiteRed:
            return [0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7,
                    0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F].map(RGBColor.init(hex:))
        case .greys:
            return [0xFFFFFF, 0x000000].map(RGBColor.init(hex:))
        }
    }

    /// Whether the map is meant for data with a meaningful centre (zero).
    public var isDiverging: Bool { self == .blueWhiteRed }

    /// The colour at position `t` in [0, 1] (clamped), by linear interpolation between stops.
    public func color(at t: Double) -> RGBColor {
        let stops = self.stops
        let t = t.isNaN ? 0 : min(1, max(0, t))
        let position = t * Double(stops.count - 1)
        let lower = min(Int(position), stops.count - 2)
        return RGBColor.interpolate(stops[lower], stops[lower + 1], position - Double(lower))
    }
}
