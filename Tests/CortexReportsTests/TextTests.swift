import Testing
@testable import CortexReports

@Suite("Escaping and number formats")
struct TextTests {
    @Test("XML escaping replaces the five special characters and drops forbidden control characters")
    func xml() {
        #expect(MarkupEscaping.xml("a & b < c > d \" e ' f") == "a &amp; b &lt; c &gt; d &quot; e &#39; f")
        #expect(MarkupEscaping.xml("bell\u{07}tab\tnl\n") == "belltab\tnl\n")
        #expect(MarkupEscaping.xml("µ × ü 😀") == "µ × ü 😀")
        #expect(XMLInspection("<a b=\"\(MarkupEscaping.xml("\"'<&>"))\">\(MarkupEscaping.xml("</a><script>"))</a>") != nil)
    }

    @Test("Markdown escaping neutralises emphasis, links, pipes, raw HTML and list markers")
    func markdown() {
        #expect(MarkupEscaping.markdownInline("*a* _b_ [c](d) <e> & | `f` ~g~") == "\\*a\\* \\_b\\_ \\[c\\](d) &lt;e&gt; &amp; \\| \\`f\\` \\~g\\~")
        #expect(MarkupEscaping.markdownInline("![img](x)") == "!\\[img\\](x)")
        #expect(MarkupEscaping.markdownInline("line1\nline2") == "line1 line2")
        #expect(MarkupEscaping.markdownInline("1. not a list") == "1\\. not a list")
        #expect(MarkupEscaping.markdownInline("12) not a list") == "12\\) not a list")
        #expect(MarkupEscaping.markdownInline("0.412 and SHA-256") == "0.412 and SHA-256")
        #expect(MarkupEscaping.markdownInline("- not an item") == "\\- not an item")
        #expect(MarkupEscaping.markdownInline("    not code") == "not code")
        #expect(MarkupEscaping.markdownInline("# not a heading") == "\\# not a heading")
        #expect(MarkupEscaping.markdownTableCell("a|b") == "a\\|b")
    }

    @Test("number formats are locale-independent and drop the sign of negative zero")
    func numbers() {
        #expect(NumberFormat.fixed(digits: 3).string(0.12345) == "0.123")
        #expect(NumberFormat.fixed(digits: 2).string(-0.0004) == "0.00")
        #expect(NumberFormat.fixed(digits: 2).string(-1.5) == "-1.50")
        #expect(NumberFormat.scientific(digits: 2).string(12345) == "1.23e+04")
        #expect(NumberFormat.percent(digits: 1).string(0.5) == "50.0%")
        #expect(NumberFormat.integer.string(41.6) == "42")
        #expect(NumberFormat.significant(digits: 3).string(0.000123456) == "0.000123")
        #expect(NumberFormat.fixed(digits: 2).string(.nan) == "NaN")
        #expect(NumberFormat.fixed(digits: 2).string(-.infinity) == "-inf")
    }

    @Test("SVG coordinates have at most two decimals and no trailing zeros")
    func coordinates() {
        #expect(SVGCanvas.number(12) == "12")
        #expect(SVGCanvas.number(3.5) == "3.5")
        #expect(SVGCanvas.number(-0.254) == "-0.25")
        #expect(SVGCanvas.number(0.05) == "0.05")
        #expect(SVGCanvas.number(-0.001) == "0")
        #expect(SVGCanvas.number(.nan) == "0")
        #expect(SVGCanvas.number(1234.567) == "1234.57")
    }

    @Test("shell quoting leaves safe words bare and quotes everything else")
    func shellQuoting() {
        let provenance = Provenance(command: ["cortex", "--out", "a b", "it's", "", "x=1"])
        #expect(provenance.shellCommand == "cortex --out 'a b' 'it'\\''s' '' x=1")
    }
}
