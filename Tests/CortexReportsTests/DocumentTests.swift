import Foundation
import Testing
@testable import CortexReports

@Suite("HTML and Markdown documents")
struct DocumentTests {
    @Test("HTML parses as XML and contains every block, figure and table")
    func htmlStructure() throws {
        let html = HTMLDocument(SampleReport.document).html
        let xml = try #require(XMLInspection(html), "report.html is not well-formed XML")
        #expect(xml.named("svg").count == 6)
        #expect(xml.named("figure").count == 6)
        #expect(xml.named("figcaption").map(\.text).contains(" Layers × areas."))
        #expect(xml.named("strong").map(\.text) == (1...6).map { "Figure \($0)." })
        #expect(xml.named("table").count == 1 + 4)
        #expect(xml.named("section").count == 4)
        #expect(xml.named("h1").count == 1 && xml.named("h2").count == 3 && xml.named("h3").count == 1)
        #expect(xml.named("li").count == 2)
        #expect(xml.named("pre").count == 1)
        #expect(xml.named("style").count == 1)
        #expect(xml.withClass("provenance").count == 1)
        #expect(xml.named("h1").first?.text == "Similarity report & <friends>")
        let code = try #require(xml.named("code").first?.text)
        #expect(code == SampleReport.provenance.shellCommand)
    }

    @Test("HTML has no scripts and no network references outside plain text")
    func htmlSelfContained() throws {
        let html = HTMLDocument(SampleReport.document).html
        let xml = try #require(XMLInspection(html))
        #expect(xml.named("script").isEmpty)
        #expect(!html.lowercased().contains("<script"))
        for element in xml.elements {
            for (name, value) in element.attributes where name != "xmlns" && name != "xmlns:xlink" {
                let v = value.lowercased()
                #expect(!v.contains("http:") && !v.contains("https:") && !v.hasPrefix("//"),
                        "attribute \(name)=\(value) of <\(element.name)> refers to the network")
                #expect(!name.lowercased().hasPrefix("on"), "event handler attribute \(name)")
            }
        }
        #expect(!html.contains("@import") && !html.contains("url(http"))
        // The URL in the paragraph survives as text.
        #expect(xml.named("p").contains { $0.text.contains("https://example.org") })
        #expect(xml.named("p").contains { $0.text.contains(SampleReport.hostile) })
    }

    @Test("HTML table cells carry their column's alignment and numeric format")
    func htmlTable() throws {
        let xml = try #require(XMLInspection(HTMLDocument(SampleReport.document).html))
        #expect(xml.named("caption").contains { $0.text == "Summary" })
        let cells = xml.named("td").filter { $0.attributes["class"] == "number" }
        #expect(cells.map(\.text).contains("0.412"))
        #expect(cells.map(\.text).contains("61.0%"))
        #expect(cells.allSatisfy { $0.attributes["style"] == "text-align:right" })
        #expect(xml.named("td").map(\.text).contains("—"))
    }

    @Test("Markdown tables have one cell per column on every line, with pipes escaped")
    func markdownTables() {
        let markdown = MarkdownDocument(SampleReport.document).markdown
        let tableLines = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") }
        #expect(tableLines.count == 4 + 4 * 3)  // summary: header, delimiter, 2 rows; provenance: 4 tables of 3 lines
        for block in Self.tables(in: markdown) {
            let counts = block.map(Self.cellCount)
            #expect(Set(counts).count == 1, "ragged table \(block)")
        }
        let summary = Self.tables(in: markdown).first { $0.first?.contains("best layer") == true }
        #expect(summary?.map(Self.cellCount) == [4, 4, 4, 4])
        #expect(summary?[1] == "| :--- | :--- | ---: | ---: |")
        #expect(markdown.contains("rsa \\| spearman"))
        #expect(markdown.contains("&lt;script&gt;"))
        #expect(!markdown.contains("<script>"))
    }

    /// Consecutive table lines, grouped.
    static func tables(in markdown: String) -> [[String]] {
        var groups: [[String]] = [], current: [String] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("|") { current.append(line) } else if !current.isEmpty { groups.append(current); current = [] }
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    /// Columns of one pipe-table line: unescaped `|` separators minus the outer two, plus one.
    static func cellCount(_ line: String) -> Int {
        var separators = 0, escaped = false
        for character in line {
            if character == "\\" && !escaped { escaped = true; continue }
            if character == "|" && !escaped { separators += 1 }
            escaped = false
        }
        return separators - 1
    }

    @Test("Markdown contains every heading, figure link and the fenced command")
    func markdownStructure() {
        let document = MarkdownDocument(SampleReport.document)
        let markdown = document.markdown
        #expect(markdown.hasPrefix("# Similarity report &amp; &lt;friends&gt;\n"))
        #expect(markdown.contains("\n## Heatmaps\n") && markdown.contains("\n### Depth and lag\n"))
        for name in document.figureFileNames { #expect(markdown.contains("](\(name))")) }
        #expect(document.figureFileNames.count == 6)
        #expect(markdown.contains("```sh\n\(SampleReport.provenance.shellCommand)\n```\n"))
        #expect(markdown.contains("- second \\* item"))
        let figureCaptions = markdown.split(separator: "\n").filter { $0.hasPrefix("**Figure ") }
        #expect(figureCaptions.count == 6)
    }

    @Test("the command fence is longer than any backtick run in the command")
    func fence() {
        let provenance = Provenance(command: ["echo", "````"])
        let markdown = MarkdownDocument(ReportDocument(title: "t", blocks: [.provenance(provenance)])).markdown
        #expect(markdown.contains("`````sh\necho '````'\n`````"))
    }

    @Test("rendering the same document twice gives identical bytes")
    func determinism() {
        #expect(HTMLDocument(SampleReport.document).html == HTMLDocument(SampleReport.document).html)
        let a = MarkdownDocument(SampleReport.document), b = MarkdownDocument(SampleReport.document)
        #expect(a.markdown == b.markdown)
        #expect(a.figureFiles == b.figureFiles)
    }

    @Test("figure ids are unique across one HTML page")
    func uniqueIDs() throws {
        let xml = try #require(XMLInspection(HTMLDocument(SampleReport.document).html))
        let ids = xml.elements.compactMap { $0.attributes["id"] }
        #expect(Set(ids).count == ids.count)
        #expect(ids.contains("fig1-nan") && ids.contains("fig1-colorbar"))
    }
}
