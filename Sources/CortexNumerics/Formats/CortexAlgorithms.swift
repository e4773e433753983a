/// The version of CortexKit's numbers: every cached result records the algorithm version that
/// produced it, so a rerun after a fix recomputes instead of reusing stale results.
///
/// **Bump ``version`` whenever a metric's, a noise ceiling's or a statistic's numbers may change**
/// — a fixed bug, a different order of floating-point operations, a new default, another random
/// stream — and likewise when responses built from NWB sessions or a network's layer outputs may
/// change (batch jobs build both). Changing it changes every batch job key
/// (`BatchJob.expand` in CortexPipeline), so every cached job is computed again once.
///
/// It is deliberately apart from the package version: a release that only changes the command
/// line, the reports or the documentation keeps the caches, and a numerical fix between releases
/// does not.
public enum CortexAlgorithms {
    /// The current algorithm version; increase by one (never reuse or decrease).
    ///
    /// History: 1 — the first explicit version (the numbers of CortexKit 0.1.0 as of this change).
    /// 2 — every metric drops frame 0 by default; TSRSA honours its frame RDM (`rdm:` was ignored,
    /// so a cached `rdm: euclidean` TSRSA result held correlation-RDM numbers); exact Euclidean RDMs
    /// on counts; SVCCA/PWCCA dimension cap; trial-bound ceilings and BCa frame-block intervals by
    /// default.
    public static let version = 2
}
