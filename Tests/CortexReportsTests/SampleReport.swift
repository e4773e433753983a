import Foundation
import CortexNumerics
@testable import CortexReports

/// A report with every block and figure type, with hostile labels, for the document tests.
enum SampleReport {
    static let hostile = "<script>alert('x')</script> & \"quoted\" | pipe"

    static var heatmap: Heatmap {
        let values = NDArray<Double>(shape: [3, 4], generating: { i in i == 5 ? .nan : Double(i) / 11 })
        return Heatmap(title: "Model A: layers × areas", rowLabels: ["conv1", "conv2", hostile],
                       columnLabels: ["VISp", "VISl", "VISal & VISrl", "VISam"], values: values,
                       rowAxisLabel: "layer", columnAxisLabel: "visual area", colorBarLabel: "similarity",
                       annotation: .values(.fixed(digits: 2)), highlight: .columnMaximum)
    }

    static var barChart: BarChart {
        let areas = ["VISp", "VISl", "VISal"]
        return BarChart(title: "Best layer per area", seriesNames: ["feedforward", "recurrent"], groups:
            areas.enumerated().map { index, area in
                let base = 0.2 + 0.1 * Double(index)
                return BarChart.Group(label: area, bars: [
                    .init(value: base, interval: .init(lower: base - 0.05, upper: base + 0.04), note: "conv3"),
                    .init(value: base + 0.05, interval: .init(lower: base, upper: base + 0.1)),
                ], ceiling: base + 0.2)
            }, valueLabel: "similarity", groupAxisLabel: "visual area")
    }

    static var lineChart: LineChart {
        let depth = [0, 0.25, 0.5, 0.75, 1.0]
        return LineChart(title: "Score vs depth", series: [
            .init(name: "SEW-ResNet (feedforward)", x: depth, y: [0.1, 0.25, 0.32, 0.3, 0.22],
                  band: depth.map { _ in .init(lower: 0.05, upper: 0.35) }),
            .init(name: "Spiking ConvLSTM (recurrent)", x: depth, y: [0.12, 0.2, .nan, 0.36, 0.33], style: .dashed),
        ], xLabel: "relative depth", yLabel: "similarity", referenceLines: [.init(label: "noise ceiling", value: 0.5)])
    }

    static var lagChart: LineChart {
        let lags = (-4...8).map(Double.init)
        return LineChart(title: "Lag profile VISp", series: [
            .init(name: "conv3", x: lags, y: lags.map { 0.3 - 0.004 * ($0 - 2) * ($0 - 2) }),
        ], xLabel: "lag (frames)", yLabel: "similarity")
    }

    static var scatter: ScatterPlot {
        ScatterPlot(title: "Energy vs similarity", points: [
            .init(x: 2.1e8, y: 0.41, label: "SEW-ResNet18", group: 0),
            .init(x: 9.5e7, y: 0.37, label: "Spiking VGG", group: 0),
            .init(x: 4.0e9, y: 0.45, label: "ConvLSTM & co", group: 1),
        ], groupNames: ["feedforward", "recurrent"], xLabel: "synaptic operations per frame",
        yLabel: "mean similarity", xScale: .logarithmic)
    }

    static func rdm(_ n: Int, seed: Double) -> NDArray<Double> {
        NDArray(shape: [n, n], generating: { k in
            let i = k / n, j = k % n
            return i == j ? 0 : abs(sin(Double(min(i, j) * 31 + max(i, j)) * seed))
        })
    }

    static var matrices: MatrixImage {
        MatrixImage(title: "RDMs: VISp and conv3", panels: [.init(title: "VISp", values: rdm(60, seed: 0.7)),
                                                            .init(title: "conv3", values: rdm(60, seed: 0.9))],
                    colorBarLabel: "dissimilarity")
    }

    static var table: Table {
        Table(caption: "Summary", columns: [TableColumn("area"), TableColumn("best layer"), .numeric("score"),
                                            .numeric("ceiling", format: .percent(digits: 1))],
              rows: [["VISp", "conv3", 0.4123, 0.61], ["VISl", .text(hostile), .missing, 0.5]])
    }

    static var provenance: Provenance {
        Provenance(command: ["cortex", "compare", "--metric", "rsa", "--title", "it's a `test`", "a b.nwb"],
                   inputs: [ProvenanceInput(path: "a b.nwb", sha256: String(repeating: "ab", count: 32), byteCount: 1024)],
                   versions: [ProvenanceEntry("CortexKit", "0.1.0")],
                   options: [ProvenanceEntry("metric", "rsa | spearman")],
                   seeds: [ProvenanceEntry("bootstrap", "42")])
    }

    static var document: ReportDocument {
        ReportDocument(title: "Similarity report & <friends>", blocks: [
            .paragraph("Plain text mentioning https://example.org stays text. \(hostile)"),
            .section(ReportSection(title: "Heatmaps", blocks: [
                .figure(ReportFigure(heatmap, caption: "Layers × areas.")),
            ])),
            .section(ReportSection(title: "Best layers", blocks: [
                .figure(ReportFigure(barChart, caption: "With 95% CIs and noise ceilings.")),
                .list(["first item", "second * item"]),
                .section(ReportSection(title: "Depth and lag", blocks: [
                    .figure(ReportFigure(lineChart)),
                    .figure(ReportFigure(lagChart, caption: "Score against lag.")),
                ])),
            ])),
            .figure(ReportFigure(matrices, caption: "RDMs side by side.")),
            .figure(ReportFigure(scatter, caption: "Energy.")),
            .table(table),
            .section(ReportSection(title: "Provenance", blocks: [.provenance(provenance)])),
        ])
    }
}
