import CortexNumerics

/// A rows × columns grid of coloured cells, e.g. network layers × visual areas for one model.
///
/// Each cell is a `<rect class="cell">` with a tooltip; a NaN value is drawn as a grey, hatched
/// cell with `class="cell missing"` (and "NaN" in its tooltip). Optional value annotations are
/// written inside the cells in black or white, whichever contrasts with the cell colour. An
/// optional highlight outlines the largest value of each column (the best layer for each area) or
/// row with a `<rect class="best">`.
///
/// ```swift
/// let scores = NDArray<Double>(shape: [3, 2], scalars: [0.1, 0.3, 0.5, 0.2, .nan, 0.4])
/// let map = Heatmap(title: "Model A", rowLabels: ["conv1", "conv2", "conv3"],
///                   columnLabels: ["V1", "LM"], values: scores, annotation: .values(.fixed(digits: 2)))
/// let svg = map.svg
/// ```
public struct Heatmap: SVGFigure, Hashable {
    /// What is written inside each cell.
    public enum Annotation: Sendable, Hashable {
        case none
        /// The value, in this format.
        case values(NumberFormat)
    }

    /// Which cells get an outline.
    public enum Highlight: Sendable, Hashable {
        case none
        /// The largest finite value in each column (first row on ties).
        case columnMaximum
        /// The largest finite value in each row (first column on ties).
        case rowMaximum
        /// Exactly these cells, chosen by the caller (e.g. the best layer of each area as the
        /// comparison decided it, so the figure cannot disagree with the tables).
        case cells([HeatmapCell])
    }

    public var title: String
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// Shape `[rowLabels.count, columnLabels.count]`.
    public var values: NDArray<Double>
    public var rowAxisLabel: String?
    public var columnAxisLabel: String?
    public var colorBarLabel: String?
    public var coloring: ColorScaling
    public var annotation: Annotation
    public var highlight: Highlight
    public var options: FigureOptions

    /// - Precondition: `values` has shape `[rowLabels.count, columnLabels.count]`.
    public init(title: String, rowLabels: [String], columnLabels: [String], values: NDArray<Double>,
                rowAxisLabel: String? = nil, columnAxisLabel: String? = nil, colorBarLabel: String? = nil,
                coloring: ColorScaling = .automatic, annotation: Annotation = .none, highlight: Highlight = .none,
                options: FigureOptions = FigureOptions()) {
        precondition(values.shape == [rowLabels.count, columnLabels.count],
                     "Heatmap: values have shape \(values.shape), labels need [\(rowLabels.count), \(columnLabels.count)]")
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.rowAxisLabel = rowAxisLabel
        self.columnAxisLabel = columnAxisLabel
        self.colorBarLabel = colorBarLabel
        self.coloring = coloring
        self.annotation = annotation
        self.highlight = highlight
        self.options = options
    }

