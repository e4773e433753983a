/// What a write does when its target (dataset or attribute) already exists.
public enum HDF5OverwritePolicy: Sendable, Equatable, CaseIterable {
    /// Throw `HDF5Error.alreadyExists` (the default: never lose data silently).
    case fail
    /// Unlink the existing object (or delete the attribute) and write anew. The space of an unlinked
    /// dataset is not reclaimed inside the file until it is repacked (HDF5 has no free-space reuse
    /// across sessions by default).
    case replace
}
