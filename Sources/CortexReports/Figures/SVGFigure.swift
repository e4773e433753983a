/// A figure that renders itself as a self-contained SVG image (no scripts, no external references).
///
/// `svg(idPrefix:)` takes a prefix for the ids of internal definitions (patterns, gradients) so
/// several figures can be inlined in one HTML page without id clashes; `HTMLDocument` passes
/// `fig1`, `fig2`, …. Rendering is deterministic: equal figures give identical text.
public protocol SVGFigure: Sendable {
    /// The figure's title, drawn at the top and used as the SVG `<title>`.
    var title: String { get }
    /// The complete `<svg>` element.
    func svg(idPrefix: String) -> String
}

extension SVGFigure {
    /// The figure rendered with the default id prefix `figure`.
    public var svg: String { svg(idPrefix: "figure") }

    /// Sanitises an id prefix to `[A-Za-z0-9_-]`, starting with a letter.
    static func safeID(_ prefix: String) -> String {
        let kept = String(prefix.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") })
        guard let first = kept.unicodeScalars.first, first.properties.isAlphabetic else { return "f" + kept }
        return kept
    }
}
