/// File names for figures written beside a Markdown report: the figure's number as the report
/// captions it ("Figure 7"), then its title, `figure-07-best-layer-per-area.svg`.
///
/// The title part is the title lower-cased with every run of characters outside `[a-z0-9]`
/// replaced by one `-`, trimmed of `-`, cut at a word boundary to at most 100 characters, left out
/// if nothing is left. So names never contain path separators, `..`, dots other than the
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
        guard stem.count > maximumStemLength else { return stem }
        let cut = String(stem.prefix(maximumStemLength + 1))
        if let dash = cut.lastIndex(of: "-"), dash > cut.startIndex { return String(cut[..<dash]) }
        return String(stem.prefix(maximumStemLength))
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
