import CortexNumerics
import CortexReports
import Foundation

/// Turns a ``CompareResult`` into a report document: a layers × areas heatmap per model, the
/// best layer per area side by side across models, score against layer depth (feedforward vs
/// recurrent models on one plot), a summary table and the provenance.
public enum ComparisonReport {
    public static func document(_ result: CompareResult, title: String = "Model–brain similarity") -> ReportDocument {
        var blocks = blocks(result)
        blocks.append(.section(ReportSection(title: "Provenance", blocks: [.provenance(provenance(result))])))
        return ReportDocument(title: title, blocks: blocks)
    }

    /// The summary and figures of one comparison (no provenance), for composing larger reports.
    public static func blocks(_ result: CompareResult) -> [ReportBlock] {
        var blocks: [ReportBlock] = []
        let metric = result.metric
        blocks.append(.paragraph("Metric: \(metric). Responses: \(result.responses.path) "
            + "(\(result.responses.stimulus), \(result.responses.frames) frames, \(result.responses.repeats) repeats). "
            + "Score per area = best layer; headline = mean over areas, as in the reference study."))
        blocks.append(.section(ReportSection(title: "Summary", blocks: [.table(summaryTable(result))])))
        var figures: [ReportBlock] = []
        for model in result.models {
            let s = model.scores
            let values = NDArray<Double>(shape: [s.layers.count, s.areas.count], scalars: s.scores.flatMap { $0 })
            figures.append(.figure(ReportFigure(
                Heatmap(title: "\(s.model): layers × areas", rowLabels: s.layers.map(\.name), columnLabels: s.areas,
                        values: values, rowAxisLabel: "layer", columnAxisLabel: "visual area", colorBarLabel: metric,
                        annotation: .values(.fixed(digits: 2)), highlight: .columnMaximum),
                caption: "\(metric) between every layer of \(s.model) and every area; outlined: the best layer per area.")))
        }
        if let first = result.models.first {
            let areas = first.scores.areas
            let groups = areas.enumerated().map { a, area in
                BarChart.Group(label: area, bars: result.models.map { m in
                    BarChart.Bar(value: m.scores.best.first { $0.area == area }?.score ?? .nan)
                })
            }
            figures.append(.figure(ReportFigure(
                BarChart(title: "Best layer per area", seriesNames: result.models.map(\.scores.model), groups: groups,
                         valueLabel: metric, groupAxisLabel: "visual area"),
                caption: "Score of each model's best layer in each area.")))
            let series = result.models.map { m -> LineChart.Series in
                let s = m.scores
                let mean = s.layers.indices.map { l in s.scores[l].reduce(0, +) / Double(max(1, s.areas.count)) }
                return LineChart.Series(name: s.model, x: s.layers.map { Double($0.depth) }, y: mean)
            }
            figures.append(.figure(ReportFigure(
                LineChart(title: "Score against layer depth", series: series, xLabel: "layer depth", yLabel: "mean over areas"),
                caption: "Mean score over areas of each layer, by depth in the network.")))
        }
        blocks.append(.section(ReportSection(title: "Figures", blocks: figures)))
        return blocks
    }

    static func summaryTable(_ result: CompareResult) -> Table {
        let areas = result.models.first?.scores.areas ?? []
        var columns = [TableColumn("model")]
        columns += areas.map { TableColumn.numeric($0) }
        columns.append(.numeric("mean over areas"))
        let rows: [[TableCell]] = result.models.map { m in
            var row: [TableCell] = [.text(m.scores.model)]
            for area in areas {
                let best = m.best.first { $0.area == area }
                row.append(best?.score.map { .number($0) } ?? .text("–"))
            }
            row.append(m.meanOverAreas.map { .number($0) } ?? .text("–"))
            return row
        }
        return Table(caption: "Best-layer score per area (layer in the heatmaps)", columns: columns, rows: rows)
    }

    static func provenance(_ result: CompareResult) -> Provenance {
        var inputs = [ProvenanceInput(path: result.responses.path, sha256: result.responses.sha256)]
        inputs += result.models.map { ProvenanceInput(path: $0.scores.source, sha256: $0.sha256) }
        return Provenance(command: result.command, inputs: inputs,
                          versions: [ProvenanceEntry("CortexKit", result.cortexKitVersion)],
                          options: [ProvenanceEntry("metric", result.metric)])
    }
}
