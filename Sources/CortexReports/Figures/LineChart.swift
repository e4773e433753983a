/// Several series of y against x, with markers and optional shaded bands: score against layer
/// depth (feedforward solid, recurrent dashed on one plot) or score against lag in frames.
///
/// A NaN y breaks the line (no interpolation across missing layers). Classes: one `series`
/// group per series containing a `line` path per unbroken run, a `marker` circle per drawable
/// point and a `band` path per run with a band; one `legend-entry` per series.
///
/// ```swift
/// let chart = LineChart(title: "Score vs depth", series: [
///     .init(name: "feedforward", x: [0, 0.5, 1], y: [0.2, 0.4, 0.3]),
///     .init(name: "recurrent", x: [0, 0.5, 1], y: [0.25, 0.45, 0.4], style: .dashed),
/// ], xLabel: "relative depth", yLabel: "similarity")
/// ```
public struct LineChart: SVGFigure, Hashable {
    /// One line: points `(x[i], y[i])`, an optional band per point, a stroke style and colour.
    public struct Series: Sendable, Hashable {
        public var name: String
        public var x: [Double]
        public var y: [Double]
        /// Interval drawn as a shaded band around the line (same count as `x`), or `nil`.
        public var band: [ConfidenceInterval]?
        public var style: LineStyle
        /// Colour; `nil` takes the palette colour of the series' index.
        public var color: RGBColor?

        /// - Precondition: `x`, `y` (and `band`, if given) have equal counts.
        public init(name: String, x: [Double], y: [Double], band: [ConfidenceInterval]? = nil,
                    style: LineStyle = .solid, color: RGBColor? = nil) {
            precondition(x.count == y.count, "LineChart.Series: \(x.count) x values, \(y.count) y values")
            precondition(band == nil || band!.count == x.count, "LineChart.Series: band count differs from x")
            self.name = name
            self.x = x
            self.y = y
            self.band = band
            self.style = style
            self.color = color
        }
    }

    /// A labelled horizontal line across the plot (e.g. a noise ceiling).
    public struct ReferenceLine: Sendable, Hashable {
        public var label: String
        public var value: Double

        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    public var title: String
    public var series: [Series]
    public var xLabel: String?
    public var yLabel: String?
    public var xScale: AxisScale
    public var showsMarkers: Bool
    /// Horizontal reference lines (e.g. a noise ceiling), drawn dashed grey with their labels.
    public var referenceLines: [ReferenceLine]
    public var options: FigureOptions

    public init(title: String, series: [Series], xLabel: String? = nil, yLabel: String? = nil,
                xScale: AxisScale = .linear, showsMarkers: Bool = true,
                referenceLines: [ReferenceLine] = [], options: FigureOptions = FigureOptions()) {
        self.title = title
        self.series = series
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.showsMarkers = showsMarkers
        self.referenceLines = referenceLines
        self.options = options
    }

    public func svg(idPrefix: String) -> String {
        let o = options
        var canvas = SVGCanvas(width: o.width, height: o.height, fontSize: o.fontSize)
        var ys = series.flatMap(\.y) + referenceLines.map(\.value)
        for s in series { for i in s.band ?? [] where i.isFinite { ys += [i.lower, i.upper] } }
        let xTicks = AxisTicks(covering: series.flatMap(\.x), scale: xScale)
        let yTicks = AxisTicks(covering: ys, scale: .linear)
        let legend = Legend(entries: series.enumerated().map { index, s in
            Legend.Entry(label: s.name, color: s.color ?? SeriesPalette.color(index), swatch: .line(s.style, marker: showsMarkers))
        }, fontSize: o.tickFontSize)
        let top = o.padding + o.titleFontSize * 1.8
        let left = o.padding + CartesianAxes.leftMargin(for: yTicks, hasLabel: yLabel != nil, fontSize: o.fontSize)
        let right = o.padding + (series.isEmpty ? 8 : legend.width + 12)
        let bottom = o.padding + o.tickFontSize * 1.5 + 8 + (xLabel == nil ? 0 : o.fontSize * 1.8)
        let area = PlotArea(x: left, y: top, width: max(10, o.width - left - right), height: max(10, o.height - top - bottom))
        let axes = CartesianAxes(area: area, x: xTicks, y: yTicks)

        canvas.figureTitle(title, options: o)
        axes.draw(into: &canvas, xLabel: xLabel, yLabel: yLabel, fontSize: o.fontSize)
        for reference in referenceLines {
            guard let y = axes.py(reference.value) else { continue }
            canvas.line(x1: area.x, y1: y, x2: area.right, y2: y, stroke: "#777777", strokeWidth: 1, dash: "4 3",
                        cssClass: "reference")
            canvas.text(reference.label, x: area.right - 4, y: y + o.tickFontSize * 1.1, anchor: .end, size: o.tickFontSize,
                        fill: "#555555", cssClass: "reference-label")
        }
        for (index, s) in series.enumerated() {
            let color = (s.color ?? SeriesPalette.color(index)).hex
            canvas.beginGroup(cssClass: "series")
            for run in Self.runs(of: s, axes: axes) {
                if let band = s.band {
                    let upper = run.compactMap { i in axes.px(s.x[i]).flatMap { x in axes.py(band[i].upper).map { (x, $0) } } }
                    let lower = run.compactMap { i in axes.px(s.x[i]).flatMap { x in axes.py(band[i].lower).map { (x, $0) } } }
                    if upper.count == run.count && lower.count == run.count {
                        canvas.polyline(upper + lower.reversed(), stroke: nil, fill: color, fillOpacity: 0.18,
                                        closed: true, cssClass: "band")
                    }
                }
                let points = run.map { (axes.px(s.x[$0])!, axes.py(s.y[$0])!) }
                if points.count > 1 {
                    canvas.polyline(points, stroke: color, strokeWidth: 2, dash: s.style.dashArray, cssClass: "line")
                }
                if showsMarkers {
                    for p in points { canvas.circle(cx: p.0, cy: p.1, r: 3.5, fill: color, stroke: "#ffffff", cssClass: "marker") }
                }
            }
            canvas.endGroup()
        }
        legend.draw(into: &canvas, x: area.right + 12, y: area.y)
        return canvas.svg(title: title)
    }

    /// Index runs of consecutive drawable points, in the order given.
    static func runs(of s: Series, axes: CartesianAxes) -> [[Int]] {
        var runs: [[Int]] = [], current: [Int] = []
        for i in s.x.indices {
            if axes.px(s.x[i]) != nil && axes.py(s.y[i]) != nil {
                current.append(i)
            } else if !current.isEmpty {
                runs.append(current); current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