    public func svg(idPrefix: String) -> String {
        let id = Self.safeID(idPrefix)
        let o = options
        var canvas = SVGCanvas(width: o.width, height: o.height, fontSize: o.fontSize)
        let rows = rowLabels.count, columns = columnLabels.count
        let scale = coloring.scale(for: values.scalars)
        let hasMissing = values.scalars.contains { $0.isNaN }
        let colorBar = ColorBar(scale: scale, label: colorBarLabel, showsMissing: hasMissing, fontSize: o.tickFontSize)

        let charWidth = 0.6 * o.tickFontSize
        let top = o.padding + o.titleFontSize * 1.8
        let left = o.padding + (rowAxisLabel == nil ? 0 : o.fontSize * 1.6)
            + (rowLabels.map { Double($0.count) }.max() ?? 0) * charWidth + 8
        let right = o.padding + colorBar.width + 16
        let cellWidth = max(1, (o.width - left - right) / Double(max(columns, 1)))
        let longestColumn = (columnLabels.map { Double($0.count) }.max() ?? 0) * charWidth
        let rotated = longestColumn > cellWidth - 4
        let bottom = o.padding + (rotated ? longestColumn * 0.71 + o.tickFontSize : o.tickFontSize * 1.2) + 8
            + (columnAxisLabel == nil ? 0 : o.fontSize * 1.8)
        let cellHeight = max(1, (o.height - top - bottom) / Double(max(rows, 1)))
        let area = PlotArea(x: left, y: top, width: cellWidth * Double(columns), height: cellHeight * Double(rows))

        canvas.define("<pattern id=\"\(id)-nan\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"\(RGBColor.missing.hex)\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#888888\" stroke-width=\"2\"/></pattern>")
        canvas.figureTitle(title, options: o)

        canvas.beginGroup(cssClass: "cells")
        for r in 0..<rows {
            for c in 0..<columns {
                let value = values[r, c]
                let x = area.x + Double(c) * cellWidth, y = area.y + Double(r) * cellHeight
                let valueText = NumberFormat.significant(digits: 4).string(value)
                let tooltip = "\(rowLabels[r]) × \(columnLabels[c]): \(valueText)"
                if let color = scale.color(for: value) {
                    canvas.rect(x: x, y: y, width: cellWidth, height: cellHeight, fill: color.hex, stroke: "#ffffff",
                                strokeWidth: 0.5, cssClass: "cell", tooltip: tooltip)
                    if case .values(let format) = annotation {
                        let ink = color.luminance < 0.5 ? "#ffffff" : "#000000"
                        canvas.text(format.string(value), x: x + cellWidth / 2, y: y + cellHeight / 2 + o.tickFontSize * 0.35,
                                    anchor: .middle, size: min(o.tickFontSize, cellHeight * 0.6), fill: ink,
                                    cssClass: "cell-value")
                    }
                } else {
                    canvas.rect(x: x, y: y, width: cellWidth, height: cellHeight, fill: "url(#\(id)-nan)",
                                stroke: "#ffffff", strokeWidth: 0.5, cssClass: "cell missing", tooltip: tooltip)
                }
            }
        }
        canvas.endGroup()
        for (r, c) in highlightedCells {
            canvas.rect(x: area.x + Double(c) * cellWidth + 1, y: area.y + Double(r) * cellHeight + 1,
                        width: cellWidth - 2, height: cellHeight - 2, fill: "none", stroke: "#000000", strokeWidth: 2,
                        cssClass: "best")
        }

        canvas.beginGroup(cssClass: "row-labels")
        for (r, label) in rowLabels.enumerated() {
            canvas.text(label, x: area.x - 6, y: area.y + (Double(r) + 0.5) * cellHeight + o.tickFontSize * 0.35,
                        anchor: .end, size: o.tickFontSize)
        }
        canvas.endGroup()
        canvas.beginGroup(cssClass: "column-labels")
        for (c, label) in columnLabels.enumerated() {
            let x = area.x + (Double(c) + 0.5) * cellWidth, y = area.bottom + 6 + o.tickFontSize
            if rotated {
                canvas.text(label, x: x, y: y - o.tickFontSize * 0.5, anchor: .end, size: o.tickFontSize, rotation: -45)
            } else {
                canvas.text(label, x: x, y: y, anchor: .middle, size: o.tickFontSize)
            }
        }
        canvas.endGroup()
        if let rowAxisLabel {
            canvas.text(rowAxisLabel, x: o.padding + o.fontSize, y: area.y + area.height / 2, anchor: .middle,
                        size: o.fontSize, rotation: -90, cssClass: "axis-label")
        }
        if let columnAxisLabel {
            canvas.text(columnAxisLabel, x: area.x + area.width / 2, y: o.height - o.padding - o.fontSize * 0.3,
                        anchor: .middle, size: o.fontSize, cssClass: "axis-label")
        }
        colorBar.draw(into: &canvas, x: area.right + 16, y: area.y, height: min(area.height, max(60, area.height - (hasMissing ? 24 : 0))),
                      idPrefix: id)
        return canvas.svg(title: title)
    }

    /// `(row, column)` of the outlined cells, per `highlight`.
    public var highlightedCells: [(row: Int, column: Int)] {
        let rows = rowLabels.count, columns = columnLabels.count
        func argmax(_ indices: [(Int, Int)]) -> (row: Int, column: Int)? {
            var best: (row: Int, column: Int)?, bestValue = -Double.infinity
            for (r, c) in indices where values[r, c].isFinite && (best == nil || values[r, c] > bestValue) {
                best = (r, c)
                bestValue = values[r, c]
            }
            return best
        }
        switch highlight {
        case .none: return []
        case .columnMaximum: return (0..<columns).compactMap { c in argmax((0..<rows).map { ($0, c) }) }
        case .rowMaximum: return (0..<rows).compactMap { r in argmax((0..<columns).map { (r, $0) }) }
        case .cells(let cells): return cells.filter { $0.row < rows && $0.column < columns }.map { ($0.row, $0.column) }
        }
    }
}
