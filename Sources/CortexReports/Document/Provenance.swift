import Foundation

/// How a report's numbers were produced, so a reader can reproduce them: the exact command,
/// input files with SHA-256 digests, software versions, options and random seeds.
///
/// Values are given by the caller (the reports module computes nothing and reads no clock, so
/// rendering stays deterministic); put a timestamp in `entries` if wanted.
public struct Provenance: Sendable, Hashable {
    /// The command line, one element per argument (quoted for a POSIX shell when rendered).
    public var command: [String]
    public var inputs: [ProvenanceInput]
    public var versions: [ProvenanceEntry]
    public var options: [ProvenanceEntry]
    public var seeds: [ProvenanceEntry]

    public init(command: [String], inputs: [ProvenanceInput] = [], versions: [ProvenanceEntry] = [],
                options: [ProvenanceEntry] = [], seeds: [ProvenanceEntry] = []) {
        self.command = command
        self.inputs = inputs
        self.versions = versions
        self.options = options
        self.seeds = seeds
    }

    /// The command as one line a POSIX shell runs as given: arguments made only of safe
    /// characters stay bare, others are single-quoted (with `'` written as `'\''`).
    public var shellCommand: String {
        command.map(Self.shellQuoted).joined(separator: " ")
    }

    static func shellQuoted(_ argument: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !argument.isEmpty && argument.allSatisfy({ safe.contains($0) }) { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The provenance as tables (inputs, versions, options, seeds), skipping empty ones; both
    /// writers render these with their ordinary table code.
    public var tables: [Table] {
        func table(_ caption: String, _ headers: (String, String), _ rows: [[TableCell]]) -> Table? {
            rows.isEmpty ? nil : Table(caption: caption, columns: [TableColumn(headers.0), TableColumn(headers.1)], rows: rows)
        }
        return [
            table("Input files", ("File", "SHA-256"), inputs.map { input in
                [.text(input.path), .text(input.sha256 + (input.byteCount.map { " (\($0) bytes)" } ?? ""))]
            }),
            table("Versions", ("Component", "Version"), versions.map { [.text($0.name), .text($0.value)] }),
            table("Options", ("Option", "Value"), options.map { [.text($0.name), .text($0.value)] }),
            table("Seeds", ("Seed", "Value"), seeds.map { [.text($0.name), .text($0.value)] }),
        ].compactMap { $0 }
    }
}
