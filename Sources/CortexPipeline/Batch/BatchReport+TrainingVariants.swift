import CortexEngine
import CortexModels
import CortexReports
import Foundation

/// How one checkpoint model of a batch was trained, read from its checkpoint: the training
/// method, the pruned fraction and the test accuracy (family-agnostic: only the record's
/// training fields and the `<param>.mask` tensors are read).
public struct TrainingVariant: Sendable, Hashable, Codable {
    /// The model's name in the spec.
    public var model: String
    /// `ce`, `tcl λ=0.5 τ=0.1`, `cka-sr β=0.0001`, … (`ce` when none is recorded).
    public var method: String
    /// Fraction of the prunable weights pruned (0 without masks).
    public var sparsity: Double
    public var testAccuracy: Double?
    /// T the accuracy was measured at.
    public var trainedSteps: Int?

    /// The variant of the checkpoint at `url`, or `nil` when it cannot be read.
    public static func read(model: String, checkpoint url: URL) -> TrainingVariant? {
        guard var file = try? SafetensorsFile(contentsOf: url) else { return nil }
        struct Fields: Decodable {
            var test_accuracy: Double?
            var trained_steps: Int?
            var training_method: TrainingMethodRecord?
        }
        let fields = file.metadata["cortexkit.checkpoint"].flatMap { try? JSONDecoder().decode(Fields.self, from: Data($0.utf8)) }
        let masks = (try? PruningMasks.extract(from: &file)) ?? nil
        var parts: [String] = []
        switch fields?.training_method?.loss {
        case .temporalContrastive(let s)?: parts.append("tcl λ=\(s.weight) τ=\(s.temperature)")
        case .spatioTemporalContrastive(let s)?: parts.append("stcl λ=\(s.weight) τ=\(s.temperature)")
        default: parts.append("ce")
        }
        if case .ckaSparsity(let s)? = fields?.training_method?.regularizer { parts.append("cka-sr β=\(s.weight)") }
        let sparsity = masks?.report.total.sparsity ?? 0
        if sparsity > 0 { parts.append(String(format: "pruned %.1f %%", 100 * sparsity)) }
        return TrainingVariant(model: model, method: parts.joined(separator: " + "), sparsity: sparsity,
                               testAccuracy: fields?.test_accuracy, trainedSteps: fields?.trained_steps)
    }
}

extension BatchReport {
    /// The checkpoint models' training variants, in spec order.
    static func trainingVariants(spec: BatchSpec) -> [TrainingVariant] {
        spec.models.compactMap { model in
            guard case .checkpoint(let run) = model.source else { return nil }
            return TrainingVariant.read(model: model.name, checkpoint: spec.resolve(run.checkpoint))
        }
    }

    /// The "Training variants" section and `variants.csv` when the spec has two or more checkpoint
    /// models: brain similarity (best layer per area, with ceilings) against sparsity, energy per
    /// frame and test accuracy, one point per variant and area, and the most cortex-like variant
    /// per area and metric.
    static func trainingVariantReport(spec: BatchSpec, comparisons: [CompareResult]) -> (blocks: [ReportBlock], csv: String)? {
        let variants = trainingVariants(spec: spec)
        guard variants.count >= 2 else { return nil }
        func number(_ v: Double?) -> String { v.map { $0.isFinite ? String($0) : "" } ?? "" }
        var csv = ["model,method,sparsity,test_accuracy,trained_steps,energy_pj_per_frame,metric,area,best_layer,best_score,ceiling,percent_of_ceiling"]
        var blocks: [ReportBlock] = [.paragraph(
            "Checkpoint models as training variants: how each was trained (from its checkpoint), its pruned fraction, "
            + "test accuracy and energy per frame, against its best layer's score in each area.")]
        var verdicts: [String] = []
        for c in comparisons {
            let models = Dictionary(c.models.map { ($0.scores.model, $0) }, uniquingKeysWith: { a, _ in a })
            let areas = c.models.first?.scores.areas ?? []
            var rows: [[TableCell]] = []
            var points: [(x: [Double?], y: Double, label: String, group: Int)] = []
            for v in variants {
                guard let m = models[v.model] else { continue }
                let energy = m.scores.energy?.energyPicojoulesPerFrame
                var row: [TableCell] = [.text(v.model), .text(v.method), .number(100 * v.sparsity),
                                        v.testAccuracy.map { .number(100 * $0) } ?? .missing, energy.map { .number($0 / 1000) } ?? .missing]
                for (a, area) in areas.enumerated() {
                    let best = m.best.first { $0.area == area }
                    let ceiling = c.ceilings?.first { $0.area == area }?.mean
                    let percent = CeilingNormalisedScore.percent(score: best?.score, ceiling: ceiling)
                    row.append(best?.score.map { .number($0) } ?? .missing)
                    if let score = best?.score { points.append(([v.sparsity, energy, v.testAccuracy], score, v.model, a)) }
                    csv.append([BatchReport.csvField(v.model), BatchReport.csvField(v.method), String(v.sparsity), number(v.testAccuracy),
                                v.trainedSteps.map(String.init) ?? "", number(energy), BatchReport.csvField(c.metricShortName),
                                BatchReport.csvField(area), BatchReport.csvField(best?.layer ?? ""), number(best?.score),
                                number(ceiling), number(percent)].joined(separator: ","))
                }
                rows.append(row)
            }
            for area in areas {
                let scored = variants.compactMap { v in models[v.model]?.best.first { $0.area == area }?.score.map { (v.model, $0) } }
                guard let top = scored.max(by: { $0.1 < $1.1 }) else { continue }
                let ceiling = c.ceilings?.first { $0.area == area }?.mean
                let percent = CeilingNormalisedScore.percent(score: top.1, ceiling: ceiling).map { String(format: ", %.0f %% of the ceiling", $0) } ?? ""
                verdicts.append("\(c.metricShortName), \(area): \(top.0) is the most cortex-like (\(String(format: "%.3f", top.1))\(percent))")
            }
            let columns = [TableColumn("variant"), TableColumn("training"), TableColumn.numeric("pruned %", format: .fixed(digits: 1)),
                           TableColumn.numeric("test accuracy %", format: .fixed(digits: 1)), TableColumn.numeric("energy nJ/frame", format: .fixed(digits: 1))]
                + areas.map { TableColumn.numeric("\($0) best", format: .fixed(digits: 3)) }
            blocks.append(.section(ReportSection(title: c.metric, blocks: [
                .table(Table(caption: "Best-layer \(c.metricShortName) per area of each training variant", columns: columns, rows: rows))]
                + [("pruned fraction of the weights", 0, AxisScale.linear), ("energy per frame (pJ)", 1, .logarithmic),
                   ("test accuracy", 2, .linear)].map { label, axis, scale in
                    .figure(ReportFigure(ScatterPlot(title: "\(c.metricShortName) against \(label)",
                                                     points: points.compactMap { p in p.x[axis].map { .init(x: $0, y: p.y, label: p.label, group: p.group) } },
                                                     groupNames: areas, xLabel: label, yLabel: "best-layer \(c.metricShortName)",
                                                     xScale: scale),
                                         caption: "One point per variant and area (colour) against the variant's \(label)."))
                })))
        }
        blocks.insert(.list(verdicts), at: 1)
        return (blocks, csv.joined(separator: "\n") + "\n")
    }
}
