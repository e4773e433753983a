import CortexReports

/// The report section of the temporal interventions: per model and intervention, the score of
/// every area and of the mean over areas without and with the intervention, and the drop.
enum InterventionReport {
    /// Nothing when no model of `result` ran an intervention.
    static func blocks(_ result: CompareResult) -> [ReportBlock] {
        let models = result.models.filter { !($0.interventions ?? []).isEmpty }
        guard !models.isEmpty else { return [] }
        var blocks: [ReportBlock] = []
        var explained: [String] = []
        for m in models {
            for r in m.interventions ?? [] where !explained.contains(r.intervention.description) {
                explained.append(r.intervention.description)
                blocks.append(.paragraph("\(r.intervention): \(r.intervention.explanation); \(r.repeats) repeat(s), seed \(r.seed), "
                    + (r.layers == .best ? "scored at each area's best layer of the unaltered run."
                                         : "every layer scored, an area's score is its best layer under the intervention.")))
            }
        }
        let columns = [TableColumn("model"), TableColumn("intervention"), TableColumn("area"), TableColumn("layer"),
                       .numeric("unaltered"), .numeric("intervened"), .numeric("drop"), .numeric("drop (%)", format: .percent(digits: 1))]
        var rows: [[TableCell]] = []
        func cell(_ v: Double?, scale: Double = 1) -> TableCell { v.map { .number($0 * scale) } ?? .missing }
        for m in models {
            for r in m.interventions ?? [] {
                let mean = r.meanOverAreas
                rows.append([.text(m.scores.model), .text(r.intervention.description), .text("mean over areas"), .text(""),
                             cell(mean.unaltered), cell(mean.intervened), cell(mean.drop), cell(mean.relativeDrop)])
                for a in r.areas {
                    rows.append([.text(m.scores.model), .text(r.intervention.description), .text(a.area), a.layer.map { .text($0) } ?? .missing,
                                 cell(a.unaltered), cell(a.intervened), cell(a.drop), cell(a.relativeDrop)])
                }
            }
        }
        blocks.append(.table(Table(caption: "Temporal interventions: score without and with the intervention, and the drop "
                                       + "(unaltered − intervened; % of the unaltered score)", columns: columns, rows: rows)))
        blocks.append(.paragraph("Drop = unaltered score − intervened score (mean over repeats); a positive drop means the "
            + "model's similarity to the brain depends on what the intervention destroyed. The reference study reports that "
            + "shuffling frames drops LoRaFB-SNet's score by up to 46.5 % and SEW-ResNet's by under 9 %."))
        return [.section(ReportSection(title: "Temporal interventions", blocks: blocks))]
    }
}
