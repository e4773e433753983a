/// What `cortex similarity --json` prints: one object, keys in snake_case (``CommandLineJSON``).
///
///     {"metric": "tsrsa", "name": "TSRSA (…)", "frames": 300, "units_a": 16, "units_b": 16,
///      "score": 0.98,                                   (null when NaN)
///      "lags": [{"lag": -3, "score": …}, …], "best_lag": 0,          (TSRSA with --lags a...b)
///      "p_value": 0.005, "permutations": 199,                         (with --permutations)
///      "ci": {"lower", "upper", "level", "resamples", "resample", "method"},  (with --bootstrap)
///      "seed": 7,                                                      (with either)
///      "frame_policy": "drop-first-frame",                             (every metric)
///      "cca": {"k_x", "k_y", "n", "uncapped_k_x", "uncapped_k_y", "unit_correlations"},   (svcca, pwcca)
///      "warning": "…",                                                 (svcca, pwcca: when the cap binds)
///      "control": 0.12, "control_seed": 0}                             (cka-*, svcca, pwcca: frames shuffled)
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

    struct CCADimensions: Encodable {
        var kX: Int
        var kY: Int
        var n: Int
        var uncappedKX: Int
        var uncappedKY: Int
        var unitCorrelations: Int
        enum CodingKeys: String, CodingKey {
            case kX = "k_x", kY = "k_y", n, uncappedKX = "uncapped_k_x", uncappedKY = "uncapped_k_y"
            case unitCorrelations = "unit_correlations"
        }
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
    var framePolicy: String?
    var cca: CCADimensions?
    var warning: String?
    var control: JSONNumber?
    var controlSeed: UInt64?
}
