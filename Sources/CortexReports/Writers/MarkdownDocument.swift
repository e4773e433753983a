/// Renders a `ReportDocument` as Markdown (CommonMark with GFM pipe tables) plus one SVG file
/// per figure, to be written beside the `.md` file.
///
/// All text is escaped with `MarkupEscaping.markdownInline` (table cells therefore have `|`
/// escaped); the command in the provenance block goes in a fenced code block whose fence is longer
/// than any backtick run in it. Figure files are named by `FigureFileNames` and linked relatively.
///
/// ```swift
/// let markdown = MarkdownDocument(document)
/// markdown.markdown            // text of report.md
/// markdown.figureFiles         // [(fileName: "model-a.svg", svg: "<svg …")]
/// ```
public struct MarkdownDocument: Sendable {
    /// A figure to write beside the Markdown file.
    public struct FigureFile: Sendable, Hashable {
        /// A bare file name (no directories), e.g. `model-a.svg`.
        public var fileName: String
        /// The SVG text (with XML declaration).
        public var svg: String
    }

    public var document: ReportDocument
    /// File names of the figures, in document order.
    public let figureFileNames: [String]

    public init(_ document: ReportDocument) {
        self.document = document
        self.figureFileNames = FigureFileNames.names(for: document.figures.map(\.title))
    }

    /// The figure files, in document order.
    public var figureFiles: [FigureFile] { figureFiles(size: nil) }

    /// The figure files, each laid out again at `size` when given (``FigureSize``).
    public func figureFiles(size: FigureSize?) -> [FigureFile] {
        zip(document.figures, figureFileNames).enumerated().map { index, pair in
            var svg = pair.0.figure.svg(idPrefix: "fig\(index + 1)")
            if let size, var sized = pair.0.figure as? any SizedFigure {
                sized.options = size.options(from: sized.options)
                svg = size.inMillimetres(sized.svg(idPrefix: "fig\(index + 1)"), options: sized.options)
            }
            return FigureFile(fileName: pair.1, svg: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg)
        }
    }

    /// The Markdown text.
    public var markdown: String {
        var out = "# \(MarkupEscaping.markdownInline(document.title))\n"
        var figureNumber = 0
        render(document.blocks, level: 2, into: &out, figureNumber: &figureNumber)
        return out
    }

    private func render(_ blocks: [ReportBlock], level: Int, into out: inout String, figureNumber: inout Int) {
        for block in blocks {
            out += "\n"
            switch block {
            case .section(let section):
                out += String(repeating: "#", count: min(level, 6)) + " " + MarkupEscaping.markdownInline(section.title) + "\n"
                render(section.blocks, level: level + 1, into: &out, figureNumber: &figureNumber)
            case .paragraph(let text):
                out += MarkupEscaping.markdownInline(text) + "\n"
            case .list(let items):
                out += items.map { "- " + MarkupEscaping.markdownInline($0) + "\n" }.joined()
            case .table(let table):
                out += Self.tableMarkdown(table)
            case .figure(let figure):
                let fileName = figureFileNames[figureNumber]
                figureNumber += 1
                out += "![\(MarkupEscaping.markdownInline(figure.title))](\(fileName))\n\n"
                out += "**Figure \(figureNumber).** "
                    + MarkupEscaping.markdownInline(figure.caption.isEmpty ? figure.title : figure.caption) + "\n"
            case .provenance(let provenance):
                out += "**Command**\n\n"
                let command = provenance.shellCommand
                let fence = String(repeating: "`", count: max(3, Self.longestBacktickRun(in: command) + 1))
                out += "\(fence)sh\n\(command)\n\(fence)\n"
                for table in provenance.tables { out += "\n" + Self.tableMarkdown(table) }
            }
        }
    }

    /// A GFM pipe table, preceded by its caption in bold when it has one.
    static func tableMarkdown(_ table: Table) -> String {
        var out = ""
        if let caption = table.caption { out += "**\(MarkupEscaping.markdownInline(caption))**\n\n" }
        func row(_ cells: [String]) -> String {
            "| " + cells.map { cell in
                let escaped = MarkupEscaping.markdownTableCell(cell)
                return escaped.isEmpty ? " " : escaped
            }.joined(separator: " | ") + " |\n"
        }
        out += row(table.columns.map(\.header))
        out += "| " + table.columns.map(\.alignment.markdownDelimiter).joined(separator: " | ") + " |\n"
        for cells in table.formattedRows { out += row(cells) }
        return out
    }

    static func longestBacktickRun(in text: String) -> Int {
        var longest = 0, current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
