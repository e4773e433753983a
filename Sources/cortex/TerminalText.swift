import Foundation

/// Text from files (area, stimulus, layer names) as it may reach a terminal: control characters
/// (escape sequences that could recolour, move the cursor or retitle the window) become `?`.
enum TerminalText {
    /// One line: every control and format character becomes `?`.
    static func clean(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { isUnsafe($0) ? "?" : $0 }))
    }

    /// Text of several lines: as ``clean(_:)``, keeping line feeds and tabs.
    static func cleanLines(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\n" || $0 == "\t" || !isUnsafe($0) ? $0 : "?" }))
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
    }
}

/// Writes `text` on stderr, cleaned as ``TerminalText/cleanLines(_:)``: every note, warning and
/// verbose line the CLI prints there.
func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data(TerminalText.cleanLines(text).utf8))
}

/// Everything the CLI prints on stdout passes through here: text from files (area, model, layer,
/// stimulus and session names, paths) reaches the terminal without control sequences, whichever
/// command prints it. JSON is unchanged (its encoder already escapes control characters).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(TerminalText.cleanLines(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator)
}
