/// Which one-dimensional signals of a matrix (a rank-2 ``NDArray``) an operation runs along.
///
/// CortexKit response matrices are frames × units, so smoothing spike counts over time is
/// `.eachColumn`.
public enum SignalAxis: Hashable, Sendable, CaseIterable {
    /// Every row is a signal; the operation runs along the last axis (NumPy `axis=1`).
    case eachRow
    /// Every column is a signal; the operation runs along the first axis (NumPy `axis=0`).
    case eachColumn
}
