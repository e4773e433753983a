/// Escaping of user-supplied text (labels, titles, table cells) for each output language.
///
/// Labels come from user files, so every string that reaches SVG, HTML or Markdown goes through one
/// of these functions first; the writers never interpolate raw text. XML and Markdown need different
/// rules, which is why escaping belongs to the writers and not to the content model.
///
/// ```swift
/// MarkupEscaping.xml("V1 <script> & \"LM\"")   // "V1 &lt;script&gt; &amp; &quot;LM&quot;"
/// MarkupEscaping.markdownTableCell("a|b")      // "a\\|b"
/// ```
public enum MarkupEscaping {
    /// Text safe inside XML/XHTML/SVG element content and attribute values (either quote style).
    ///
    /// Replaces `& < > " '` by entities and drops code points that XML 1.0 forbids (C0 controls
    /// other than tab, line feed and carriage return; U+FFFE, U+FFFF), so the result always parses.
    /// Complexity: O(n) in the number of Unicode scalars.
    public static func xml(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                if isXMLCharacter(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// Whether `scalar` is a `Char` of the XML 1.0 grammar (production [2]).
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Text safe as inline Markdown (CommonMark): characters that open emphasis, code, links,
    /// tables or strikethrough (`\ ` * _ [ ] | ~`) are backslash-escaped, `&`/`<`/`>` become
    /// entities (so no raw HTML passes through), control characters are dropped, line breaks
    /// become spaces (a paragraph stays one block) and leading blanks are removed. Characters that
    /// only matter at the start of a line (`#`, `-`, `+`, `=`, an ordered-list `1.`) are escaped
    /// only there, so numbers such as `0.412` and names such as `SHA-256` stay readable.
    public static func markdownInline(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\n", "\r", "\t", " ":
                if !result.isEmpty { result += " " }
            case "\\", "`", "*", "_", "[", "]", "|", "~":
                result += "\\"
                result.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0x7F && isXMLCharacter(scalar) {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        if let first = result.first, "#-+=".contains(first) {
            result.insert("\\", at: result.startIndex)
        } else if let marker = result.firstIndex(where: { !$0.isASCII || !$0.isNumber }),
                  marker != result.startIndex, result[marker] == "." || result[marker] == ")" {
            let next = result.index(after: marker)
            if next == result.endIndex || result[next] == " " { result.insert("\\", at: marker) }
        }
        return result
    }

    /// Text safe inside one cell of a Markdown (GFM) pipe table: as `markdownInline`, which
    /// already escapes `|` as `\|` so the cell cannot split into two columns.
    public static func markdownTableCell(_ text: String) -> String {
        markdownInline(text)
    }
}
