import CortexKit
import Foundation

/// A similarity call: the metric with its options and the statistics (permutation p-value,
/// bootstrap interval), computed through CortexKit's public API in the order and with the
/// defaults of `cortex similarity`.
struct SimilarityRequest {
    enum Shuffle: String, CaseIterable { case circular, blocks }
    enum Resample: String, CaseIterable { case neurons, frames }

    var metric: MetricChoice
    var permutations = 0
    var shuffle = Shuffle.circular
    var minimumShift: Int?
    var blockLength = 30
    var bootstrap = 0
    var resample = Resample.neurons
    var level = 0.95
    var intervalMethod = BootstrapIntervalMethod.percentile
    var seed = StatisticsOptions.defaultSeed

    init(metric name: String, options: inout CABIOptions) throws {
        metric = try MetricRequest(kind: name, options: &options).choice
        if let n = try options.int("permutations") { try OptionLimits.check(.permutations, n); permutations = n }
        if let s = try options.choice("shuffle", Shuffle.self) { shuffle = s }
        if let m = try options.int("min_shift") { try OptionLimits.check(.minShift, m); minimumShift = m }
        if let l = try options.int("block_length") { try OptionLimits.check(.blockLength, l); blockLength = l }
        if let n = try options.int("bootstrap") { try OptionLimits.check(.bootstrap, n); bootstrap = n }
        if let r = try options.choice("resample", Resample.self) { resample = r }
        if let l = try options.double("level") { try OptionLimits.check(.level, l); level = l }
        if let m = try options.choice("ci_method", BootstrapIntervalMethod.self) { intervalMethod = m }
        if let s = try options.int("seed") {
            guard let seed = UInt64(exactly: s) else { throw CABIError("seed: expected a non-negative integer, got \(s)") }
            self.seed = seed
        }
        try options.requireAllUsed(known: MetricRequest.optionNames
                                   + ", permutations, shuffle, min_shift, block_length, bootstrap, resample, level, ci_method, seed")
    }

    /// The score and statistics of model `a` against brain `b` (rows = frames). TSRSA streams
    /// both from the caller's memory; the other metrics and the statistics take Double copies.
    func run(_ a: CMatrixView, _ b: CMatrixView) throws -> SimilarityReport {
        guard a.rows == b.rows else {
            throw CABIError("a has \(a.rows) frames (rows) but b has \(b.rows); both need the same frames")
        }
        for (name, m) in [("a", a), ("b", b)] {
            guard m.rows > 0 && m.columns > 0 else { throw CABIError("\(name): the matrix is empty (shape [\(m.rows), \(m.columns)])") }
            guard m.rows >= 3 else { throw CABIError("\(name): \(m.rows) frames (rows), at least 3 needed") }
            if let bad = m.firstNonFinite() {
                throw CABIError("\(name): non-finite value at row \(bad.row), column \(bad.column)")
            }
        }
        let needsDoubles = metric.kind != .tsrsa || permutations > 0 || bootstrap > 0
        let x = needsDoubles ? a.doubles() : NDArray<Double>(shape: [0], scalars: [])
        let y = needsDoubles ? b.doubles() : NDArray<Double>(shape: [0], scalars: [])
        let chosen = metric.metric()
        var report = SimilarityReport(metric: metric.kind.rawValue, metricOptions: metric, frames: a.rows, unitsA: a.columns,
                                      unitsB: b.columns, framePolicy: metric.framePolicy.rawValue)
        if metric.kind == .tsrsa {
            let o = metric.tsrsaOptions
            let result = try TSRSA.score(model: a.frameCorrelations(o, operand: .first),
                                         brain: b.frameCorrelations(o, operand: .second), options: o)
            report.score = SimilarityReport.finite(result.score)
            if result.lagScores.count > 1 {
                report.lags = result.lagScores.map { .init(lag: $0.lag, score: SimilarityReport.finite($0.score)) }
                report.bestLag = result.best.lag
            }
        } else if let cca = try metric.ccaAnalysis(x, y) {
            report.score = SimilarityReport.finite(cca.score)
            report.cca = .init(kX: cca.kx, kY: cca.ky, n: cca.frames, uncappedKX: cca.uncappedKx, uncappedKY: cca.uncappedKy,
                               unitCorrelations: cca.unitCorrelations)
            report.warning = cca.warning
        } else {
            report.score = SimilarityReport.finite(try chosen.score(x, y))
        }
        if metric.kind.hasShuffledControl {
            report.control = SimilarityReport.finite(try ShuffledFramesControl.score(metric: chosen, x, y, seed: seed))
            report.controlSeed = seed
        }
        if permutations > 0 {
            let scheme: PermutationScheme = shuffle == .circular
                ? (minimumShift.map { .circularShift(minimumShift: $0) } ?? .defaultCircularShift(for: chosen, rows: a.rows))
                : .blockPermutation(blockLength: blockLength)
            let test = try PermutationTest.run(metric: chosen, x, y, scheme: scheme, permutations: permutations, seed: seed)
            report.pValue = SimilarityReport.finite(test.pValue)
            report.permutations = permutations
        }
        if bootstrap > 0 {
            let scheme: BootstrapScheme = resample == .neurons ? .neurons : .frames(blockLength: blockLength)
            let ci = try Bootstrap.confidenceInterval(metric: chosen, x, y, scheme: scheme, resamples: bootstrap,
                                                      level: level, method: intervalMethod, seed: seed)
            report.ci = .init(lower: SimilarityReport.finite(ci.lower), upper: SimilarityReport.finite(ci.upper), level: level,
                              resamples: bootstrap, resample: resample.rawValue, method: intervalMethod.rawValue)
        }
        if permutations > 0 || bootstrap > 0 { report.seed = seed }
        return report
    }
}
