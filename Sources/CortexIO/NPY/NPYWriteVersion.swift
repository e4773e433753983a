/// How `NPYFile.write` picks the format version of the file it writes.
public enum NPYWriteVersion: Sendable, Hashable {
    /// The oldest version whose header can hold the array, as NumPy does: 1.0 unless the header
    /// is longer than 65 535 bytes (an array of very high rank), then 2.0. CortexKit headers are
    /// always ASCII, so 3.0 is never needed.
    case smallest
    /// Exactly this version; writing throws `NPYError.headerTooLarge` if the header does not fit.
    case exactly(NPYVersion)
}
