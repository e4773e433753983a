/// Numeric x and y axes over a plot area: maps data to pixels and draws grid, ticks and labels.
///
/// The bar chart passes `x: nil` and draws its own categorical axis.
struct CartesianAxes {
    var area: PlotArea
    var x: AxisTicks?
    var y: AxisTicks

    /// Horizontal pixel of a data value, `nil` if not drawable (NaN, ≤ 0 on a log axis).
    func px(_ value: Double) -> Double? {
        guard let x, let f = x.fraction(of: value) else { return nil }
        return area.x + f * area.width
    }

    /// Vertical pixel of a data value (larger values higher up), `nil` if not drawable.
    func py(_ value: Double) -> Double? {
        guard let f = y.fraction(of: value) else { return nil }
        return area.bottom - f * area.height
    }

    /// Draws horizontal grid lines, both axes' ticks and labels, and the axis titles.
    func draw(into canvas: inout SVGCanvas, xLabel: String?, yLabel: String?, fontSize: Double) {
        let tickSize = fontSize * 0.9
        canvas.beginGroup(cssClass: "axes")
        for (position, label) in zip(y.positions, y.labels) {
            let py = area.bottom - (position - y.lower) / max(y.upper - y.lower, .leastNonzeroMagnitude) * area.height
            canvas.line(x1: area.x, y1: py, x2: area.right, y2: py, stroke: "#e5e5e5", cssClass: "grid")
            canvas.line(x1: area.x - 4, y1: py, x2: area.x, y2: py, stroke: "#333333", cssClass: "tick")
            canvas.text(label, x: area.x - 6, y: py + tickSize * 0.35, anchor: .end, size: tickSize,
                        cssClass: "tick-label")
        }
        if let x {
            for (position, label) in zip(x.positions, x.labels) {
                let px = area.x + (position - x.lower) / max(x.upper - x.lower, .leastNonzeroMagnitude) * area.width
                canvas.line(x1: px, y1: area.bottom, x2: px, y2: area.bottom + 4, stroke: "#333333", cssClass: "tick")
                canvas.text(label, x: px, y: area.bottom + 6 + tickSize, anchor: .middle, size: tickSize,
                            cssClass: "tick-label")
            }
        }
        canvas.line(x1: area.x, y1: area.bottom, x2: area.right, y2: area.bottom, stroke: "#333333")
        canvas.line(x1: area.x, y1: area.y, x2: area.x, y2: area.bottom, stroke: "#333333")
        if let xLabel {
            canvas.text(xLabel, x: area.x + area.width / 2, y: area.bottom + 10 + tickSize + fontSize * 1.3,
                        anchor: .middle, size: fontSize, cssClass: "axis-label")
        }
        if let yLabel {
            let widest = y.labels.map { Double($0.count) }.max() ?? 1
            let lx = area.x - 10 - widest * 0.6 * tickSize - fontSize * 0.6
            canvas.text(yLabel, x: lx, y: area.y + area.height / 2, anchor: .middle, size: fontSize,
                        rotation: -90, cssClass: "axis-label")
        }
        canvas.endGroup()
    }

    /// Left margin needed for y tick labels and the y title.
    static func leftMargin(for y: AxisTicks, hasLabel: Bool, fontSize: Double) -> Double {
        let widest = y.labels.map { Double($0.count) }.max() ?? 1
        return 12 + widest * 0.6 * fontSize * 0.9 + (hasLabel ? fontSize * 1.6 : 0)
    }
}
