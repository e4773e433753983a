import CortexKit
import Foundation
import Testing

/// A model's training task and test accuracy travel from the checkpoint's metadata through the
/// feature file (`weights`, `task`, `test_accuracy`) to results.json and the report's Methods;
/// `cortex inspect` reads them from the checkpoint.
@Suite("Training record: checkpoint → features → report")
struct ModelTrainingRecordTests {
    static let root = Walkthrough.directory.deletingLastPathComponent()
    static let checkpoint = root.appendingPathComponent("datasets/checkpoints/sew-resnet18-w8-image/model.safetensors").path
    static let movie = root.appendingPathComponent("datasets/demo-movie.npy").path
    static let session = root.appendingPathComponent("datasets/demo-session.nwb").path

    /// The accuracy the checkpoint's metadata records, read independently of CortexKit's decoder.
    static func recordedAccuracy() throws -> Double {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: checkpoint))
        let length = bytes.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let header = try #require(try JSONSerialization.jsonObject(with: bytes.subdata(in: 8..<(8 + length))) as? [String: Any])
        let metadata = try #require(header["__metadata__"] as? [String: String])
        let json = try #require(metadata["cortexkit.checkpoint"])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(record["test_accuracy"] as? Double)
    }

    @Test("features keep the checkpoint's task and accuracy (and random weights say so); inspect, results.json and Methods show them")
    func travels() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-training-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let accuracy = try Self.recordedAccuracy()
        let percent = String(format: "%.1f %%", 100 * accuracy)

        let inspected = try CLIRunner.run(["inspect", Self.checkpoint])
        #expect(inspected.status == 0, "\(inspected.stderr)")
        #expect(inspected.stdout.contains("training        image task, \(percent) test accuracy"), "\(inspected.stdout)")
        let inspectedJSON = try CLIRunner.run(["inspect", Self.checkpoint, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(inspectedJSON.stdout.utf8)) as? [String: Any])
        #expect(object["test_accuracy"] as? Double == accuracy && object["task"] as? String == "image")

        let trained = dir.appendingPathComponent("trained.h5"), random = dir.appendingPathComponent("random.h5")
        #expect(try CLIRunner.run(["features", "--checkpoint", Self.checkpoint, "--movie", Self.movie, "--layers", "sn1,layer1.0",
                                   "-o", trained.path]).status == 0)
        #expect(try CLIRunner.run(["features", "--model", "sew-resnet18-w8", "--checkpoint", "random", "--movie", Self.movie,
                                   "--layers", "sn1,layer1.0", "-o", random.path]).status == 0)
        #expect(try FeatureFile(url: trained).training == ModelTraining(randomWeights: false, task: "image", testAccuracy: accuracy))
        #expect(try FeatureFile(url: random).training == ModelTraining(randomWeights: true))

        let responses = dir.appendingPathComponent("r.h5")
        #expect(try CLIRunner.run(["responses", Self.session, "-o", responses.path]).status == 0)
        try """
        title: training record
        responses: [r.h5]
        models:
          - name: trained
            features: trained.h5
          - name: random
            features: random.h5
        metrics:
          - kind: cka-linear
        """.write(to: dir.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try CLIRunner.run(["report", dir.appendingPathComponent("spec.yaml").path, "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("results.json"))) as? [String: Any])
        let models = try #require((results["comparisons"] as? [[String: Any]])?.first?["models"] as? [[String: Any]])
        let training = models.map { $0["training"] as? [String: Any] }
        #expect(training[0]?["test_accuracy"] as? Double == accuracy && training[0]?["task"] as? String == "image")
        #expect(training[1]?["random_weights"] as? Bool == true)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("trained on the image task, \(percent) test accuracy"))
        #expect(html.contains("random weights (untrained)"))
    }
}
