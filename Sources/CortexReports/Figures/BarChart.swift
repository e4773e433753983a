/// Grouped bars with confidence intervals and ceiling markers, e.g. the best layer's score per
/// visual area (groups) for each model (series), with each area's noise ceiling.
///
/// Drawn elements carry classes: `bar` (one `<rect>` per finite value), `error-bar` (one `<path>`
/// per drawable interval), `ceiling` (one `<line>` per ceiling marker; a group's ceiling spans the
/// group, a bar's ceiling spans its bar), and one `legend-entry` per series when there are series
/// names. NaN values draw no bar but a small "n/a" label.
///
/// ```swift
/// let chart = BarChart(title: "Best layer per area", seriesNames: ["SEW-ResNet"], groups: [
///     .init(label: "V1", bars: [.init(value: 0.42, interval: .init(lower: 0.38, upper: 0.46))], ceiling: 0.61),
///     .init(label: "LM", bars: [.init(value: 0.35)], ceiling: 0.52),
/// ], valueLabel: "similarity")
/// ```
public struct BarChart: SVGFigure, Hashable {
    /// One bar: a value, an optional interval and an optional ceiling of its own.
    public struct Bar: Sendable, Hashable {
        public var value: Double
        public var interval: ConfidenceInterval?
        public var ceiling: Double?
        /// Text under the bar's tooltip (e.g. the best layer's name).
        public var note: String?

        public init(value: Double, interval: ConfidenceInterval? = nil, ceiling: Double? = nil, note: String? = nil) {
            self.value = value
            self.interval = interval
            self.ceiling = ceiling
            self.note = note
        }
    }

    /// A labelled group of bars, one per series, with an optional ceiling across the group.
    public struct Group: Sendable, Hashable {
        public var label: String
        public var bars: [Bar]
        public var ceiling: Double?

        public init(label: String, bars: [Bar], ceiling: Double? = nil) {
            self.label = label
            self.bars = bars
            self.ceiling = ceiling
        }
    }

    public var title: String
    /// Names of the series (bar `i` of every group belongs to series `i`); may be empty.
    public var seriesNames: [String]
    public var groups: [Group]
    public var valueLabel: String?
    public var groupAxisLabel: String?
    public var options: FigureOptions

    /// - Precondition: every group has the same number of bars, equal to `seriesNames.count`
    ///   when series names are given.
    public init(title: String, seriesNames: [String] = [], groups: [Group], valueLabel: String? = nil,
                groupAxisLabel: String? = nil, options: FigureOptions = FigureOptions()) {
        let counts = Set(groups.map(\.bars.count))
        precondition(counts.count <= 1, "BarChart: groups have different numbers of bars \(counts.sorted())")
        precondition(seriesNames.isEmpty || counts.isEmpty || counts.first == seriesNames.count,
                     "BarChart: \(seriesNames.count) series names for \(counts.first ?? 0) bars per group")
        self.title = title
        self.seriesNames = seriesNames
        self.groups = groups
        self.valueLabel = valueLabel
        self.groupAxisLabel = groupAxisLabel
        self.options = options
    }

