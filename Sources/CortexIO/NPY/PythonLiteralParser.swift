/// A recursive-descent parser for the Python literals in a `.npy` header.
///
/// Grammar (whitespace, including newlines, allowed between tokens):
///
/// ```
/// value   := string | integer | 'True' | 'False' | 'None' | tuple | list | dict
/// tuple   := '(' ')' | '(' value ',' ')' | '(' value (',' value)+ ','? ')'
/// list    := '[' (value (',' value)* ','?)? ']'
/// dict    := '{' (value ':' value (',' value ':' value)* ','?)? '}'
/// integer := ('+' | '-')? digit+ ('L' | 'l')?        -- the L suffix of Python 2 headers
/// string  := '…' | "…" with backslash escapes \\ \' \" \n \t \r \0 \xHH
/// ```
///
/// As in Python, `(5)` is the integer 5 and `(5,)` a one-element tuple. Nesting is limited to
/// `maximumDepth` so a hostile header cannot exhaust the stack.
struct PythonLiteralParser {
    /// Why a header failed to parse, with the offset (in Unicode scalars) where it happened.
    struct Failure: Error, Equatable {
        var reason: String
        var offset: Int
    }

    /// Deepest nesting of brackets accepted.
    static let maximumDepth = 32

    private let text: [Unicode.Scalar]
    private var position = 0
    private var depth = 0

    /// Parses `text`, which must hold exactly one literal (surrounding whitespace allowed).
    static func parse(_ text: String) throws(Failure) -> PythonLiteral {
        var parser = PythonLiteralParser(text: Array(text.unicodeScalars))
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == parser.text.count else { throw parser.failure("unexpected text after the literal") }
        return value
    }

    private init(text: [Unicode.Scalar]) { self.text = text }

    private var current: Unicode.Scalar? { position < text.count ? text[position] : nil }

    private func failure(_ reason: String) -> Failure { Failure(reason: reason, offset: position) }

    private mutating func skipWhitespace() {
        while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" || c == "\u{0B}" {
            position += 1
        }
    }

    /// Consumes `c` (after whitespace) if it is next; returns whether it did.
    private mutating func consume(_ c: Unicode.Scalar) -> Bool {
        skipWhitespace()
        guard current == c else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ c: Unicode.Scalar) throws(Failure) {
        guard consume(c) else {
            throw failure("expected '\(c)', found " + (current.map { "'\($0)'" } ?? "end of header"))
        }
    }

    private mutating func parseValue() throws(Failure) -> PythonLiteral {
        skipWhitespace()
        guard let c = current else { throw failure("expected a value, found end of header") }
        switch c {
        case "'", "\"": return .string(try parseString(quote: c))
        case "(", "[", "{": return try parseContainer(opening: c)
        case "+", "-", "0"..."9": return .integer(try parseInteger())
        default:
            let keywords: [(String, PythonLiteral)] = [("True", .boolean(true)), ("False", .boolean(false)),
                                                       ("None", PythonLiteral.none)]
            for (word, value) in keywords where hasWord(word) {
                position += word.unicodeScalars.count
                return value
            }
            throw failure("unexpected character '\(c)'")
        }
    }

    /// Whether `word` starts at the current position and is not the prefix of a longer name.
    private func hasWord(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard position + scalars.count <= text.count,
              Array(text[position..<(position + scalars.count)]) == scalars else { return false }
        guard position + scalars.count < text.count else { return true }
        let next = text[position + scalars.count]
        return !(next.properties.isAlphabetic || next == "_" || ("0"..."9").contains(next))
    }

    private mutating func parseInteger() throws(Failure) -> Int {
        var negative = false
        if current == "-" || current == "+" {
            negative = current == "-"
            position += 1
        }
        let start = position
        var magnitude = 0
        while let c = current, ("0"..."9").contains(c) {
            let digit = Int(c.value - 48)
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(digit)
            guard !o1 && !o2 else { throw failure("integer too large") }
            magnitude = sum
            position += 1
        }
        guard position > start else { throw failure("expected digits") }
        if current == "L" || current == "l" { position += 1 }
        if let c = current, c.properties.isAlphabetic || c == "." || c == "_" {
            throw failure("unexpected '\(c)' in integer (only plain integers are allowed)")
        }
        return negative ? -magnitude : magnitude
    }

    private mutating func parseString(quote: Unicode.Scalar) throws(Failure) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        while true {
            guard let c = current else { throw failure("unterminated string") }
            position += 1
            if c == quote { return String(scalars) }
            if c == "\n" { throw failure("newline inside a string") }
            guard c == "\\" else { scalars.append(c); continue }
            guard let e = current else { throw failure("unterminated string") }
            position += 1
            switch e {
            case "\\", "'", "\"": scalars.append(e)
            case "n": scalars.append("\n")
            case "t": scalars.append("\t")
            case "r": scalars.append("\r")
            case "0": scalars.append("\0")
            case "x":
                guard position + 2 <= text.count,
                      let code = UInt8(String(String.UnicodeScalarView(text[position..<(position + 2)])), radix: 16)
                else { throw failure("bad \\x escape") }
                scalars.append(Unicode.Scalar(code))
                position += 2
            default: throw failure("unsupported escape '\\\(e)'")
            }
        }
    }

    private mutating func parseContainer(opening: Unicode.Scalar) throws(Failure) -> PythonLiteral {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth)") }
        position += 1
        let closing: Unicode.Scalar = opening == "(" ? ")" : opening == "[" ? "]" : "}"
        var items: [PythonLiteral] = []
        var pairs: [(key: PythonLiteral, value: PythonLiteral)] = []
        var sawComma = false
        while !consume(closing) {
            if !(items.isEmpty && pairs.isEmpty) {
                try expect(",")
                sawComma = true
                if consume(closing) { break }
            }
            let value = try parseValue()
            if opening == "{" {
                try expect(":")
                pairs.append((value, try parseValue()))
            } else {
                items.append(value)
            }
        }
        switch opening {
        case "{": return .dict(pairs)
        case "[": return .list(items)
        default:
            // `(x)` is just x; `(x,)`, `()` and `(x, y)` are tuples.
            if items.count == 1 && !sawComma { return items[0] }
            return .tuple(items)
        }
    }
}
