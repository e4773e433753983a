/// Labelled points, e.g. energy (synaptic operations, log axis) against similarity per model.
///
/// Points that cannot be drawn (NaN, or ≤ 0 on a log axis) are left out. Classes: a `point`
/// circle and a `point-label` text per drawn point; one `legend-entry` per group name.
///
/// ```swift
/// let plot = ScatterPlot(title: "Energy vs similarity", points: [
///     .init(x: 2.1e8, y: 0.41, label: "SEW-ResNet18"), .init(x: 9.5e7, y: 0.37, label: "Spiking VGG"),
/// ], xLabel: "synaptic operations per frame", yLabel: "mean similarity", xScale: .logarithmic)
/// ```
public struct ScatterPlot: SVGFigure, Hashable {
    /// One point; `group` indexes `groupNames` and picks the colour.
    public struct Point: Sendable, Hashable {
        public var x: Double
        public var y: Double
        public var label: String?
        public var group: Int

        public init(x: Double, y: Double, label: String? = nil, group: Int = 0) {
            self.x = x
            self.y = y
            self.label = label
            self.group = group
        }
    }

    public var title: String
    public var points: [Point]
    /// Legend names of the groups (e.g. "feedforward", "recurrent"); may be empty.
    public var groupNames: [String]
    public var xLabel: String?
    public var yLabel: String?
    public var xScale: AxisScale
    public var yScale: AxisScale
    public var options: FigureOptions

    public init(title: String, points: [Point], groupNames: [String] = [], xLabel: String? = nil,
                yLabel: String? = nil, xScale: AxisScale = .linear, yScale: AxisScale = .linear,
                options: FigureOptions = FigureOptions()) {
        self.title = title
        self.points = points
        self.groupNames = groupNames
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.options = options
    }

    public func svg(idPrefix: String) -> String {
        let o = options
        var canvas = SVGCanvas(width: o.width, height: o.height, fontSize: o.fontSize)
        let drawable = points.filter { xScale.transformed($0.x) != nil && yScale.transformed($0.y) != nil }
        let xTicks = AxisTicks(covering: drawable.map(\.x), scale: xScale)
        // A linear axis gets 5 % of the data's span of room at each end, so no point sits on it.
        let ys = drawable.map(\.y)
        let ySpan = (ys.max() ?? 0) - (ys.min() ?? 0)
        let yRoom = yScale == .linear && ySpan > 0 ? [ys.min()! - 0.05 * ySpan, ys.max()! + 0.05 * ySpan] : []
        let yTicks = AxisTicks(covering: ys + yRoom, scale: yScale)
        let legend = Legend(entries: groupNames.enumerated().map {
            Legend.Entry(label: $1, color: SeriesPalette.color($0), swatch: .dot)
        }, fontSize: o.tickFontSize)
        let top = o.padding + o.titleFontSize * 1.8
        let left = o.padding + CartesianAxes.leftMargin(for: yTicks, hasLabel: yLabel != nil, fontSize: o.fontSize)
        let right = o.padding + (legend.entries.isEmpty ? 8 : legend.width + 12)
        let bottom = o.padding + o.tickFontSize * 1.5 + 8 + (xLabel == nil ? 0 : o.fontSize * 1.8)
        let area = PlotArea(x: left, y: top, width: max(10, o.width - left - right), height: max(10, o.height - top - bottom))
        let axes = CartesianAxes(area: area, x: xTicks, y: yTicks)

        canvas.figureTitle(title, options: o)
        axes.draw(into: &canvas, xLabel: xLabel, yLabel: yLabel, fontSize: o.fontSize)
        canvas.beginGroup(cssClass: "points")
        let placed = drawable.compactMap { point -> (x: Double, y: Double, label: String?, group: Int)? in
            guard let px = axes.px(point.x), let py = axes.py(point.y) else { return nil }
            return (px, py, point.label, point.group)
        }
        // Labels never overlap each other or another point (LabelPlacement).
        let spots = LabelPlacement(area: area, fontSize: o.tickFontSize).place(points: placed.map { ($0.x, $0.y, $0.label) })
        for point in placed {
            canvas.circle(cx: point.x, cy: point.y, r: 5, fill: SeriesPalette.color(point.group).hex, stroke: "#ffffff",
                          cssClass: "point")
        }
        for (point, spot) in zip(placed, spots) {
            guard let label = point.label, let spot else { continue }
            canvas.text(label, x: spot.x, y: spot.y, anchor: spot.anchor, size: o.tickFontSize, cssClass: "point-label")
        }
        canvas.endGroup()
        legend.draw(into: &canvas, x: area.right + 12, y: area.y)
        return canvas.svg(title: title)
    }
}
