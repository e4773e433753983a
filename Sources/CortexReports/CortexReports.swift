/// CortexReports: self-contained figures (inline SVG) and documents (HTML, Markdown) for
/// similarity results. Knows nothing about NWB or models: it renders values it is given.
///
/// The pieces, in the order data flows through them:
/// - figures (`Heatmap`, `BarChart`, `LineChart`, `ScatterPlot`, `MatrixImage`) render to SVG
///   with `NiceTicks` axes, `ColorScale` colour bars and legends; large matrices are embedded as
///   PNG (`PNGImage`, stored-block zlib, CRC-32, Adler-32);
/// - a `ReportDocument` is a list of `ReportBlock`s (sections, paragraphs, lists, tables,
///   figures, provenance);
/// - `HTMLDocument` and `MarkdownDocument` render that one model; `ReportDirectoryWriter`
///   writes `report.html`, `report.md` and the figure files atomically.
///
/// Putting a report together (a heatmap, a table and provenance):
///
/// ```swift
/// import CortexNumerics
/// import CortexReports
///
/// let scores = NDArray<Double>(shape: [3, 2], scalars: [0.21, 0.18, 0.35, 0.30, 0.28, .nan])
/// let heatmap = Heatmap(title: "SEW-ResNet18: layers × areas",
///                       rowLabels: ["block1", "block2", "block3"], columnLabels: ["VISp", "VISl"],
///                       values: scores, rowAxisLabel: "layer", columnAxisLabel: "visual area",
///                       colorBarLabel: "RSA (Spearman)", annotation: .values(.fixed(digits: 2)))
/// let best = Table(caption: "Best layer per area",
///                  columns: [TableColumn("area"), TableColumn("layer"), .numeric("score")],
///                  rows: [["VISp", "block2", 0.35], ["VISl", "block2", 0.30]])
/// let provenance = Provenance(
///     command: ["cortex", "compare", "--seed", "7", "session.nwb"],
///     inputs: [ProvenanceInput(path: "session.nwb", sha256: "9f86d081884c7d65…")],
///     versions: [ProvenanceEntry("CortexKit", "0.4.0")],
///     options: [ProvenanceEntry("metric", "rsa-spearman")],
///     seeds: [ProvenanceEntry("bootstrap", "7")])
/// let document = ReportDocument(title: "Which layer looks like which area?", blocks: [
///     .section(ReportSection(title: "Scores", blocks: [
///         .figure(ReportFigure(heatmap, caption: "Similarity of every layer to every area.")),
///         .table(best),
///     ])),
///     .section(ReportSection(title: "Provenance", blocks: [.provenance(provenance)])),
/// ])
/// try ReportDirectoryWriter(directory: "out/report").write(document)
/// ```
public enum CortexReports {}
