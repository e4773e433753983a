import CortexKit
import Foundation

/// What `ck_similarity` returns as JSON: the keys and values of `cortex similarity --json`
/// (snake_case; NaN as null), so the Python result equals the command's on the same inputs.
struct SimilarityReport: Encodable {
    struct Lag: Encodable { var lag: Int; var score: Double? }
    struct Interval: Encodable {
        var lower: Double?
        var upper: Double?
        var level: Double
        var resamples: Int
        var resample: String
        var method: String
    }
    struct CCADimensions: Encodable {
        var kX: Int, kY: Int, n: Int, uncappedKX: Int, uncappedKY: Int, unitCorrelations: Int
        enum CodingKeys: String, CodingKey {
            case kX = "k_x", kY = "k_y", n, uncappedKX = "uncapped_k_x", uncappedKY = "uncapped_k_y"
            case unitCorrelations = "unit_correlations"
        }
    }

    var metric: String
    var metricOptions: MetricChoice
    var frames: Int
    var unitsA: Int
    var unitsB: Int
    var score: Double?
    var lags: [Lag]?
    var bestLag: Int?
    var pValue: Double?
    var permutations: Int?
    var ci: Interval?
    var seed: UInt64?
    var framePolicy: String
    var cca: CCADimensions?
    var warning: String?
    var control: Double?
    var controlSeed: UInt64?

    enum CodingKeys: String, CodingKey {
        case metric, metricOptions = "metric_options", frames, unitsA = "units_a", unitsB = "units_b", score, lags
        case bestLag = "best_lag", pValue = "p_value", permutations, ci, seed, framePolicy = "frame_policy", cca, warning
        case control, controlSeed = "control_seed"
    }

    /// A finite value, or nil (JSON null) for NaN and infinities.
    static func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
