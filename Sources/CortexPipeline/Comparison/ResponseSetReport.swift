import CortexNumerics
import CortexReports

/// The "Brain to brain" section of a batch report with named response sets: per metric and pair
/// of sets, the areas both record (score, each set's ceiling, % of the joint ceiling √(c₁c₂)) and
/// a heatmap of every area of one set against every area of the other.
enum ResponseSetReport {
    /// `scales`: the report's colour scale of each metric (by label), shared with the models' heatmaps.
    static func blocks(_ pairs: [ResponseSetComparison], scales: [String: ColorScale] = [:]) -> [ReportBlock] {
        var blocks: [ReportBlock] = [.paragraph(
            "Each pair of response sets is compared with the metric the models are scored with (same frame policy), "
            + "area by area: the second set's responses of an area against the first set's, both averaged over repeats. "
            + "The joint ceiling of an area is √(c₁ · c₂), the geometric mean of the two sets' noise ceilings; the "
            + "score as % of it says how close two measurements of the same cortex come to agreeing as well as their "
            + "noise allows. Other areas' scores (the heatmap) show whether each area agrees best with itself.")]
        for pair in pairs {
            let a = pair.first.name ?? "first", b = pair.second.name ?? "second"
            var section: [ReportBlock] = []
            let hasCeilings = pair.sameArea.contains { $0.firstCeiling != nil || $0.secondCeiling != nil }
            var columns = [TableColumn("area"), TableColumn.numeric(pair.metricShortName)]
            if hasCeilings {
                columns += [.numeric("ceiling \(a)"), .numeric("ceiling \(b)"), .numeric("% of joint ceiling", format: .fixed(digits: 1))]
            }
            let rows: [[TableCell]] = pair.sameArea.map { row in
                func cell(_ v: Double?) -> TableCell { v.map { .number($0) } ?? .text("–") }
                var cells: [TableCell] = [.text(row.area), cell(row.score)]
                if hasCeilings { cells += [cell(row.firstCeiling), cell(row.secondCeiling), cell(row.percentOfJointCeiling)] }
                return cells
            }
            if rows.isEmpty {
                section.append(.paragraph("\(a) and \(b) have no area in common: only the cross-area scores below."))
            } else {
                section.append(.table(Table(caption: "\(b) against \(a), same area (\(pair.metric))", columns: columns, rows: rows)))
            }
            let missing = Set(pair.firstAreas).symmetricDifference(pair.secondAreas).sorted()
            if !missing.isEmpty {
                section.append(.paragraph("Areas recorded in only one of the sets (not compared area to same area): "
                                          + missing.joined(separator: ", ") + "."))
            }
            let values = NDArray<Double>(shape: [pair.secondAreas.count, pair.firstAreas.count],
                                         scalars: pair.scores.flatMap { $0.map { $0 ?? .nan } })
            let diagonal = pair.secondAreas.enumerated().compactMap { row, area in
                pair.firstAreas.firstIndex(of: area).map { HeatmapCell(row: row, column: $0) }
            }
            section.append(.figure(ReportFigure(
                Heatmap(title: "\(b) × \(a): areas · \(pair.metricShortName)", rowLabels: pair.secondAreas, columnLabels: pair.firstAreas, values: values,
                        rowAxisLabel: "\(b) area", columnAxisLabel: "\(a) area", colorBarLabel: pair.metric,
                        coloring: .fixed(scales[pair.metric] ?? ComparisonReport.scoreScale(values.scalars)), annotation: .values(.fixed(digits: 2)), highlight: .cells(diagonal)),
                caption: "\(pair.metric) between every area of \(b) (rows) and every area of \(a) (columns); outlined: "
                    + "the same area in both.")))
            blocks.append(.section(ReportSection(title: "\(b) against \(a) · \(pair.metricShortName)", blocks: section)))
        }
        return blocks
    }
}
