/// Builds the text of one SVG image element by element, deterministically.
///
/// Every attribute value and text node is escaped with `MarkupEscaping.xml`; coordinates are
/// written with at most two decimals (`SVGCanvas.number`), so the same calls always give the same
/// bytes. Internal to CortexReports: every figure draws on one, and callers use the figures.
///
/// ```swift
/// var canvas = SVGCanvas(width: 100, height: 50)
/// canvas.rect(x: 0, y: 0, width: 100, height: 50, fill: "#ffffff")
/// canvas.text("V1 & LM", x: 50, y: 25, anchor: .middle)
/// let svg = canvas.svg(title: "demo")
/// ```
struct SVGCanvas: Sendable {
    /// Horizontal alignment of text relative to its anchor point.
    enum TextAnchor: String, Sendable { case start, middle, end }

    /// Width and height in pixels.
    let width: Double
    let height: Double
    /// Font size in pixels for text without an explicit size.
    var fontSize: Double
    /// Elements placed inside `<defs>` (patterns, gradients).
    private var definitions: [String] = []
    /// Body elements in drawing order.
    private var body: [String] = []
    private var indent = 1

    init(width: Double, height: Double, fontSize: Double = 12) {
        precondition(width > 0 && height > 0, "SVGCanvas: size must be positive")
        self.width = width
        self.height = height
        self.fontSize = fontSize
    }

