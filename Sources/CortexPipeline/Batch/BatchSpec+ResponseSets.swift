import Foundation
import Yams

extension BatchSpec {
    /// The spec's response sets: one unnamed set from top-level `sessions:` and a list of file
    /// names in `responses:`, or the named sets of a `responses:` list of mappings
    /// (`{name:, sessions:, files:}`). Names are unique; each set names at least one input; a spec
    /// with named sets lists its sessions inside the sets.
    static func responseSets(_ top: [String: Node], root: Node, reader: SpecReader, file: String) throws -> [BatchResponseSet] {
        let entries = try top["responses"].map { try reader.sequence($0, key: "responses") } ?? []
        let named = entries.contains { if case .mapping = $0 { return true } else { return false } }
        guard named else {
            let sessions = try top["sessions"].map { try reader.strings($0, key: "sessions") } ?? []
            let files = try top["responses"].map { try reader.strings($0, key: "responses") } ?? []
            guard sessions.count + files.count > 0 else {
                throw PipelineError.invalidSpec(file: file, line: root.mark?.line, key: "sessions",
                                                reason: "name at least one NWB session (sessions:) or response file (responses:)")
            }
            return [BatchResponseSet(name: nil, sessions: sessions, files: files)]
        }
        if let sessions = top["sessions"] {
            throw reader.fail(sessions, "sessions", "the responses are named sets: list each session inside its set "
                              + "(responses: [{name: ephys, sessions: [s.nwb]}, …])")
        }
        var sets: [BatchResponseSet] = []
        for (i, node) in entries.enumerated() {
            let key = "responses[\(i)]"
            guard case .mapping = node else {
                throw reader.fail(node, key, "mix of file names and named sets: give every entry as {name:, sessions:, files:}")
            }
            let m = try reader.mapping(node, key: key, allowed: ["name", "sessions", "files"])
            guard let nameNode = m["name"] else { throw reader.fail(node, key, "each response set needs a name") }
            let name = try reader.string(nameNode, key: key + ".name")
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw reader.fail(nameNode, key + ".name", "the name is empty")
            }
            guard !sets.contains(where: { $0.name == name }) else {
                throw reader.fail(nameNode, key + ".name", "two response sets are named \"\(name)\"")
            }
            let sessions = try m["sessions"].map { try reader.strings($0, key: key + ".sessions") } ?? []
            let files = try m["files"].map { try reader.strings($0, key: key + ".files") } ?? []
            guard sessions.count + files.count > 0 else {
                throw reader.fail(node, key, "response set \"\(name)\" names no input: give sessions: (NWB files) and/or files: (response files)")
            }
            sets.append(BatchResponseSet(name: name, sessions: sessions, files: files))
        }
        return sets
    }
}
