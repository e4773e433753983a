import CortexReports
import Foundation

/// Assembles a batch's finished jobs into `results.json` (schema `cortexkit-report/1`),
/// `results.csv` and the HTML/Markdown report, from one or more job folders (shards).
///
/// results.json (``Results``, read back with ``Results/read(from:)``): `{ "format", "title",
/// "cortexkit_version", "comparisons": [ CompareResult without "command" … one per metric, models in
/// spec order ] }` (a model's optional "energy" object is
/// documented at ``CompareResult``); results.csv: one flat table (``csv(_:)``, columns ``csvColumns``).
/// With named response sets, results.json also has "brain_to_brain" (``ResponseSetComparison``).
/// With statistics, also `selection.csv` (in-sample vs held-out best per model × area) and, with
/// two or more models, `paired.csv` (paired model differences; see ``selectionCSV(_:)``, ``pairedCSV(_:)``).
public enum BatchReport {
    /// The comparisons of a batch, one per metric and response set (metric by metric, each in the
    /// spec's set order), from finished job files.
    /// - Throws: `.invalidSpec` listing the jobs that have no result yet (run the missing shards).
    public static func comparisons(spec: BatchSpec, metrics: [MetricEntry], jobs: [BatchJob], jobDirectories: [URL],
                                   version: String) throws -> [CompareResult] {
        let results = try finished(spec: spec, jobs: jobs, jobDirectories: jobDirectories)
        return metrics.indices.flatMap { m in
            spec.responseSets.indices.compactMap { set -> CompareResult? in
                let mine = jobs.filter { $0.metricIndex == m && $0.responseSet == set && $0.model != nil }.sorted { $0.index < $1.index }
                guard let first = mine.first else { return nil }
                let ceilings = ceilingJob(jobs, metric: m, set: set).flatMap { results[$0.index]?.ceilings }
                var result = CompareResult(metric: metrics[m], responses: results[first.index]!.responses,
                                           models: mine.compactMap { results[$0.index]!.model }, ceilings: ceilings,
                                           cortexKitVersion: version, command: [])
                result.pairedComparisons = PairedComparisons.rows(models: result.models, options: spec.statistics)
                return result
            }
        }
    }

    /// Brain to brain: every two response sets of the spec scored against each other, per metric,
    /// with each set's ceilings attached to the areas both record (empty without named sets).
    /// - Throws: `.invalidSpec` listing the jobs that have no result yet.
    public static func responseSetComparisons(spec: BatchSpec, metrics: [MetricEntry], jobs: [BatchJob],
                                              jobDirectories: [URL]) throws -> [ResponseSetComparison] {
        let results = try finished(spec: spec, jobs: jobs, jobDirectories: jobDirectories)
        return jobs.filter { $0.pairedSet != nil }.sorted { $0.index < $1.index }.compactMap { job in
            guard var pair = results[job.index]?.responseSets, let second = job.pairedSet else { return nil }
            pair.attach(firstCeilings: ceilingJob(jobs, metric: job.metricIndex, set: job.responseSet).flatMap { results[$0.index]?.ceilings },
                        secondCeilings: ceilingJob(jobs, metric: job.metricIndex, set: second).flatMap { results[$0.index]?.ceilings })
            return pair
        }
    }

    private static func ceilingJob(_ jobs: [BatchJob], metric: Int, set: Int) -> BatchJob? {
        jobs.first { $0.metricIndex == metric && $0.responseSet == set && $0.isCeiling }
    }

    /// Every job's result, by job index.
    /// - Throws: `.invalidSpec` listing the jobs that have no result yet (run the missing shards).
    private static func finished(spec: BatchSpec, jobs: [BatchJob], jobDirectories: [URL]) throws -> [Int: JobResult] {
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
        return results
    }