    public func svg(idPrefix: String) -> String {
        let o = options
        var canvas = SVGCanvas(width: o.width, height: o.height, fontSize: o.fontSize)
        let perGroup = groups.first?.bars.count ?? 0
        var extent: [Double] = []
        for group in groups {
            if let c = group.ceiling { extent.append(c) }
            for bar in group.bars {
                extent.append(bar.value)
                if let i = bar.interval, i.isFinite { extent += [i.lower, i.upper] }
                if let c = bar.ceiling { extent.append(c) }
            }
        }
        var yTicks = AxisTicks(covering: extent, scale: .linear, includeZero: true)
        // A value on the top tick (a ceiling of 1, say) would draw on the frame: leave 4 % above it.
        if let top = extent.filter(\.isFinite).max(), yTicks.upper - top < 0.02 * (yTicks.upper - yTicks.lower) {
            yTicks.upper = top + 0.04 * (yTicks.upper - yTicks.lower)
        }
        var legend = Legend(entries: seriesNames.enumerated().map {
            Legend.Entry(label: $1, color: SeriesPalette.color($0), swatch: .box)
        }, fontSize: o.tickFontSize)
        let hasCeilings = groups.contains { $0.ceiling != nil || $0.bars.contains { $0.ceiling != nil } }
        if hasCeilings { legend.entries.append(.init(label: "ceiling", color: RGBColor(hex: 0x000000), swatch: .note)) }

        let charWidth = 0.6 * o.tickFontSize
        let top = o.padding + o.titleFontSize * 1.8
        let left = o.padding + CartesianAxes.leftMargin(for: yTicks, hasLabel: valueLabel != nil, fontSize: o.fontSize)
        let right = o.padding + (legend.entries.isEmpty ? 0 : legend.width + 12)
        let groupWidth = (o.width - left - right) / Double(max(groups.count, 1))
        let longest = (groups.map { Double($0.label.count) }.max() ?? 0) * charWidth
        let rotated = longest > groupWidth - 4
        let bottom = o.padding + (rotated ? longest * 0.71 + o.tickFontSize : o.tickFontSize * 1.2) + 10
            + (groupAxisLabel == nil ? 0 : o.fontSize * 1.8)
        let area = PlotArea(x: left, y: top, width: o.width - left - right, height: max(10, o.height - top - bottom))
        let axes = CartesianAxes(area: area, x: nil, y: yTicks)

        canvas.figureTitle(title, options: o)
        axes.draw(into: &canvas, xLabel: nil, yLabel: valueLabel, fontSize: o.fontSize)
        let zeroY = axes.py(0) ?? area.bottom
        let barWidth = groupWidth * 0.8 / Double(max(perGroup, 1))

        canvas.beginGroup(cssClass: "bars")
        for (g, group) in groups.enumerated() {
            let groupX = area.x + Double(g) * groupWidth + groupWidth * 0.1
            for (b, bar) in group.bars.enumerated() {
                let x = groupX + Double(b) * barWidth
                let name = seriesNames.indices.contains(b) ? seriesNames[b] + ", " : ""
                let tooltip = "\(name)\(group.label): \(NumberFormat.significant(digits: 4).string(bar.value))"
                    + (bar.note.map { " (\($0))" } ?? "")
                if let y = axes.py(bar.value) {
                    canvas.rect(x: x + barWidth * 0.05, y: min(y, zeroY), width: barWidth * 0.9, height: abs(zeroY - y),
                                fill: SeriesPalette.color(b).hex, cssClass: "bar", tooltip: tooltip)
                } else {
                    canvas.text("n/a", x: x + barWidth / 2, y: zeroY - 4, anchor: .middle, size: o.tickFontSize * 0.8,
                                fill: "#777777", cssClass: "missing-value")
                }
                if let interval = bar.interval, let low = axes.py(interval.lower), let high = axes.py(interval.upper) {
                    let cx = x + barWidth / 2, cap = min(5, barWidth * 0.25)
                    let d = "M\(SVGCanvas.number(cx)) \(SVGCanvas.number(low)) L\(SVGCanvas.number(cx)) \(SVGCanvas.number(high))"
                        + " M\(SVGCanvas.number(cx - cap)) \(SVGCanvas.number(low)) L\(SVGCanvas.number(cx + cap)) \(SVGCanvas.number(low))"
                        + " M\(SVGCanvas.number(cx - cap)) \(SVGCanvas.number(high)) L\(SVGCanvas.number(cx + cap)) \(SVGCanvas.number(high))"
                    canvas.element("path", [("class", "error-bar"), ("d", d), ("fill", "none"), ("stroke", "#222222"),
                                            ("stroke-width", "1.2")])
                }
                if let ceiling = bar.ceiling, let y = axes.py(ceiling) {
                    canvas.line(x1: x, y1: y, x2: x + barWidth, y2: y, stroke: "#000000", strokeWidth: 1.5, dash: "4 2",
                                cssClass: "ceiling")
                }
            }
            if let ceiling = group.ceiling, let y = axes.py(ceiling) {
                canvas.line(x1: groupX - groupWidth * 0.05, y1: y, x2: groupX + groupWidth * 0.85, y2: y, stroke: "#000000",
                            strokeWidth: 1.5, dash: "4 2", cssClass: "ceiling")
            }
            let labelX = area.x + (Double(g) + 0.5) * groupWidth, labelY = area.bottom + 6 + o.tickFontSize
            if rotated {
                canvas.text(group.label, x: labelX, y: labelY - o.tickFontSize * 0.5, anchor: .end, size: o.tickFontSize,
                            rotation: -45, cssClass: "group-label")
            } else {
                canvas.text(group.label, x: labelX, y: labelY, anchor: .middle, size: o.tickFontSize, cssClass: "group-label")
            }
        }
        canvas.endGroup()
        if let groupAxisLabel {
            canvas.text(groupAxisLabel, x: area.x + area.width / 2, y: o.height - o.padding - o.fontSize * 0.3,
                        anchor: .middle, size: o.fontSize, cssClass: "axis-label")
        }
        legend.draw(into: &canvas, x: area.right + 12, y: area.y)
        return canvas.svg(title: title)
    }
}
