import ArgumentParser
import CortexKit
import Foundation

/// Runs the root command and turns every failure into one readable line on stderr and a non-zero
/// exit code (help and version requests still print in full on stdout).
enum CommandLineRunner {
    static func main(_ root: any ParsableCommand.Type) -> Never {
        do {
            var command = try root.parseAsRoot()
            try command.run()
            exit(0)
        } catch {
            if let exitCode = error as? ExitCode { exit(exitCode.rawValue) }   // already reported
            let code = root.exitCode(for: error)
            if code == .success {
                root.exit(withError: error)          // --help, --version: full text on stdout
            }
            let text = error is any HintedError ? HintSpelling.message(for: error)
                : FoundationErrorText.message(for: error) ?? root.message(for: error)
            let message = (error as? CommandLineFailure)?.keepsLines == true ? text : oneLine(text)
            let hint = error is CommandLineFailure ? "" : (isUsageError(code) ? " (see 'cortex --help')" : "")
            FileHandle.standardError.write(Data("cortex: error: \(TerminalText.cleanLines(message))\(hint)\n".utf8))
            exit(code.rawValue)
        }
    }

    /// The first line of a message; a first line ending in ':' is followed by a list (the valid
    /// choices of an option), joined into the line so the choices are never lost.
    static func oneLine(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let first = lines.first else { return "failed" }
        guard first.hasSuffix(":"), lines.count > 1 else { return first }
        let items = lines.dropFirst().map { $0.hasPrefix("- ") ? String($0.dropFirst(2)) : $0 }
        return first + " " + items.joined(separator: ", ")
    }

    private static func isUsageError(_ code: ExitCode) -> Bool { code == .validationFailure }
}

/// A runtime failure the CLI reports as one line (the library's typed errors are wrapped in it).
struct CommandLineFailure: Error, CustomStringConvertible {
    var description: String
    /// Print every line of the description (e.g. two configurations side by side), not the first.
    var keepsLines = false
    init(_ description: String) { self.description = description }
    init(lines: [String]) {
        description = lines.joined(separator: "\n")
        keepsLines = true
    }

    /// Runs `body`, turning any error into a one-line failure: its description (newlines folded),
    /// then the library's hint spelled for the command line (``HintSpelling``), `message (hint)`.
    /// `hintFlags` names the flags of library options that depend on the command.
    static func wrapping<T>(hintFlags: [String: String] = [:], _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CommandLineFailure {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch {
            throw CommandLineFailure(HintSpelling.message(for: error, overrides: hintFlags))
        }
    }
}
