import CortexNumerics
import Testing
@testable import CortexReports

@Suite("SVG figures")
struct FigureTests {
    /// Parses `svg` as XML, failing the test if it is not well-formed.
    func parse(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> XMLInspection {
        try #require(XMLInspection(svg), "SVG is not well-formed XML", sourceLocation: sourceLocation)
    }

    @Test("a 3 × 4 heatmap has 12 cells, its NaN cell is marked and hostile labels are escaped")
    func heatmap() throws {
        let svg = SampleReport.heatmap.svg
        let xml = try parse(svg)
        #expect(xml.withClass("cell").count == 12)
        #expect(xml.withClass("missing").count == 1)
        let missing = try #require(xml.withClass("missing").first)
        #expect(missing.attributes["fill"] == "url(#figure-nan)")
        #expect(xml.named("pattern").first?.attributes["id"] == "figure-nan")
        #expect(xml.withClass("cell-value").count == 11)
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;"))
        #expect(xml.allText.contains(SampleReport.hostile))
        #expect(xml.allText.contains("VISal & VISrl"))
        #expect(xml.withClass("colorbar").count == 1)
    }

    @Test("column-maximum highlight outlines the best row of each column, skipping all-NaN columns")
    func heatmapHighlight() throws {
        let values = NDArray<Double>(shape: [3, 3], scalars: [0.1, .nan, 0.5,
                                                              0.4, .nan, 0.5,
                                                              0.2, .nan, -1])
        let map = Heatmap(title: "h", rowLabels: ["a", "b", "c"], columnLabels: ["x", "y", "z"], values: values,
                          highlight: .columnMaximum)
        #expect(map.highlightedCells.map { [$0.row, $0.column] } == [[1, 0], [0, 2]])
        var byRow = map
        byRow.highlight = .rowMaximum
        #expect(byRow.highlightedCells.map { [$0.row, $0.column] } == [[0, 2], [1, 2], [2, 0]])
        let xml = try parse(map.svg)
        #expect(xml.withClass("best").count == 2)
        let cells = xml.withClass("cell").filter { !$0.classes.contains("missing") }
        let best = try #require(xml.withClass("best").first)
        // The outline sits inside the cell of row 1, column 0 (cells are written row by row).
        let target = cells[2]  // finite cells in order: (0,0), (0,2), (1,0), …
        let bx = try #require(Double(best.attributes["x"] ?? "")), tx = try #require(Double(target.attributes["x"] ?? ""))
        let by = try #require(Double(best.attributes["y"] ?? "")), ty = try #require(Double(target.attributes["y"] ?? ""))
        #expect(abs(bx - tx - 1) < 0.02 && abs(by - ty - 1) < 0.02)
    }

    @Test("heatmap cells stay inside the canvas")
    func heatmapGeometry() throws {
        let options = FigureOptions(width: 500, height: 300)
        let map = Heatmap(title: "t", rowLabels: ["a", "b"], columnLabels: ["x", "y", "z"],
                          values: NDArray(shape: [2, 3], generating: { Double($0) }), options: options)
        let xml = try parse(map.svg)
        for cell in xml.withClass("cell") {
            let x = try #require(Double(cell.attributes["x"] ?? "")), y = try #require(Double(cell.attributes["y"] ?? ""))
            let w = try #require(Double(cell.attributes["width"] ?? "")), h = try #require(Double(cell.attributes["height"] ?? ""))
            #expect(x >= 0 && y >= 0 && x + w <= 500.01 && y + h <= 300.01 && w > 10 && h > 10)
        }
    }

    @Test("a bar chart with 6 bars has 6 bar rects, 6 error bars, 3 ceilings and one legend entry per series")
    func barChart() throws {
        let xml = try parse(SampleReport.barChart.svg)
        #expect(xml.withClass("bar").count == 6)
        #expect(xml.withClass("error-bar").count == 6)
        #expect(xml.withClass("ceiling").count == 3)
        #expect(xml.withClass("legend-entry").count == 2)
        #expect(xml.withClass("legend-note").count == 1)
    }

    @Test("a ceiling on the top tick is drawn below the plot's top edge, not on it")
    func ceilingOnTopTick() throws {
        let chart = BarChart(title: "b", groups: [.init(label: "A", bars: [.init(value: 0.5)], ceiling: 1.0),
                                                  .init(label: "B", bars: [.init(value: 0.3)], ceiling: 0.998)])
        let xml = try parse(chart.svg)
        let gridY = xml.withClass("grid").compactMap { Double($0.attributes["y1"] ?? "") }
        let ceilingY = xml.withClass("ceiling").compactMap { Double($0.attributes["y1"] ?? "") }
        let top = try #require(gridY.min())                      // the 1.0 grid line
        #expect(ceilingY.count == 2)
        #expect(abs(try #require(ceilingY.min()) - top) < 0.01)  // the ceiling of 1 is at its tick...
        let labels = xml.withClass("tick-label").map(\.text)
        #expect(labels.contains("1.0"))
        // ...and the plot area reaches above it: the y axis line starts higher than the top tick.
        let axisTop = xml.named("line")
            .filter { $0.attributes["class"] == nil && $0.attributes["x1"] == $0.attributes["x2"] }
            .compactMap { line -> Double? in
                guard let a = Double(line.attributes["y1"] ?? ""), let b = Double(line.attributes["y2"] ?? "") else { return nil }
                return min(a, b)
            }.min()
        #expect(try #require(axisTop) < top - 5)
    }

    @Test("bars rise from the zero line: a larger value gives a taller bar, NaN gives no bar")
    func barHeights() throws {
        let chart = BarChart(title: "b", groups: [.init(label: "A", bars: [.init(value: 0.2)]),
                                                  .init(label: "B", bars: [.init(value: 0.4)]),
                                                  .init(label: "C", bars: [.init(value: .nan)])])
        let xml = try parse(chart.svg)
        let heights = xml.withClass("bar").compactMap { Double($0.attributes["height"] ?? "") }
        #expect(heights.count == 2)
        #expect(abs(heights[1] - 2 * heights[0]) < 0.05)
        #expect(xml.withClass("missing-value").count == 1)
    }

    @Test("line chart: one legend entry per series, markers for drawable points, a NaN breaks the line")
    func lineChart() throws {
        let xml = try parse(SampleReport.lineChart.svg)
        #expect(xml.withClass("legend-entry").count == 2)
        #expect(xml.withClass("marker").count == 9)
        #expect(xml.withClass("line").count == 3)
        #expect(xml.withClass("band").count == 1)
        #expect(xml.withClass("reference").count == 1)
        let dashed = xml.withClass("line").filter { $0.attributes["stroke-dasharray"] != nil }
        #expect(dashed.count == 2)
    }

    @Test("line chart markers map increasing x to increasing pixels and larger y upwards")
    func lineGeometry() throws {
        let chart = LineChart(title: "l", series: [.init(name: "s", x: [0, 1, 2], y: [0, 1, 2])])
        let markers = try parse(chart.svg).withClass("marker")
        let xs = markers.compactMap { Double($0.attributes["cx"] ?? "") }
        let ys = markers.compactMap { Double($0.attributes["cy"] ?? "") }
        #expect(xs.count == 3 && xs[0] < xs[1] && xs[1] < xs[2])
        #expect(ys[0] > ys[1] && ys[1] > ys[2])
        #expect(abs((xs[1] - xs[0]) - (xs[2] - xs[1])) < 0.02)
    }

    @Test("scatter plot on a log axis: labelled points, non-positive x left out, ticks are powers of ten")
    func scatter() throws {
        var plot = SampleReport.scatter
        plot.points.append(.init(x: 0, y: 0.3, label: "zero energy"))
        let xml = try parse(plot.svg)
        #expect(xml.withClass("point").count == 3)
        #expect(xml.withClass("point-label").map(\.text).contains("ConvLSTM & co"))
        #expect(xml.withClass("legend-entry").count == 2)
        let tickLabels = xml.withClass("tick-label").map(\.text)
        #expect(tickLabels.contains("10⁸") && tickLabels.contains("10¹⁰"))
    }

    @Test("small matrices are SVG rects, one per cell; NaN cells are marked")
    func smallMatrix() throws {
        var values = SampleReport.rdm(5, seed: 0.3)
        values[1, 2] = .nan
        let image = MatrixImage(title: "m", panels: [.init(title: "A", values: values), .init(title: "B", values: values)])
        let xml = try parse(image.svg)
        #expect(xml.withClass("pixel").count == 50)
        #expect(xml.withClass("missing").count == 2)
        #expect(xml.withClass("matrix-png").isEmpty)
    }

    @Test("large matrices are embedded PNG data URIs that decode to the mapped colours")
    func largeMatrix() throws {
        let image = SampleReport.matrices
        let xml = try parse(image.svg)
        let images = xml.withClass("matrix-png")
        #expect(images.count == 2)
        #expect(xml.withClass("pixel").isEmpty)
        let uri = try #require(images.first?.attributes["href"])
        #expect(uri.hasPrefix("data:image/png;base64,"))
        let decoded = try PNGDecoder.decode(base64: String(uri.dropFirst("data:image/png;base64,".count)))
        #expect(decoded.width == 60 && decoded.height == 60)
        let scale = image.colorScale
        let expected = image.panels[0].values.scalars.map { scale.color(for: $0) ?? RGBColor.missing }
        #expect(decoded.pixels == expected)
    }

    @Test("rendering is deterministic and id prefixes are applied")
    func determinism() {
        #expect(SampleReport.heatmap.svg == SampleReport.heatmap.svg)
        #expect(SampleReport.matrices.svg(idPrefix: "fig2") == SampleReport.matrices.svg(idPrefix: "fig2"))
        #expect(SampleReport.heatmap.svg(idPrefix: "fig7").contains("id=\"fig7-nan\""))
        #expect(SampleReport.heatmap.svg(idPrefix: "\"><x").contains("id=\"x-nan\""))
    }

    @Test("colour scales: viridis ends, diverging centre is neutral, NaN has no colour")
    func colorScales() {
        let viridis = ColorScale(map: .viridis, lower: 0, upper: 1)
        #expect(viridis.color(for: 0)?.hex == "#440154")
        #expect(viridis.color(for: 1)?.hex == "#fde725")
        #expect(viridis.color(for: 2)?.hex == "#fde725")
        #expect(viridis.color(for: .nan) == nil)
        let diverging = ColorScale.fitting([-0.2, 0.5], map: .blueWhiteRed)
        #expect(diverging.lower == -0.5 && diverging.upper == 0.5)
        #expect(diverging.color(for: 0)?.hex == "#f7f7f7")
        // Lightness of viridis increases monotonically along the map.
        let lum = (0...20).map { ColorMap.viridis.color(at: Double($0) / 20).luminance }
        #expect(zip(lum, lum.dropFirst()).allSatisfy { $0 < $1 })
    }
}
