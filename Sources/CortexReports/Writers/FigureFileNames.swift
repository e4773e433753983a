/// File names for figures written beside a Markdown report, derived from their titles.
///
/// A name is the title lower-cased with every run of characters outside `[a-z0-9]` replaced by
/// one `-`, trimmed of `-`, cut to 60 characters, `figure` if nothing is left, then the
/// extension. So names never contain path separators, `..`, dots other than the extension's,
/// spaces or control characters, and cannot leave the output directory. Duplicates get `-2`,
/// `-3`, … in document order, so the assignment is deterministic and unique.
///
/// ```swift
/// FigureFileNames.names(for: ["V1 / LM", "../../etc/passwd", "", "V1 / LM"])
/// // ["v1-lm.svg", "etc-passwd.svg", "figure.svg", "v1-lm-2.svg"]
/// ```
public enum FigureFileNames {
    /// Maximum length of the stem (before de-duplication suffix and extension).
    public static let maximumStemLength = 60

    /// The sanitised stem of one title.
    public static func stem(for title: String) -> String {
        var stem = ""
        var pendingDash = false
        for scalar in title.lowercased().unicodeScalars {
            if scalar.isASCII, ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingDash && !stem.isEmpty { stem += "-" }
                pendingDash = false
                stem.unicodeScalars.append(scalar)
                if stem.count >= maximumStemLength { break }
            } else {
                pendingDash = true
            }
        }
        return stem.isEmpty ? "figure" : stem
    }

    /// Unique file names for `titles`, in order.
    public static func names(for titles: [String], fileExtension: String = "svg") -> [String] {
        var used = Set<String>()
        return titles.map { title in
            let stem = stem(for: title)
            var candidate = "\(stem).\(fileExtension)"
            var counter = 2
            while used.contains(candidate) {
                candidate = "\(stem)-\(counter).\(fileExtension)"
                counter += 1
            }
            used.insert(candidate)
            return candidate
        }
    }
}
