/// A legend: one entry (swatch + label) per series, drawn as a column.
///
/// Each entry is a `<g class="legend-entry">`, so tests and style sheets can find them.
struct Legend {
    /// What the swatch next to a label looks like.
    enum Swatch {
        case box
        /// A filled circle, as the points of a scatter plot.
        case dot
        case line(LineStyle, marker: Bool)
        /// A dashed black marker (ceiling); drawn as `legend-note`, not counted as a series.
        case note
    }

    struct Entry {
        var label: String
        var color: RGBColor
        var swatch: Swatch
    }

    var entries: [Entry]
    var fontSize: Double

    /// Width the legend needs.
    var width: Double {
        let longest = entries.map { Double($0.label.count) }.max() ?? 0
        return entries.isEmpty ? 0 : 30 + longest * 0.6 * fontSize
    }

    /// Row height.
    var rowHeight: Double { fontSize * 1.5 }

    /// Draws the entries with their top-left corner at `(x, y)`.
    func draw(into canvas: inout SVGCanvas, x: Double, y: Double) {
        guard !entries.isEmpty else { return }
        canvas.beginGroup(cssClass: "legend")
        for (i, entry) in entries.enumerated() {
            let rowY = y + Double(i) * rowHeight
            let middle = rowY + rowHeight / 2
            if case .note = entry.swatch {
                canvas.beginGroup(cssClass: "legend-note")
            } else {
                canvas.beginGroup(cssClass: "legend-entry")
            }
            switch entry.swatch {
            case .box:
                canvas.rect(x: x, y: middle - 5, width: 18, height: 10, fill: entry.color.hex)
            case .dot:
                canvas.circle(cx: x + 9, cy: middle, r: 5, fill: entry.color.hex)
            case .line(let style, let marker):
                canvas.line(x1: x, y1: middle, x2: x + 20, y2: middle, stroke: entry.color.hex, strokeWidth: 2,
                            dash: style.dashArray)
                if marker { canvas.circle(cx: x + 10, cy: middle, r: 3, fill: entry.color.hex) }
            case .note:
                canvas.line(x1: x, y1: middle, x2: x + 20, y2: middle, stroke: entry.color.hex, strokeWidth: 1.5, dash: "4 2")
            }
            canvas.text(entry.label, x: x + 26, y: middle + fontSize * 0.35, size: fontSize)
            canvas.endGroup()
        }
        canvas.endGroup()
    }
}
