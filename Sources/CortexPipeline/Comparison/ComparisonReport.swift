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
    /// - Parameters:
    ///   - scoreScale: the colour scale of the score heatmaps (``scoreScale(_:)`` of every
    ///     score of the metric in the whole report); default: fitted to all of `result`'s models.
    ///   - titleSuffix: appended to every figure title (` · suffix`), e.g. the metric and response
    ///     set when a report holds several comparisons, so each figure (and its file name) says which.
    public static func blocks(_ result: CompareResult, scoreScale: ColorScale? = nil, titleSuffix: String? = nil) -> [ReportBlock] {
        let scoreScale = scoreScale ?? Self.scoreScale(result.models.flatMap { $0.scores.scores.flatMap { $0 } })
        func titled(_ title: String) -> String { titleSuffix.map { "\(title) · \($0)" } ?? title }
        var blocks: [ReportBlock] = []
        let metric = result.metric
        let signal = result.responses.responseSignal
        let unitWord = signal.isTwoPhoton ? "ROIs" : "Units"
        blocks.append(.paragraph("Metric: \(metric). Responses: \(result.responses.label) "
            + "(\(result.responses.stimulus), \(result.responses.frames) frames, \(result.responses.repeats) repeats; "
            + "signal: \(signal.displayName), in \(signal.unit) per movie frame averaged over repeats). "
            + (result.responses.units.map { "\(unitWord) per area: " + $0.map { "\($0.area) \($0.units)" }.joined(separator: ", ") + ". " } ?? "")
            + "Score per area = best layer; headline = mean over areas, as in the reference study."))
        var summary: [ReportBlock] = [.table(summaryTable(result))]
        if let ceilings = result.ceilings { summary += ceilingParagraphs(ceilings, scores: result.ceilingNormalised ?? []) }
        if let stats = statisticsTable(result) {
            summary.append(.table(stats))
            summary.append(.paragraph(statisticsExplanation(result)))
        }
        if let selection = selectionTable(result) {
            summary.append(.table(selection))
            summary.append(.paragraph(selectionExplanation))
        }
        if let paired = pairedTable(result) {
            summary.append(.table(paired))
            summary.append(.paragraph(pairedExplanation(result)))
        }
        if let energy = energyTable(result) { summary.append(.table(energy)) }
        blocks.append(.section(ReportSection(title: "Summary", blocks: summary)))
        blocks += InterventionReport.blocks(result)
        var figures: [ReportBlock] = []
        for model in result.models {
            let s = model.scores
            let values = NDArray<Double>(shape: [s.layers.count, s.areas.count], scalars: s.scores.flatMap { $0 })
            figures.append(.figure(ReportFigure(
                Heatmap(title: titled("\(s.model): layers × areas"), rowLabels: s.layers.map(\.name), columnLabels: s.areas,
                        values: values, rowAxisLabel: "layer", columnAxisLabel: "visual area", colorBarLabel: metric,
                        coloring: .fixed(scoreScale), annotation: .values(.fixed(digits: 2)),
                        highlight: .cells(s.best.enumerated().compactMap { a, best in
                            best.layerIndex.map { HeatmapCell(row: $0, column: a) }
                        })),
                caption: "\(metric) between every layer of \(s.model) and every area; outlined: the best layer per area.")))
        }
        if let first = result.models.first {
            let areas = first.scores.areas
            let groups = areas.map { area in
                BarChart.Group(label: area, bars: result.models.map { m in
                    let stats = m.statistics?.first { $0.area == area }
                    let interval = stats.flatMap { s in
                        s.lower.flatMap { lo in s.upper.map { ConfidenceInterval(lower: lo, upper: $0) } }
                    }
                    return BarChart.Bar(value: m.scores.best.first { $0.area == area }?.score ?? .nan, interval: interval)
                }, ceiling: result.ceilings?.first { $0.area == area }?.mean)
            }
            figures.append(.figure(ReportFigure(
                BarChart(title: titled("Best layer per area"), seriesNames: result.models.map(\.scores.model), groups: groups,
                         valueLabel: metric, groupAxisLabel: "visual area"),
                caption: "Score of each model's best layer in each area"
                    + (result.models.contains { $0.statistics?.contains { $0.lower != nil } == true }
                       ? ", with bootstrap confidence intervals (\(resamplingLabel(result)) resampled)" : "")
                    + (result.ceilings.map { "; dashed: noise ceiling (\(ceilingMethodsLabel($0)))." } ?? "."))))
            let series = result.models.map { m -> LineChart.Series in
                let s = m.scores
                let mean = s.layers.indices.map { l in s.scores[l].reduce(0, +) / Double(max(1, s.areas.count)) }
                return LineChart.Series(name: s.model, x: s.layers.map { Double($0.depth) }, y: mean)
            }
            figures.append(.figure(ReportFigure(
                LineChart(title: titled("Score against layer depth"), series: series, xLabel: "layer depth", yLabel: "mean over areas"),
                caption: "Mean score over areas of each layer, by depth in the network.")))
        }
        if let energy = energyFigure(result, titleSuffix: titleSuffix) { figures.append(energy) }
        for model in result.models {
            guard let image = model.scores.rdmImage else { continue }
            let shape = [image.size, image.size]
            // Each RDM is shown rank-transformed (the percentile of each distance within its own
            // matrix): TSRSA compares the ranks, and two RDMs on their own raw scales would not be
            // comparable (a layer's distances often span a narrow range).
            let compared = result.responses.frames - ((result.metricOptions?.dropFirstFrame ?? true) ? 1 : 0)
            let first = (result.metricOptions?.dropFirstFrame ?? true) ? 1 : 0
            figures.append(.figure(ReportFigure(
                MatrixImage(title: titled("\(model.scores.model): frame RDMs, \(image.area) and layer \(image.layer)"),
                            panels: [.init(title: "area \(image.area)", values: NDArray(shape: shape, scalars: Self.percentiles(image.brain))),
                                     .init(title: "layer \(image.layer)", values: NDArray(shape: shape, scalars: Self.percentiles(image.model)))],
                            coloring: .fixed(ColorScale(map: .viridis, lower: 0, upper: 100)),
                            colorBarLabel: "distance percentile (within each RDM)",
                            axisLabel: (result.responses.framePeriod == nil ? "movie frame" : "time in the movie (s)")
                                + ", both axes: frames \(first)–\(first + compared - 1)"
                                + (image.size < compared ? " in blocks of ~\(Int((Double(compared) / Double(image.size)).rounded()))" : ""),
                            axisRange: result.responses.framePeriod.map { p in Double(first) * p...Double(first + compared) * p }
                                ?? Double(first)...Double(first + compared)),
                caption: "Correlation distance (1 − Pearson r) between the population vectors of every two movie frames, for "
                    + "area \(image.area) (left) and its best layer \(image.layer) (right), block-averaged to \(image.size) × "
                    + "\(image.size) and shown as percentiles of each matrix's own distances (rank-transformed, as the Spearman "
                    + "comparison of TSRSA sees them); grey: undefined (silent frames).")))
        }
        for model in result.models {
            guard let profiles = model.scores.lagProfiles, !profiles.isEmpty else { continue }
            // Lags in milliseconds when the responses record their frame period, else in frames.
            let period = result.responses.framePeriod
            let series = profiles.map { p in
                LineChart.Series(name: "\(p.area) (\(p.layer))", x: p.lags.map { Double($0) * (period.map { $0 * 1000 } ?? 1) },
                                 y: p.scores)
            }
            let unit = period.map { String(format: "ms; 1 frame = %.1f ms", $0 * 1000) } ?? "movie frames"
            figures.append(.figure(ReportFigure(
                LineChart(title: titled("\(model.scores.model): score against lag"), series: series,
                          xLabel: "lag (\(unit)): brain at t + lag vs model at t", yLabel: result.metricShortName + " at that lag"),
                caption: "Score of each area's best layer at each lag between brain and model frames"
                    + (period == nil ? " (the responses record no frame period, so lags are in frames)" : "")
                    + "; neural latency shows as a peak at a positive lag.")))
        }
        blocks.append(.section(ReportSection(title: "Figures", blocks: figures)))
        return blocks
    }

    /// Values as percentiles (0–100) of the finite ones, ties averaged; nil and NaN stay NaN.
    static func percentiles(_ values: [Double?]) -> [Double] {
        let finite = values.enumerated().compactMap { i, v in v.flatMap { $0.isFinite ? (i, $0) : nil } }
        var result = [Double](repeating: .nan, count: values.count)
        guard finite.count > 1 else { for (i, _) in finite { result[i] = 50 }; return result }
        let sorted = finite.sorted { $0.1 < $1.1 }
        var k = 0
        while k < sorted.count {
            var end = k
            while end + 1 < sorted.count && sorted[end + 1].1 == sorted[k].1 { end += 1 }
            let rank = Double(k + end) / 2            // 0-based average rank of the tie group
            for j in k...end { result[sorted[j].0] = 100 * rank / Double(sorted.count - 1) }
            k = end + 1
        }
        return result
    }

    /// One colour scale for every score heatmap of a metric in a report, so colours compare across
    /// models, response sets and figures: blue–white–red symmetric about 0 when any score is
    /// negative, otherwise viridis over the scores' range.
    public static func scoreScale(_ values: [Double]) -> ColorScale {
        ColorScale.fitting(values, map: values.contains { $0 < 0 } ? .blueWhiteRed : .viridis)
    }

    /// Estimated energy per movie frame (pJ, log axis) against the headline score, one point per
    /// model whose features record their energy, coloured by ``ModelFamily``; `nil` when none does.
    static func energyFigure(_ result: CompareResult, titleSuffix: String? = nil) -> ReportBlock? {
        let measured = result.models.filter { $0.scores.energy != nil }
        guard let model = measured.first?.scores.energy else { return nil }
        let families = measured.map { ModelFamily.of(network: $0.scores.network, label: $0.scores.model) }
        let present = ModelFamily.allCases.filter(families.contains)
        let points = zip(measured, families).map { m, family in
            ScatterPlot.Point(x: m.scores.energy!.energyPicojoulesPerFrame, y: m.scores.meanOverAreas, label: m.scores.model,
                              group: present.firstIndex(of: family)!)
        }
        let missing = result.models.count - points.count
        let ac = NumberFormat.significant(digits: 2).string(model.picojoulesPerAccumulate)
        let mac = NumberFormat.significant(digits: 2).string(model.picojoulesPerMultiplyAccumulate)
        return .figure(ReportFigure(
            ScatterPlot(title: "Energy vs similarity" + (titleSuffix.map { " · \($0)" } ?? ""), points: points, groupNames: present.map(\.label),
                        xLabel: "estimated energy per movie frame (pJ, log scale)",
                        yLabel: "\(result.metricShortName): mean over areas", xScale: .logarithmic),
            caption: "Each model's estimated energy per movie frame against its mean over areas of the best-layer score. "
                + "Energy = \(ac) pJ per synaptic operation (an accumulate: a spike arriving at a synapse, counted exactly "
                + "while the features were extracted) + \(mac) pJ per multiply-accumulate of the layers with analog input "
                + "(Horowitz 2014, 45 nm CMOS), the rule of the spiking-network literature; see the energy table. Colours "
                + "mark the architecture family (from the network each feature file records, else the model's name)."
                + (missing > 0 ? " \(missing) model(s) without recorded energy are not shown." : "")))
    }

    /// Per model: synaptic operations, multiply-accumulates and energy per frame, mean firing rate
    /// of its feature layers, and the headline score; `nil` when no model records its energy.
    static func energyTable(_ result: CompareResult) -> Table? {
        guard result.models.contains(where: { $0.scores.energy != nil }) else { return nil }
        let columns = [TableColumn("model"), .numeric("SOPs / frame", format: .significant(digits: 4)),
                       .numeric("MACs / frame", format: .significant(digits: 4)),
                       .numeric("energy (nJ / frame)", format: .significant(digits: 4)),
                       .numeric("mean firing rate (feature layers)", format: .fixed(digits: 4)), .numeric("mean over areas")]
        let rows: [[TableCell]] = result.models.map { m in
            guard let e = m.scores.energy else {
                return [.text(m.scores.model), .text("–"), .text("–"), .text("–"), .text("–"),
                        m.meanOverAreas.map { .number($0) } ?? .text("–")]
            }
            let rates = m.scores.layers.compactMap { e.firingRate(of: $0.name) }
            return [.text(m.scores.model), .number(e.synapticOperationsPerFrame), .number(e.multiplyAccumulatesPerFrame),
                    .number(e.energyPicojoulesPerFrame / 1000),
                    rates.isEmpty ? .text("–") : .number(rates.reduce(0, +) / Double(rates.count)),
                    m.meanOverAreas.map { .number($0) } ?? .text("–")]
        }
        return Table(caption: "Estimated energy per movie frame (AC 0.9 pJ, MAC 4.6 pJ) and similarity", columns: columns, rows: rows)
    }

    static func statisticsTable(_ result: CompareResult) -> Table? {
        guard result.models.contains(where: { $0.statistics != nil }) else { return nil }
        // The report's p-value accounts for choosing the best layer (``AreaSelection/pValueSelection``)
        // whenever it was computed; the single-layer p-value stays in the results.
        let selectionAware = result.models.contains { $0.selection?.contains { $0.pValueSelection != nil } == true }
        let columns = [TableColumn("model"), TableColumn("area"), TableColumn("best layer"), .numeric("score"),
                       .numeric(selectionAware ? "p (max over layers, circular shifts)" : "p (circular shifts)", format: .fixed(digits: 4)),
                       .numeric("CI lower"), .numeric("CI upper")]
        var rows: [[TableCell]] = []
        for m in result.models {
            for s in m.statistics ?? [] {
                let score = m.best.first { $0.area == s.area }?.score
                let p = selectionAware ? m.selection?.first(where: { $0.area == s.area })?.pValueSelection : s.pValue
                rows.append([.text(m.scores.model), .text(s.area), .text(s.layer), score.map { .number($0) } ?? .text("–"),
                             p.map { .number($0) } ?? .text("–"), s.lower.map { .number($0) } ?? .text("–"),
                             s.upper.map { .number($0) } ?? .text("–")])
            }
        }
        let methods = Set(result.models.flatMap { ($0.statistics ?? []).compactMap(\.intervalMethod) }).map(\.rawValue).sorted()
        let method = methods.isEmpty ? "" : " (\(methods.joined(separator: ", ")) intervals, \(resamplingLabel(result)) resampled)"
        return Table(caption: "Best layers: permutation p-values and bootstrap confidence intervals" + method, columns: columns,
                     rows: rows)
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
        var all = rows
        if let ceilings = result.ceilings {
            func row(_ label: String, _ value: (AreaCeiling) -> Double?) -> [TableCell] {
                var cells: [TableCell] = [.text(label)]
                var values: [Double] = []
                for area in areas {
                    let v = ceilings.first { $0.area == area }.flatMap(value)
                    if let v { values.append(v) }
                    cells.append(v.map { .number($0) } ?? .text("–"))
                }
                cells.append(values.isEmpty ? .text("–") : .number(values.reduce(0, +) / Double(values.count)))
                return cells
            }
            let bounded = ceilings.contains { $0.upperBound != nil }
            all.append(row(bounded ? "noise ceiling (upper bound)" : "noise ceiling", \.mean))
            if ceilings.contains(where: { $0.lowerBound != nil }) { all.append(row("noise ceiling, lower bound", \.lowerBound)) }
            for m in result.models {
                var cells: [TableCell] = [.text("\(m.scores.model), % of ceiling")]
                var percents: [Double] = []
                for area in areas {
                    let score = m.best.first { $0.area == area }?.score
                    if let p = CeilingNormalisedScore.percent(score: score, ceiling: ceilings.first { $0.area == area }?.mean) {
                        percents.append(p)
                        cells.append(.text(CeilingNormalisedScore.text(p)))
                    } else {
                        cells.append(.text("–"))
                    }
                }
                cells.append(percents.isEmpty ? .text("–")
                             : .text(CeilingNormalisedScore.text(percents.reduce(0, +) / Double(percents.count))))
                all.append(cells)
            }
        }
        return Table(caption: "Best-layer score per area (layer in the heatmaps)", columns: columns, rows: all)
    }

    static func provenance(_ result: CompareResult) -> Provenance {
        var inputs = result.responses.sources.map(\.provenanceInput)
        inputs += result.models.flatMap { $0.sources.map(\.provenanceInput) }
        return Provenance(command: result.command, inputs: inputs,
                          versions: [ProvenanceEntry("CortexKit", result.cortexKitVersion)],
                          options: [ProvenanceEntry("metric", result.metric)])
    }
}
