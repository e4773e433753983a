extension PermutationScheme {
    /// The default smallest circular shift: a quarter of the frames the metric compares, at most
    /// 30 frames (1 s at 30 Hz) and at least 1, so shifted frames are far from their own
    /// neighbourhood in time.
    ///
    ///     minimumShift = max(1, min(30, ⌊comparedFrames / 4⌋))
    ///
    /// Counted over the frames the metric actually compares (``SimilarityMetric/comparedFrames(rows:)``:
    /// TSRSA drops the first frame by default), so `cortex similarity`, `cortex compare` and batch
    /// reports use the same shift for the same inputs.
    public static func defaultMinimumShift(comparedFrames: Int) -> Int {
        max(1, min(30, comparedFrames / 4))
    }

    /// Circular shifts with the default smallest shift for `metric` on matrices of `rows` frames.
    public static func defaultCircularShift(for metric: some SimilarityMetric, rows: Int) -> PermutationScheme {
        .circularShift(minimumShift: defaultMinimumShift(comparedFrames: metric.comparedFrames(rows: rows)))
    }
}
