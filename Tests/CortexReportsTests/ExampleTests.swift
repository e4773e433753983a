import CortexNumerics
import Foundation
import Testing
import CortexReports

/// The example in `CortexReports.swift`'s doc comment, kept compiling and working.
@Suite("Module documentation example")
struct ExampleTests {
    @Test("the documented heatmap + table + provenance report writes html, md and one figure")
    func documentedExample() throws {
        let directory = NSTemporaryDirectory() + "cortex-reports-example-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let scores = NDArray<Double>(shape: [3, 2], scalars: [0.21, 0.18, 0.35, 0.30, 0.28, .nan])
        let heatmap = Heatmap(title: "SEW-ResNet18: layers × areas",
                              rowLabels: ["block1", "block2", "block3"], columnLabels: ["VISp", "VISl"],
                              values: scores, rowAxisLabel: "layer", columnAxisLabel: "visual area",
                              colorBarLabel: "RSA (Spearman)", annotation: .values(.fixed(digits: 2)))
        let best = Table(caption: "Best layer per area",
                         columns: [TableColumn("area"), TableColumn("layer"), .numeric("score")],
                         rows: [["VISp", "block2", 0.35], ["VISl", "block2", 0.30]])
        let provenance = Provenance(
            command: ["cortex", "compare", "--seed", "7", "session.nwb"],
            inputs: [ProvenanceInput(path: "session.nwb", sha256: "9f86d081884c7d65…")],
            versions: [ProvenanceEntry("CortexKit", "0.4.0")],
            options: [ProvenanceEntry("metric", "rsa-spearman")],
            seeds: [ProvenanceEntry("bootstrap", "7")])
        let document = ReportDocument(title: "Which layer looks like which area?", blocks: [
            .section(ReportSection(title: "Scores", blocks: [
                .figure(ReportFigure(heatmap, caption: "Similarity of every layer to every area.")),
                .table(best),
            ])),
            .section(ReportSection(title: "Provenance", blocks: [.provenance(provenance)])),
        ])
        let files = try ReportDirectoryWriter(directory: directory).write(document)

        #expect(files.figures == [directory + "/figure-1-sew-resnet18-layers-areas.svg"])
        let html = try String(contentsOfFile: try #require(files.html), encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("cortex compare --seed 7 session.nwb"))
        let markdown = try String(contentsOfFile: try #require(files.markdown), encoding: .utf8)
        #expect(markdown.contains("](figure-1-sew-resnet18-layers-areas.svg)"))
        #expect(markdown.contains("| VISp | block2 | 0.350 |"))
    }
}
