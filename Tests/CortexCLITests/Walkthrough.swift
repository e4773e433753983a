import Foundation

/// A `notebooks-md/` walkthrough: its `console` blocks are commands (`$ …`) each followed by the
/// output lines the reader should see. The tests run every command and compare.
///
/// Matching rules, chosen so walkthroughs stay readable and still catch drift:
/// - each expected line must match the output line at the same position (after the previous
///   matches); `…` in an expected line matches any text, including none;
/// - output may have more lines than the walkthrough shows only where the expected block ends
///   with a line that is exactly `…`;
/// - a command ending in `# exits N` must exit with status N (otherwise 0); commands run under
///   `bash -o pipefail`, so a failing command inside a pipe sets the status;
/// - `$OUT` in expected lines stands for the walkthrough's output folder, as in the commands;
/// - a ```` ```python ```` block is one step run by `python3` (from the repository root, `$OUT` in its
///   environment) that must print nothing (docs/formats.md writes its example files so).
///
/// Walkthroughs named `…python.md` use the Python package and are run by its tests (python/tests).
struct Walkthrough {
    struct Step {
        var command: String
        var expectedStatus: Int32
        var expectedLines: [String]
        var allowsMore: Bool
        var line: Int
    }

    var name: String
    var steps: [Step]

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("notebooks-md")

    static func all() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".md") && $0 != "README.md" && !$0.hasSuffix("python.md") }.sorted()
    }

    init(name: String) throws {
        try self.init(url: Self.directory.appendingPathComponent(name))
    }

    /// Reads the walkthrough (or any Markdown document with `console` and `python` blocks) at `url`.
    init(url: URL) throws {
        self.name = url.lastPathComponent
        let text = try String(contentsOf: url, encoding: .utf8)
        var steps: [Step] = []
        var inConsole = false
        var python: (code: [String], line: Int)?
        for (number, raw) in text.components(separatedBy: "\n").enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces) == "```" ? "```" : raw
            if let block = python {
                if line == "```" {
                    steps.append(Step(command: "python3 - <<'PYTHON'\n" + block.code.joined(separator: "\n") + "\nPYTHON",
                                      expectedStatus: 0, expectedLines: [], allowsMore: false, line: block.line))
                    python = nil
                } else {
                    python?.code.append(raw)
                }
                continue
            }
            if line.hasPrefix("```") {
                if !inConsole && line == "```python" { python = ([], number + 1); continue }
                inConsole = !inConsole && line == "```console"
                continue
            }
            guard inConsole else { continue }
            if line.hasPrefix("$ ") {
                var command = String(line.dropFirst(2))
                var status: Int32 = 0
                if let range = command.range(of: #"\s+# exits (\d+)$"#, options: .regularExpression) {
                    status = Int32(command[range].split(separator: " ").last!)!
                    command.removeSubrange(range)
                }
                steps.append(Step(command: command, expectedStatus: status, expectedLines: [], allowsMore: false,
                                  line: number + 1))
            } else if !steps.isEmpty {
                if line == "…" { steps[steps.count - 1].allowsMore = true } else {
                    steps[steps.count - 1].expectedLines.append(line)
                }
            }
        }
        self.steps = steps
    }

    /// Whether `actual` matches `pattern` with `…` as a wildcard.
    static func matches(_ actual: String, _ pattern: String) -> Bool {
        let parts = pattern.components(separatedBy: "…")
        if parts.count == 1 { return actual == pattern }
        guard actual.hasPrefix(parts[0]) else { return false }
        var rest = actual.dropFirst(parts[0].count)
        for (i, part) in parts.enumerated().dropFirst() {
            if i == parts.count - 1 { return part.isEmpty || rest.hasSuffix(part) }
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }

    /// Compares a command's output lines with the step's expectations; nil when they match.
    static func mismatch(_ output: String, _ step: Step) -> String? {
        var lines = output.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        for (i, expected) in step.expectedLines.enumerated() {
            guard i < lines.count else { return "missing line \(i + 1): expected \"\(expected)\"" }
            if !matches(lines[i], expected) { return "line \(i + 1): expected \"\(expected)\", got \"\(lines[i])\"" }
        }
        if !step.allowsMore && lines.count > step.expectedLines.count {
            return "unexpected extra output from line \(step.expectedLines.count + 1): \"\(lines[step.expectedLines.count])\""
        }
        return nil
    }
}
