/// What a name in a group refers to.
///
/// Hard links name objects (groups, datasets, committed data types); soft links name a path in the
/// same file and external links a path in another file. Opening through a soft or external link
/// follows it; listing a group reports the link itself (see `HDF5Child`).
public enum HDF5ObjectKind: Sendable, Equatable, Hashable, CaseIterable {
    /// A group (a folder of named links).
    case group
    /// A dataset (an n-dimensional array of typed elements).
    case dataset
    /// A committed ("named") data type.
    case namedType
    /// A soft link: a path inside the same file, possibly dangling.
    case softLink
    /// An external link: a path inside another file.
    case externalLink
    /// A user-defined link class or an object type this library does not know.
    case other
}

extension HDF5ObjectKind: CustomStringConvertible {
    /// A short noun, e.g. "group", "named data type".
    public var description: String {
        switch self {
        case .group: return "group"
        case .dataset: return "dataset"
        case .namedType: return "named data type"
        case .softLink: return "soft link"
        case .externalLink: return "external link"
        case .other: return "object of unknown kind"
        }
    }
}
