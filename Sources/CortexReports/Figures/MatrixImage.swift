import CortexNumerics

/// Matrices drawn as images side by side with one shared colour scale, e.g. the RDM of a brain
/// area next to the RDM of its best-matching layer.
///
/// Small panels are drawn as `<rect class="pixel">` cells, large ones as one embedded PNG
/// (`<image class="matrix-png">`, a `data:` URI — the SVG stays self-contained); see
/// `MatrixRendering`. NaN cells are grey (`RGBColor.missing`) in both renderings, and rectangle
/// cells also get `class="pixel missing"`.
///
/// ```swift
/// let rdm = NDArray<Double>(shape: [3, 3], scalars: [0, 0.4, 0.9, 0.4, 0, 0.7, 0.9, 0.7, 0])
/// let image = MatrixImage(title: "RDMs", panels: [.init(title: "V1", values: rdm),
///                                                 .init(title: "layer4", values: rdm)])
/// ```
public struct MatrixImage: SVGFigure, Hashable {
    /// One matrix with its caption.
    public struct Panel: Sendable, Hashable {
        public var title: String
        /// A rank-2 array (usually square: an RDM).
        public var values: NDArray<Double>

        /// - Precondition: `values` has rank 2 and at least one element.
        public init(title: String, values: NDArray<Double>) {
            precondition(values.rank == 2 && values.count > 0, "MatrixImage.Panel: need a non-empty matrix, got \(values.shape)")
            self.title = title
            self.values = values
        }
    }

    public var title: String
    public var panels: [Panel]
    public var coloring: ColorScaling
    public var colorBarLabel: String?
    public var rendering: MatrixRendering
    public var options: FigureOptions
    /// Text under the panels naming their (shared) axes, e.g. "movie frames 1–299 on both axes"; nil: none.
    public var axisLabel: String?
    /// The quantity both axes of every panel run along (e.g. seconds of movie), drawn as ticks on
    /// each panel's bottom edge and the first panel's left edge; nil: no ticks.
    public var axisRange: ClosedRange<Double>?

    public init(title: String, panels: [Panel], coloring: ColorScaling = .fitted(.viridis),
                colorBarLabel: String? = nil, rendering: MatrixRendering = .standard,
                options: FigureOptions = FigureOptions(), axisLabel: String? = nil, axisRange: ClosedRange<Double>? = nil) {
        self.axisLabel = axisLabel
        self.axisRange = axisRange
        self.title = title
        self.panels = panels
        self.coloring = coloring
        self.colorBarLabel = colorBarLabel
        self.rendering = rendering
        self.options = options
    }

    /// The colour scale shared by all panels.
    public var colorScale: ColorScale { coloring.scale(for: panels.flatMap(\.values.scalars)) }