    /// Writes results.json, results.csv and report.html/.md (+ figures) into `directory`.
    @discardableResult
    public static func write(spec: BatchSpec, comparisons: [CompareResult], responseSets: [ResponseSetComparison] = [],
                             to directory: URL, command: [String], version: String, specSHA256: String,
                             commit: String? = nil, figureSize: FigureSize? = nil, rdms: RDMFiles = RDMFiles()) throws -> ReportFiles {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try json(spec: spec, comparisons: comparisons, responseSets: responseSets, version: version).write(
            to: directory.appendingPathComponent("results.json"), options: .atomic)
        try Data(csv(comparisons).utf8).write(to: directory.appendingPathComponent("results.csv"), options: .atomic)
        if let selection = selectionCSV(comparisons) {
            try Data(selection.utf8).write(to: directory.appendingPathComponent("selection.csv"), options: .atomic)
        }
        if let paired = pairedCSV(comparisons) {
            try Data(paired.utf8).write(to: directory.appendingPathComponent("paired.csv"), options: .atomic)
        }
        try writeRDMs(rdms, to: directory)
        let metricCount = Set(comparisons.map(\.metric)).count
        var against = comparisons.first?.responses.label ?? ""
        if spec.namesResponseSets {
            var seen = Set<String>()
            against = comparisons.map(\.responses).filter { seen.insert($0.name ?? "").inserted }
                .map { "\($0.name ?? "responses") (\($0.label))" }.joined(separator: " and ")
        }
        var blocks: [ReportBlock] = [.paragraph("\(spec.models.count) model(s) × \(metricCount) metric(s) against \(against)")]
        blocks.append(.section(ReportSection(title: "Methods", blocks: ReportMethods.blocks(
            spec: spec, comparisons: comparisons, responseSets: responseSets, version: version, commit: commit)
            + rdmBlocks(rdms))))
        // One colour scale per metric across every model, response set and brain-to-brain figure.
        var values: [String: [Double]] = [:]
        for c in comparisons { values[c.metric, default: []] += c.models.flatMap { $0.scores.scores.flatMap { $0 } } }
        for p in responseSets { values[p.metric, default: []] += p.scores.flatMap { $0.compactMap { $0 } } }
        let scales = values.mapValues(ComparisonReport.scoreScale)
        for c in comparisons {
            let title = c.responses.name.map { "\(c.metric) · \($0)" } ?? c.metric
            // With several comparisons each figure names its metric (and response set).
            let suffix = comparisons.count > 1 ? c.metricShortName + (c.responses.name.map { " · \($0)" } ?? "") : nil
            blocks.append(.section(ReportSection(title: title, blocks: ComparisonReport.blocks(c, scoreScale: scales[c.metric],
                                                                                             titleSuffix: suffix))))
        }
        if !responseSets.isEmpty {
            blocks.append(.section(ReportSection(title: "Brain to brain",
                                                 blocks: ResponseSetReport.blocks(responseSets, scales: scales))))
        }
        if let variants = trainingVariantReport(spec: spec, comparisons: comparisons) {
            try Data(variants.csv.utf8).write(to: directory.appendingPathComponent("variants.csv"), options: .atomic)
            blocks.append(.section(ReportSection(title: "Training variants", blocks: variants.blocks)))
        }
        var inputs = (spec.sessions + spec.responses).map { p in
            ProvenanceInput(path: p, sha256: "")
        }
        if let first = comparisons.first {
            var seen = Set<String>()
            inputs = comparisons.flatMap { $0.responses.sources.map(\.provenanceInput) }.filter { seen.insert($0.path).inserted }
            inputs += first.models.flatMap { $0.sources.map(\.provenanceInput) }
        }
        inputs.append(ProvenanceInput(path: spec.file, sha256: specSHA256))
        let provenance = Provenance(command: command, inputs: inputs,
                                    versions: [ProvenanceEntry("CortexKit", version)] + (commit.map { [ProvenanceEntry("git commit", $0)] } ?? []),
                                    options: Array(Set(comparisons.map(\.metric))).sorted().map { ProvenanceEntry("metric", $0) },
                                    seeds: [ProvenanceEntry("seed", String(spec.seed))])
        blocks.append(.section(ReportSection(title: "Provenance", blocks: [.provenance(provenance)])))
        return try ReportDirectoryWriter(directory: directory.path, figureSize: figureSize)
            .write(ReportDocument(title: spec.title, blocks: blocks))
    }

    static func json(spec: BatchSpec, comparisons: [CompareResult], responseSets: [ResponseSetComparison] = [],
                     version: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[MetricChoice.snakeCaseKeys] = true
        var results = Results(title: spec.title, cortexKitVersion: version, comparisons: comparisons)
        results.brainToBrain = responseSets.isEmpty ? nil : responseSets
        return try encoder.encode(results)
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
