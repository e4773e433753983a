import CortexKit
import Foundation
import Testing

@Suite("batch report of training variants")
struct TrainingVariantReportTests {
    @Test("checkpoint models trained with CE, TCL and pruning: a Training variants section, scatter plots and variants.csv")
    func variantsSection() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("variants-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let root = TrainCommandTests.root
        func train(_ name: String, _ extra: [String]) throws {
            // the ReLU twin: a barely trained spiking network can be silent on the movie (CKA undefined)
            var arguments = TrainCommandTests.arguments(dir.appendingPathComponent(name), epochs: 1)
            arguments[2] = "relu-resnet18-w4"
            let r = try CLIRunner.run(arguments + extra)
            #expect(r.status == 0, "\(r.stderr)")
        }
        try train("ce", [])
        try train("tcl", ["--loss", "tcl", "--tcl-weight", "0.5", "--tcl-projection", "8"])
        try train("pruned", ["--prune", "magnitude", "--prune-fraction", "0.5", "--rounds", "1", "--rewind-epoch", "0"])
        let responses = try CLIRunner.run(["responses", root.appendingPathComponent("datasets/demo-session.nwb").path,
                                           "-o", dir.appendingPathComponent("r.h5").path])
        #expect(responses.status == 0, "\(responses.stderr)")
        let movie = root.appendingPathComponent("datasets/demo-movie.npy").path
        let models = ["ce", "tcl", "pruned"].map { name in
            """
              - name: \(name)
                checkpoint: \(name)/model.safetensors
                movie: \(movie)
                layers: [maxpool, avgpool]
            """
        }.joined(separator: "\n")
        try """
        responses: [r.h5]
        areas: [VISp, VISam]
        models:
        \(models)
        metrics:
          - kind: cka-linear
        seed: 2
        """.write(to: dir.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try CLIRunner.run(["report", dir.appendingPathComponent("spec.yaml").path, "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("Training variants") && markdown.contains("is the most cortex-like"))
        #expect(markdown.contains("tcl λ=0.5 τ=0.1") && markdown.contains("pruned 50.0 %"))
        let csv = try String(contentsOf: out.appendingPathComponent("variants.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n")
        #expect(rows.count == 1 + 3 * 2)                                  // 3 variants × 2 areas
        #expect(rows.contains { $0.hasPrefix("pruned,") && $0.contains(",0.5,") })
        #expect(markdown.contains("cka-linear against pruned fraction of the weights") && markdown.contains("against test accuracy"))
    }
}
