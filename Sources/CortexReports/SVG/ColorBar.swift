/// A vertical colour bar for a `ColorScale`: a gradient strip with nice tick labels, and an
/// optional grey "NaN" swatch under it.
struct ColorBar {
    var scale: ColorScale
    var label: String?
    var showsMissing: Bool
    var fontSize: Double

    /// Width needed including tick labels.
    var width: Double {
        let labels = ticks.labels
        let longest = labels.map { Double($0.count) }.max() ?? 0
        return 14 + 6 + longest * 0.6 * fontSize + (label == nil ? 0 : fontSize * 1.6)
    }

    /// Ticks inside the domain (nice values; the domain ends are not forced onto ticks).
    var ticks: (values: [Double], labels: [String]) {
        let nice = NiceTicks(lower: scale.lower, upper: scale.upper, targetCount: 5)
        let tolerance = (scale.upper - scale.lower) * 1e-9
        let pairs = zip(nice.values, nice.labels).filter { $0.0 >= scale.lower - tolerance && $0.0 <= scale.upper + tolerance }
        return (pairs.map(\.0), pairs.map(\.1))
    }

    /// Draws the bar at `(x, y)` with the given strip height; `idPrefix` keeps gradient ids unique.
    func draw(into canvas: inout SVGCanvas, x: Double, y: Double, height: Double, idPrefix: String) {
        let gradientID = "\(idPrefix)-colorbar"
        let stops = scale.map.stops
        let stopMarkup = stops.enumerated().map { i, color in
            let offset = SVGCanvas.number(100 * Double(i) / Double(stops.count - 1))
            return "<stop offset=\"\(offset)%\" stop-color=\"\(color.hex)\"/>"
        }.joined()
        canvas.define("<linearGradient id=\"\(MarkupEscaping.xml(gradientID))\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">\(stopMarkup)</linearGradient>")
        canvas.beginGroup(cssClass: "colorbar")
        canvas.rect(x: x, y: y, width: 14, height: height, fill: "url(#\(gradientID))", stroke: "#555555",
                    strokeWidth: 0.5)
        let (values, labels) = ticks
        for (value, text) in zip(values, labels) {
            let ty = y + height * (1 - scale.position(of: value))
            canvas.line(x1: x + 14, y1: ty, x2: x + 18, y2: ty, stroke: "#555555")
            canvas.text(text, x: x + 20, y: ty + fontSize * 0.35, size: fontSize)
        }
        if let label {
            let labelX = x + width - fontSize * 0.4
            canvas.text(label, x: labelX, y: y + height / 2, anchor: .middle, size: fontSize, rotation: 90)
        }
        if showsMissing {
            canvas.rect(x: x, y: y + height + 10, width: 14, height: 10, fill: RGBColor.missing.hex,
                        stroke: "#555555", strokeWidth: 0.5)
            canvas.text("NaN", x: x + 20, y: y + height + 19, size: fontSize)
        }
        canvas.endGroup()
    }
}
