/// How hard FFTW's planner searches for a fast algorithm (its planner flags).
///
/// Chosen once per ``FFTPlanCache``; every plan in a cache uses the same rigor.
public enum FFTPlanningRigor: Hashable, Sendable, CaseIterable {
    /// `FFTW_ESTIMATE`: a heuristic plan in microseconds; never touches the arrays. Deterministic:
    /// the same length gives the same plan (and bit-identical results) in every cache and run.
    case estimate
    /// `FFTW_MEASURE`: times candidate algorithms (milliseconds to seconds per length) on scratch
    /// buffers; faster for lengths executed many times. Plans may differ between runs, so results
    /// may differ in the last bits between caches.
    case measure
}
