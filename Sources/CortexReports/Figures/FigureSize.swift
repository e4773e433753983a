import Foundation

/// The size the standalone figure files of a report are written at, for a journal page: one
/// column (`single`, 89 mm wide), two columns (`double`, 183 mm), or any `W×H` in millimetres.
/// Each figure is laid out again at that size — 1 mm = 96/25.4 px, text 8 pt (the figure's
/// proportions kept unless a height is given) — and its SVG says its size in millimetres, text as
/// text, so it drops into a manuscript at 100 %. The HTML report keeps the screen size.
public enum FigureSize: Sendable, Hashable, CustomStringConvertible {
    case single
    case double
    case millimetres(width: Double, height: Double?)

    /// Parses `single`, `double`, `W` or `WxH` (millimetres, 30–500).
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "single": self = .single
        case "double": self = .double
        default:
            let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let width = Double(parts[0]), (30...500).contains(width) else { return nil }
            var height: Double?
            if parts.count == 2 {
                guard let h = Double(parts[1]), (30...500).contains(h) else { return nil }
                height = h
            }
            self = .millimetres(width: width, height: height)
        }
    }

    /// Width in millimetres.
    public var width: Double {
        switch self {
        case .single: return 89
        case .double: return 183
        case .millimetres(let width, _): return width
        }
    }

    public var description: String {
        switch self {
        case .single: return "single (89 mm)"
        case .double: return "double (183 mm)"
        case .millimetres(let w, let h): return h.map { "\(w) × \($0) mm" } ?? "\(w) mm wide"
        }
    }

    /// Pixels (SVG user units) per millimetre.
    public static let pixelsPerMillimetre = 96 / 25.4
    /// Text size of resized figures: 8 pt = 8 × 96 / 72 px.
    public static let fontSize = 8 * 96.0 / 72

    /// `options` resized: the width of this size, the height in proportion (or as given), 8 pt text.
    public func options(from options: FigureOptions) -> FigureOptions {
        let w = max(120, width * Self.pixelsPerMillimetre)
        let h: Double
        if case .millimetres(_, let height?) = self { h = height * Self.pixelsPerMillimetre } else { h = w * options.height / options.width }
        return FigureOptions(width: w, height: max(120, h), fontSize: Self.fontSize, padding: 6)
    }

    /// `svg` with its root `width`/`height` in millimetres (the viewBox keeps the layout units).
    public func inMillimetres(_ svg: String, options: FigureOptions) -> String {
        let px = "width=\"\(SVGCanvas.number(options.width))\" height=\"\(SVGCanvas.number(options.height))\""
        let mm = "width=\"\(SVGCanvas.number(options.width / Self.pixelsPerMillimetre))mm\" "
            + "height=\"\(SVGCanvas.number(options.height / Self.pixelsPerMillimetre))mm\""
        guard let range = svg.range(of: px) else { return svg }
        return svg.replacingCharacters(in: range, with: mm)
    }
}

/// A figure whose size and typography can be set (every figure type of CortexReports), so a
/// report can write it again at a journal size (``FigureSize``).
public protocol SizedFigure: SVGFigure {
    var options: FigureOptions { get set }
}

extension Heatmap: SizedFigure {}
extension MatrixImage: SizedFigure {}
extension LineChart: SizedFigure {}
extension BarChart: SizedFigure {}
extension ScatterPlot: SizedFigure {}