    public func svg(idPrefix: String) -> String {
        let o = options
        var canvas = SVGCanvas(width: o.width, height: o.height, fontSize: o.fontSize)
        let scale = colorScale
        let hasMissing = panels.contains { $0.values.scalars.contains { $0.isNaN } }
        let colorBar = ColorBar(scale: scale, label: colorBarLabel, showsMissing: hasMissing, fontSize: o.tickFontSize)
        let top = o.padding + o.titleFontSize * 1.8 + o.fontSize * 1.4
        let nice = axisRange.map { NiceTicks(lower: $0.lowerBound, upper: $0.upperBound, targetCount: 5) }
        let inside = nice.map { n in n.values.indices.filter { i in
            axisRange.map { n.values[i] >= $0.lowerBound - 1e-9 && n.values[i] <= $0.upperBound + 1e-9 } ?? false } } ?? []
        let ticks = inside.map { nice!.values[$0] }
        let tickLabels = inside.map { nice!.labels[$0] }
        let tickHeight = ticks.isEmpty ? 0 : o.tickFontSize * 1.5
        let leftMargin = ticks.isEmpty ? 0 : (tickLabels.map { Double($0.count) * 0.6 * o.tickFontSize }.max() ?? 0) + 8
        let gap = 16.0
        let available = o.width - 2 * o.padding - leftMargin - colorBar.width - 16 - gap * Double(max(panels.count - 1, 0))
        let below = (axisLabel == nil ? 0 : o.tickFontSize * 2) + tickHeight
        let side = max(4, min(available / Double(max(panels.count, 1)), o.height - top - o.padding - below - (hasMissing ? 24 : 0)))

        canvas.figureTitle(title, options: o)
        for (index, panel) in panels.enumerated() {
            let x0 = o.padding + leftMargin + Double(index) * (side + gap)
            let rows = panel.values.shape[0], columns = panel.values.shape[1]
            canvas.text(panel.title, x: x0 + side / 2, y: top - o.fontSize * 0.5, anchor: .middle, size: o.fontSize,
                        cssClass: "panel-title")
            canvas.beginGroup(cssClass: "panel")
            if rendering.usesPNG(cellCount: rows * columns) {
                let pixels = panel.values.scalars.map { scale.color(for: $0) ?? RGBColor.missing }
                let uri = PNGImage(width: columns, height: rows, pixels: pixels).dataURI
                canvas.element("image", [("class", "matrix-png"), ("x", SVGCanvas.number(x0)), ("y", SVGCanvas.number(top)),
                                         ("width", SVGCanvas.number(side)), ("height", SVGCanvas.number(side)),
                                         ("preserveAspectRatio", "none"), ("style", "image-rendering:pixelated"),
                                         ("href", uri), ("xlink:href", uri)])
            } else {
                let cw = side / Double(columns), ch = side / Double(rows)
                for r in 0..<rows {
                    for c in 0..<columns {
                        let value = panel.values[r, c]
                        let color = scale.color(for: value)
                        canvas.rect(x: x0 + Double(c) * cw, y: top + Double(r) * ch, width: cw, height: ch,
                                    fill: (color ?? RGBColor.missing).hex, cssClass: color == nil ? "pixel missing" : "pixel")
                    }
                }
            }
            canvas.rect(x: x0, y: top, width: side, height: side, fill: "none", stroke: "#555555", strokeWidth: 0.5)
            canvas.endGroup()
            if let range = axisRange, range.upperBound > range.lowerBound {
                canvas.beginGroup(cssClass: "matrix-ticks")
                for (value, label) in zip(ticks, tickLabels) {
                    let f = (value - range.lowerBound) / (range.upperBound - range.lowerBound)
                    let x = x0 + f * side, y = top + f * side
                    canvas.line(x1: x, y1: top + side, x2: x, y2: top + side + 4, stroke: "#555555", strokeWidth: 0.8)
                    canvas.text(label, x: x, y: top + side + 4 + o.tickFontSize, anchor: .middle, size: o.tickFontSize,
                                cssClass: "tick-label")
                    if index == 0 {
                        canvas.line(x1: x0 - 4, y1: y, x2: x0, y2: y, stroke: "#555555", strokeWidth: 0.8)
                        canvas.text(label, x: x0 - 6, y: y + o.tickFontSize * 0.35, anchor: .end, size: o.tickFontSize,
                                    cssClass: "tick-label")
                    }
                }
                canvas.endGroup()
            }
        }
        if let axisLabel {
            // One label under the row of panels (they share their axes).
            let span = Double(panels.count) * (side + gap) - gap
            canvas.text(axisLabel, x: o.padding + leftMargin + span / 2, y: top + side + tickHeight + o.tickFontSize * 1.6,
                        anchor: .middle, size: o.tickFontSize, cssClass: "axis-label")
        }
        let barX = o.padding + leftMargin + Double(panels.count) * (side + gap) - gap + 16
        colorBar.draw(into: &canvas, x: barX, y: top, height: side, idPrefix: Self.safeID(idPrefix))
        return canvas.svg(title: title)
    }
}
