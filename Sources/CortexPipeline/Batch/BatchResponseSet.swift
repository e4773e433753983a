import Foundation

/// One population of brain responses in a batch spec: NWB sessions and/or response files pooled
/// together (per area, a pseudo-population). A spec has one unnamed set — its top-level
/// `sessions:` and `responses:` — or several named ones, so a report compares models with, say,
/// Neuropixels and 2-photon responses of the same areas, and the sets with each other:
///
/// ```yaml
/// responses:
///   - name: ephys
///     sessions: [datasets/demo-session.nwb]
///   - name: 2p
///     files: [responses-2p.h5]        # response files from `cortex responses`
/// ```
///
/// Sets never pool with each other. Each set is scored on its own (its own ceilings and
/// statistics), and every two sets are scored against each other area by area
/// (``BatchJob/Kind/brainPair(_:_:)``).
public struct BatchResponseSet: Sendable, Hashable, Codable {
    /// The set's name (`name:`), nil for the single unnamed set of a spec without named sets.
    public var name: String?
    /// NWB session files, relative to the spec's folder.
    public var sessions: [String]
    /// Response files (`cortex responses`), relative to the spec's folder.
    public var files: [String]

    public init(name: String?, sessions: [String], files: [String]) {
        self.name = name
        self.sessions = sessions
        self.files = files
    }

    /// Every input of the set: sessions, then response files.
    public var inputs: [String] { sessions + files }

    /// How reports and messages name the set (`responses` for the unnamed one).
    public var label: String { name ?? "responses" }
}
