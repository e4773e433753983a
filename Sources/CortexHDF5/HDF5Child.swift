/// One entry of a group listing: a link name and what it refers to.
///
/// ```swift
/// for child in try file.root.children() where child.kind == .dataset { print(child.name) }
/// ```
public struct HDF5Child: Sendable, Equatable, Hashable {
    /// The link name inside its group (one path component).
    public let name: String
    /// The object kind for hard links; `.softLink` / `.externalLink` for those links.
    public let kind: HDF5ObjectKind
    /// For a soft link the target path; for an external link "file:path"; otherwise `nil`.
    public let target: String?

    /// A listing entry.
    public init(name: String, kind: HDF5ObjectKind, target: String? = nil) {
        self.name = name
        self.kind = kind
        self.target = target
    }
}
