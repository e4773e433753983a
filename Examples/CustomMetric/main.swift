// Examples/CustomMetric: the third way to use CortexKit — as a library, with your own metric.
//
// A similarity metric is any value conforming to `SimilarityMetric`. This one correlates the
// population's mean activity over time between model and brain (a crude "does the layer's overall
// drive follow the area's?" score). Passed as a value, it runs through the same batch runner, job
// cache and report as the built-in metrics.
//
//   swift run custom-metric-example SPEC.yaml REPORT_DIR
import CortexKit
import Foundation

/// Pearson correlation between the frame-wise mean activity of the two representations.
struct MeanActivityCorrelation: SimilarityMetric {
    var name: String { "mean-activity correlation" }

    /// Prepared form: the mean over units of every frame.
    func prepare(_ representation: NDArray<Double>) throws -> [Double] { representation.rowMeans() }

    func score(prepared a: [Double], _ b: [Double]) throws -> Double {
        try RDMComparison.pearson.compare(a, b)
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: custom-metric-example SPEC.yaml REPORT_DIR\n".utf8))
    exit(64)
}
do {
    let spec = try BatchSpec(contentsOf: URL(fileURLWithPath: arguments[1]))
    let output = URL(fileURLWithPath: arguments[2])
    let custom = MetricEntry(id: "example/mean-activity-correlation/v1", label: "mean-activity correlation",
                             shortName: "mean-activity", metric: MeanActivityCorrelation())
    let runner = BatchRunner(spec: spec, outputDirectory: output, version: "custom-metric-example",
                             extraMetrics: [custom])
    let summary = try runner.run()
    let comparisons = try BatchReport.comparisons(spec: spec, metrics: runner.metrics, jobs: try runner.jobs(),
                                                  jobDirectories: [runner.jobsDirectory], version: runner.version)
    try BatchReport.write(spec: spec, comparisons: comparisons, to: output, command: arguments,
                          version: runner.version, specSHA256: try SHA256.hexDigest(ofFile: URL(fileURLWithPath: arguments[1])))
    print("\(summary.computed.count) jobs computed, \(summary.cached.count) cached; report in \(output.path)")
    for comparison in comparisons {
        for model in comparison.models {
            print("\(comparison.metric) · \(model.scores.model): mean over areas "
                  + (model.meanOverAreas.map { String(format: "%.3f", $0) } ?? "–"))
        }
    }
} catch {
    FileHandle.standardError.write(Data("custom-metric-example: \(error)\n".utf8))
    exit(1)
}
