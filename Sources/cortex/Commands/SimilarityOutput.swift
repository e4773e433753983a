/// What `cortex similarity --json` prints: one object, keys in snake_case (``CommandLineJSON``).
///
///     {"metric": "tsrsa", "name": "TSRSA (…)", "frames": 300, "units_a": 16, "units_b": 16,
///      "score": 0.98,                                   (null when NaN)
///      "lags": [{"lag": -3, "score": …}, …], "best_lag": 0,          (TSRSA with --lags a...b)
///      "p_value": 0.005, "permutations": 199,                         (with --permutations)
///      "ci": {"lower", "upper", "level", "resamples", "resample", "method"},  (with --bootstrap)
///      "seed": 7}                                                      (with either)
struct SimilarityOutput: Encodable {
    struct Lag: Encodable {
        var lag: Int
        var score: JSONNumber
    }
    struct Interval: Encodable {
        var lower: JSONNumber
        var upper: JSONNumber
        var level: Double
        var resamples: Int
        var resample: String
        var method: String
    }

    var metric: String
    var name: String
    var frames: Int
    var unitsA: Int
    var unitsB: Int
    var score: JSONNumber
    var lags: [Lag]?
    var bestLag: Int?
    var pValue: JSONNumber?
    var permutations: Int?
    var ci: Interval?
    var seed: UInt64?
}
