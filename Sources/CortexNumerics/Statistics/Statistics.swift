/// Descriptive statistics of vectors: mean, variance, ranks, quantiles and the median.
///
/// A namespace, so that `let mean = Statistics.mean(x)` reads well and never collides with a
/// local name. Matrix statistics (column means, centring, norms) are methods of `NDArray`.
public enum Statistics {}
