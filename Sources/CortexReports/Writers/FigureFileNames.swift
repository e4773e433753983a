/// File names for figures written beside a Markdown report: the figure's number as the report
/// captions it ("Figure 7"), then its title, `figure-07-best-layer-per-area.svg`.
///
/// The title part is the title lower-cased with every run of characters outside `[a-z0-9]`
/// replaced by one `-`, trimmed of `-`, cut at a word boundary to at most 100 characters, left out
/// if nothing is left. A long title's cut falls before its first ` · ` (the words after it — the
/// metric and response set of a report's figure — are kept whole when they fit), so two cut names
/// still say which comparison they belong to. So names never contain path separators, `..`, dots other than the
/// extension's, spaces or control characters, cannot leave the output directory, are unique (the
/// numbers are) and say which figure of the report they are.
///
/// ```swift
/// FigureFileNames.names(for: ["V1 / LM", "../../etc/passwd", "", "V1 / LM"])
/// // ["figure-1-v1-lm.svg", "figure-2-etc-passwd.svg", "figure-3.svg", "figure-4-v1-lm.svg"]
/// ```
public enum FigureFileNames {
    /// Maximum length of the title part.
    public static let maximumStemLength = 100

    /// The sanitised title part of one title ("" when nothing is left), cut at a word boundary.
    public static func stem(for title: String) -> String {
        let stem = sanitized(title)
        guard stem.count > maximumStemLength else { return stem }
        if let separator = title.range(of: " · ") {
            let tail = sanitized(String(title[separator.upperBound...]))
            let head = sanitized(String(title[..<separator.lowerBound]))
            if !tail.isEmpty, !head.isEmpty, tail.count + 1 < maximumStemLength - 8 {
                return cut(head, to: maximumStemLength - tail.count - 1) + "-" + tail
            }
        }
        return cut(stem, to: maximumStemLength)
    }

    /// `stem` cut at a word boundary to at most `limit` characters (mid-word only for one long word).
    private static func cut(_ stem: String, to limit: Int) -> String {
        guard stem.count > limit else { return stem }
        let prefix = String(stem.prefix(limit + 1))
        if let dash = prefix.lastIndex(of: "-"), dash > prefix.startIndex { return String(prefix[..<dash]) }
        return String(stem.prefix(limit))
    }

    /// The title lower-cased, runs outside `[a-z0-9]` replaced by one `-`, trimmed of `-`.
    private static func sanitized(_ title: String) -> String {
        var stem = ""
        var pendingDash = false
        for scalar in title.lowercased().unicodeScalars {
            if scalar.isASCII, ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingDash && !stem.isEmpty { stem += "-" }
                pendingDash = false
                stem.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return stem
    }

    /// File names for `titles`, in order (figure numbers from 1, zero-padded to the same width).
    public static func names(for titles: [String], fileExtension: String = "svg") -> [String] {
        let width = String(titles.count).count
        return titles.enumerated().map { index, title in
            let number = String(index + 1)
            let padded = String(repeating: "0", count: width - number.count) + number
            let stem = stem(for: title)
            return "figure-\(padded)" + (stem.isEmpty ? "" : "-\(stem)") + ".\(fileExtension)"
        }
    }
}