    /// A coordinate or length rounded to 0.01 px, without trailing zeros ("12", "3.5", "-0.25").
    /// Non-finite values become "0" so a stray NaN can never make the document unparsable.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = (value * 100).rounded()
        if abs(hundredths) >= 1e15 { return NumberFormat.integer.string(value) }
        let n = Int64(hundredths)
        let sign = n < 0 ? "-" : ""
        let magnitude = n.magnitude
        let whole = magnitude / 100, fraction = magnitude % 100
        if fraction == 0 { return n == 0 ? "0" : "\(sign)\(whole)" }
        let fractionText = fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
        return "\(sign)\(whole).\(fractionText)"
    }

    /// `name="value"` pairs, escaped, skipping `nil` values.
    static func attributes(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { name, value in value.map { " \(name)=\"\(MarkupEscaping.xml($0))\"" } }.joined()
    }

    /// Appends an element with the given attributes and optional text content.
    mutating func element(_ name: String, _ pairs: [(String, String?)], text: String? = nil) {
        let open = "<\(name)\(Self.attributes(pairs))"
        let line: String
        if let text { line = "\(open)>\(MarkupEscaping.xml(text))</\(name)>" } else { line = "\(open)/>" }
        body.append(String(repeating: "  ", count: indent) + line)
    }

    /// Opens a `<g>` group; close it with `endGroup()`.
    mutating func beginGroup(cssClass: String? = nil, transform: String? = nil) {
        body.append(String(repeating: "  ", count: indent) + "<g\(Self.attributes([("class", cssClass), ("transform", transform)]))>")
        indent += 1
    }

    /// Closes the innermost open group.
    mutating func endGroup() {
        precondition(indent > 1, "SVGCanvas: endGroup without beginGroup")
        indent -= 1
        body.append(String(repeating: "  ", count: indent) + "</g>")
    }

    /// Adds a definition (already-built markup; callers escape their own content) to `<defs>`.
    mutating func define(_ markup: String) { definitions.append(markup) }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                              stroke: String? = nil, strokeWidth: Double? = nil, cssClass: String? = nil,
                              tooltip: String? = nil) {
        let pairs: [(String, String?)] = [
            ("class", cssClass), ("x", Self.number(x)), ("y", Self.number(y)),
            ("width", Self.number(max(0, width))), ("height", Self.number(max(0, height))), ("fill", fill),
            ("stroke", stroke), ("stroke-width", strokeWidth.map(Self.number)),
        ]
        if let tooltip {
            let open = "<rect\(Self.attributes(pairs))><title>\(MarkupEscaping.xml(tooltip))</title></rect>"
            body.append(String(repeating: "  ", count: indent) + open)
        } else {
            element("rect", pairs)
        }
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#333333",
                              strokeWidth: Double = 1, dash: String? = nil, cssClass: String? = nil) {
        element("line", [("class", cssClass), ("x1", Self.number(x1)), ("y1", Self.number(y1)),
                         ("x2", Self.number(x2)), ("y2", Self.number(y2)), ("stroke", stroke),
                         ("stroke-width", Self.number(strokeWidth)), ("stroke-dasharray", dash)])
    }

    /// A path from absolute points: `M x0 y0 L x1 y1 …` (closed with `Z` when `closed`).
    mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String?, strokeWidth: Double = 1.5,
                                  fill: String = "none", fillOpacity: Double? = nil, dash: String? = nil,
                                  closed: Bool = false, cssClass: String? = nil) {
        guard !points.isEmpty else { return }
        var d = points.enumerated().map { i, p in "\(i == 0 ? "M" : "L")\(Self.number(p.x)) \(Self.number(p.y))" }
            .joined(separator: " ")
        if closed { d += " Z" }
        element("path", [("class", cssClass), ("d", d), ("fill", fill), ("fill-opacity", fillOpacity.map(Self.number)),
                         ("stroke", stroke), ("stroke-width", stroke == nil ? nil : Self.number(strokeWidth)),
                         ("stroke-dasharray", dash)])
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil,
                                cssClass: String? = nil) {
        element("circle", [("class", cssClass), ("cx", Self.number(cx)), ("cy", Self.number(cy)),
                           ("r", Self.number(r)), ("fill", fill), ("stroke", stroke)])
    }

    /// Text at `(x, y)` (baseline), optionally rotated by `rotation` degrees about that point.
    mutating func text(_ content: String, x: Double, y: Double, anchor: TextAnchor = .start,
                              size: Double? = nil, bold: Bool = false, fill: String? = nil,
                              rotation: Double? = nil, cssClass: String? = nil) {
        let transform = rotation.map { "rotate(\(Self.number($0)) \(Self.number(x)) \(Self.number(y)))" }
        element("text", [("class", cssClass), ("x", Self.number(x)), ("y", Self.number(y)),
                         ("text-anchor", anchor == .start ? nil : anchor.rawValue),
                         ("font-size", size.map(Self.number)), ("font-weight", bold ? "bold" : nil),
                         ("fill", fill), ("transform", transform)], text: content)
    }

    /// The figure's title, centred at the top: at the options' title size when it fits the width
    /// (less the padding), else at a smaller size that fits, down to 60 % — below that the text is
    /// also squeezed to the width (`textLength`), so a long title is never cut off.
    mutating func figureTitle(_ title: String, options o: FigureOptions) {
        let available = max(10, o.width - 2 * o.padding)
        let natural = Double(title.count) * 0.62 * o.titleFontSize          // bold runs a little wider
        let size = natural <= available ? o.titleFontSize : max(0.6 * o.titleFontSize, o.titleFontSize * available / natural)
        let squeeze = Double(title.count) * 0.62 * size > available
        element("text", [("class", "figure-title"), ("x", Self.number(o.width / 2)), ("y", Self.number(o.padding + o.titleFontSize)),
                         ("text-anchor", TextAnchor.middle.rawValue), ("font-size", Self.number(size)), ("font-weight", "bold"),
                         ("textLength", squeeze ? Self.number(available) : nil),
                         ("lengthAdjust", squeeze ? "spacingAndGlyphs" : nil)], text: title)
    }

    /// Approximate rendered width of `text` (0.6 em per character), for layout.
    func estimatedWidth(of text: String, size: Double? = nil) -> Double {
        Double(text.count) * 0.6 * (size ?? fontSize)
    }

    /// The complete `<svg>` element with a `<title>` (accessible name), defs and body.
    /// No XML declaration, so the text can be inlined in HTML or written as a file as is.
    /// - Precondition: every `beginGroup` has been closed.
    func svg(title: String) -> String {
        precondition(indent == 1, "SVGCanvas: \(indent - 1) group(s) left open")
        var lines = ["<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
            + " width=\"\(Self.number(width))\" height=\"\(Self.number(height))\""
            + " viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\""
            + " font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"\(Self.number(fontSize))\">"]
        lines.append("  <title>\(MarkupEscaping.xml(title))</title>")
        if !definitions.isEmpty {
            lines.append("  <defs>")
            lines += definitions.map { "    " + $0 }
            lines.append("  </defs>")
        }
        lines += body
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }
}
