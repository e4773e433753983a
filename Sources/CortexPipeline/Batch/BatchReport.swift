import CortexReports
import Foundation

/// Assembles a batch's finished jobs into `results.json` (schema `cortexkit-report/1`),
/// `results.csv` and the HTML/Markdown report, from one or more job folders (shards).
///
/// results.json (``Results``, read back with ``Results/read(from:)``): `{ "format", "title",
/// "cortexkit_version", "comparisons": [ CompareResult without "command" … one per metric, models in
/// spec order ] }` (a model's optional "energy" object is
/// documented at ``CompareResult``); results.csv: one row per model × metric × layer × area:
/// `model,metric,layer,depth,area,score,firing_rate,model_sops_per_frame,model_energy_pj_per_frame`
/// (empty score for NaN; the last three empty when the model's feature file records no energy:
/// the layer's firing rate, the model's synaptic operations and estimated energy per frame), then
/// `ceiling,percent_of_ceiling,above_ceiling` (the area's noise ceiling, 100 × score / ceiling, and
/// `true` when above 100 %; empty without ceilings).
/// With statistics, also `selection.csv` (in-sample vs held-out best per model × area) and, with
/// two or more models, `paired.csv` (paired model differences; see ``selectionCSV(_:)``, ``pairedCSV(_:)``).
public enum BatchReport {
    /// The comparisons of a batch, one per metric, from finished job files.
    /// - Throws: `.invalidSpec` listing the jobs that have no result yet (run the missing shards).
    public static func comparisons(spec: BatchSpec, metrics: [MetricEntry], jobs: [BatchJob], jobDirectories: [URL],
                                   version: String) throws -> [CompareResult] {
        var results: [Int: JobResult] = [:]
        var missing: [Int] = []
        for job in jobs {
            let found = jobDirectories.lazy.map { $0.appendingPathComponent("\(job.key).json") }
                .first { JobResult.valid(at: $0, key: job.key) }
            guard let url = found else { missing.append(job.index + 1); continue }
            results[job.index] = try JSONDecoder().decode(JobResult.self, from: Data(contentsOf: url))
        }
        guard missing.isEmpty else {
            throw PipelineError.invalidSpec(file: spec.file, line: nil, key: "jobs",
                                            reason: "\(missing.count) of \(jobs.count) jobs have no result yet (jobs \(missing.map(String.init).joined(separator: ", "))): run their shards first")
        }
        return metrics.indices.compactMap { m in
            let mine = jobs.filter { $0.metricIndex == m && $0.model != nil }.sorted { $0.index < $1.index }
            guard let first = mine.first else { return nil }
            let ceilings = jobs.first { $0.metricIndex == m && $0.model == nil }.flatMap { results[$0.index]?.ceilings }
            var result = CompareResult(metric: metrics[m], responses: results[first.index]!.responses,
                                       models: mine.compactMap { results[$0.index]!.model }, ceilings: ceilings,
                                       cortexKitVersion: version, command: [])
            result.pairedComparisons = PairedComparisons.rows(models: result.models, options: spec.statistics)
            return result
        }
    }

    /// Writes results.json, results.csv and report.html/.md (+ figures) into `directory`.
    @discardableResult
    public static func write(spec: BatchSpec, comparisons: [CompareResult], to directory: URL, command: [String],
                             version: String, specSHA256: String) throws -> ReportFiles {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try json(spec: spec, comparisons: comparisons, version: version).write(
            to: directory.appendingPathComponent("results.json"), options: .atomic)
        try Data(csv(comparisons).utf8).write(to: directory.appendingPathComponent("results.csv"), options: .atomic)
        if let selection = selectionCSV(comparisons) {
            try Data(selection.utf8).write(to: directory.appendingPathComponent("selection.csv"), options: .atomic)
        }
        if let paired = pairedCSV(comparisons) {
            try Data(paired.utf8).write(to: directory.appendingPathComponent("paired.csv"), options: .atomic)
        }
        var blocks: [ReportBlock] = [.paragraph("\(spec.models.count) model(s) × \(comparisons.count) metric(s) "
                                                + "against \(comparisons.first?.responses.label ?? "")")]
        for c in comparisons {
            blocks.append(.section(ReportSection(title: c.metric, blocks: ComparisonReport.blocks(c))))
        }
        if let variants = trainingVariantReport(spec: spec, comparisons: comparisons) {
            try Data(variants.csv.utf8).write(to: directory.appendingPathComponent("variants.csv"), options: .atomic)
            blocks.append(.section(ReportSection(title: "Training variants", blocks: variants.blocks)))
        }
        var inputs = (spec.sessions + spec.responses).map { p in
            ProvenanceInput(path: p, sha256: "")
        }
        if let first = comparisons.first {
            inputs = first.responses.sources.map(\.provenanceInput)
            inputs += first.models.flatMap { $0.sources.map(\.provenanceInput) }
        }
        inputs.append(ProvenanceInput(path: spec.file, sha256: specSHA256))
        let provenance = Provenance(command: command, inputs: inputs,
                                    versions: [ProvenanceEntry("CortexKit", version)],
                                    options: comparisons.map { ProvenanceEntry("metric", $0.metric) },
                                    seeds: [ProvenanceEntry("seed", String(spec.seed))])
        blocks.append(.section(ReportSection(title: "Provenance", blocks: [.provenance(provenance)])))
        return try ReportDirectoryWriter(directory: directory.path).write(ReportDocument(title: spec.title, blocks: blocks))
    }

    static func json(spec: BatchSpec, comparisons: [CompareResult], version: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Results(title: spec.title, cortexKitVersion: version, comparisons: comparisons))
    }

    static func csv(_ comparisons: [CompareResult]) -> String {
        func field(_ s: String) -> String { csvField(s) }
        func number(_ v: Double?) -> String { v.map { $0.isFinite ? String($0) : "" } ?? "" }
        var lines = ["model,metric,layer,depth,area,score,firing_rate,model_sops_per_frame,model_energy_pj_per_frame,"
                     + "ceiling,percent_of_ceiling,above_ceiling"]
        for c in comparisons {
            for m in c.models {
                let s = m.scores
                let energy = [number(s.energy?.synapticOperationsPerFrame), number(s.energy?.energyPicojoulesPerFrame)]
                for (l, layer) in s.layers.enumerated() {
                    let rate = number(s.energy?.firingRate(of: layer.name))
                    for (a, area) in s.areas.enumerated() {
                        let v = s.scores[l][a]
                        let ceiling = c.ceilings?.first { $0.area == area }?.mean
                        let percent = CeilingNormalisedScore.percent(score: v, ceiling: ceiling)
                        let normalised = [number(ceiling), number(percent), percent.map { String($0 > 100) } ?? ""]
                        lines.append(([field(s.model), field(c.metricShortName), field(layer.name),
                                       String(layer.depth), field(area), v.isNaN ? "" : String(v), rate] + energy + normalised)
                            .joined(separator: ","))
                    }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A text cell of results.csv: a cell a spreadsheet would run as a formula (starting with
    /// `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`; a cell with a comma,
    /// quote or any control character is quoted (quotes doubled), so a name can never split a row
    /// or run as a formula.
    public static func csvField(_ text: String) -> String {
        var s = text
        if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { s = "'" + s }
        let needsQuotes = s.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0.properties.generalCategory == .control }
        return needsQuotes ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
