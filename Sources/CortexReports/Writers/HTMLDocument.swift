/// Renders a `ReportDocument` as one self-contained HTML page: inline CSS, inline SVG figures,
/// no scripts and no network references.
///
/// The markup is XHTML-compatible (every element closed, attributes quoted, text escaped with
/// `MarkupEscaping.xml`), so the page parses as XML as well as HTML. Figures are numbered in
/// document order and their SVG ids are prefixed `fig1`, `fig2`, … so they cannot clash.
///
/// ```swift
/// let html = HTMLDocument(document).html
/// ```
public struct HTMLDocument: Sendable {
    public var document: ReportDocument

    public init(_ document: ReportDocument) {
        self.document = document
    }

    /// The complete page.
    public var html: String {
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(MarkupEscaping.xml(document.title))</title>
        <style>
        \(HTMLStyleSheet.css)
        </style>
        </head>
        <body>
        <main>
        <h1>\(MarkupEscaping.xml(document.title))</h1>

        """
        var figureNumber = 0
        render(document.blocks, level: 2, into: &out, figureNumber: &figureNumber)
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    private func render(_ blocks: [ReportBlock], level: Int, into out: inout String, figureNumber: inout Int) {
        for block in blocks {
            switch block {
            case .section(let section):
                let h = min(level, 6)
                out += "<section>\n<h\(h)>\(MarkupEscaping.xml(section.title))</h\(h)>\n"
                render(section.blocks, level: level + 1, into: &out, figureNumber: &figureNumber)
                out += "</section>\n"
            case .paragraph(let text):
                out += "<p>\(MarkupEscaping.xml(text))</p>\n"
            case .list(let items):
                out += "<ul>\n" + items.map { "<li>\(MarkupEscaping.xml($0))</li>\n" }.joined() + "</ul>\n"
            case .table(let table):
                out += Self.tableMarkup(table, cssClass: nil)
            case .figure(let figure):
                figureNumber += 1
                out += "<figure id=\"figure-\(figureNumber)\">\n"
                out += figure.figure.svg(idPrefix: "fig\(figureNumber)")
                out += "<figcaption><strong>Figure \(figureNumber).</strong> "
                    + MarkupEscaping.xml(figure.caption.isEmpty ? figure.title : figure.caption) + "</figcaption>\n"
                out += "</figure>\n"
            case .provenance(let provenance):
                out += "<div class=\"provenance\">\n<p class=\"provenance-label\">Command</p>\n"
                out += "<pre><code>\(MarkupEscaping.xml(provenance.shellCommand))</code></pre>\n"
                for table in provenance.tables { out += Self.tableMarkup(table, cssClass: "provenance-table") }
                out += "</div>\n"
            }
        }
    }

    /// A `<table>` with caption, header row and body; cells aligned per column.
    static func tableMarkup(_ table: Table, cssClass: String?) -> String {
        var out = "<table\(cssClass.map { " class=\"\($0)\"" } ?? "")>\n"
        if let caption = table.caption { out += "<caption>\(MarkupEscaping.xml(caption))</caption>\n" }
        out += "<thead><tr>"
        for column in table.columns {
            out += "<th style=\"text-align:\(column.alignment.css)\">\(MarkupEscaping.xml(column.header))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for (cells, texts) in zip(table.rows, table.formattedRows) {
            out += "<tr>"
            for ((cell, text), column) in zip(zip(cells, texts), table.columns) {
                let numeric: Bool
                if case .number = cell { numeric = true } else { numeric = false }
                out += "<td\(numeric ? " class=\"number\"" : "") style=\"text-align:\(column.alignment.css)\">"
                    + MarkupEscaping.xml(text) + "</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }
}
