import CortexKit
import Foundation
import Testing

@Suite("cortex evaluate and the training-method flags")
struct EvaluateCommandTests {
    static let root = TrainCommandTests.root

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("a TCL run trained at T = 2 evaluates at T = 1 and 2; at T = 2 it reproduces the run's test accuracy")
    func tclRunEvaluates() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evaluate-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        var arguments = TrainCommandTests.arguments(folder, epochs: 1)
        arguments += ["--loss", "tcl", "--tcl-weight", "0.3", "--tcl-temperature", "0.1", "--tcl-projection", "8"]
        let r = try CLIRunner.run(arguments)
        #expect(r.status == 0, "\(r.stderr)")
        let options = try String(contentsOf: folder.appendingPathComponent("options.json"), encoding: .utf8)
        #expect(options.contains("\"tcl\"") && options.contains("0.3"))
        let checkpoint = folder.appendingPathComponent("model.safetensors").path
        let same = try CLIRunner.run(["evaluate", "--checkpoint", checkpoint, "--json"])
        #expect(same.status == 0, "\(same.stderr)")
        let result = try Self.json(same.stdout)
        #expect(result["steps"] as? Int == 2 && result["examples"] as? Int == 4 && result["task"] as? String == "video")
        #expect(result["accuracy"] as? Double == result["trained_accuracy"] as? Double)
        #expect(result["trained_steps"] as? Int == 2 && result["model"] as? String == "sew-resnet18-w4")
        let one = try CLIRunner.run(["evaluate", "--checkpoint", folder.path, "--T", "1", "--test-examples", "6"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("T = 1, 6 test examples") && one.stdout.contains("trained to") && one.stdout.contains("at T = 2"))
    }

    @Test("a shipped checkpoint outside a run folder's defaults: the recorded task, T from the run folder")
    func shippedCheckpoint() throws {
        let checkpoint = Self.root.appendingPathComponent("datasets/checkpoints/sew-resnet18-w8-video/model.safetensors").path
        let r = try CLIRunner.run(["evaluate", "--checkpoint", checkpoint, "--test-examples", "20", "--T", "2", "--json",
                                   "--movie", Self.root.appendingPathComponent("datasets/demo-movie.npy").path])
        #expect(r.status == 0, "\(r.stderr)")
        let result = try Self.json(r.stdout)
        #expect(result["steps"] as? Int == 2 && result["examples"] as? Int == 20)
        #expect((result["accuracy"] as? Double).map { $0 >= 0 && $0 <= 1 } == true)
    }

    @Test("bad evaluate and method flags give one readable line")
    func badFlags() throws {
        let missing = try CLIRunner.run(["evaluate", "--checkpoint", "/nonexistent/model.safetensors"])
        #expect(missing.status != 0 && missing.stderr.contains("/nonexistent/model.safetensors"))
        let t = try CLIRunner.run(["evaluate", "--checkpoint", "x", "--T", "0"])
        #expect(t.status != 0 && t.stderr.contains("--T"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evaluate-bad-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let weight = try CLIRunner.run(TrainCommandTests.arguments(folder, epochs: 1) + ["--tcl-weight", "0.5"])
        #expect(weight.status != 0 && weight.stderr.contains("--loss tcl"))
        let samples = try CLIRunner.run(TrainCommandTests.arguments(folder, epochs: 1) + ["--regularizer", "cka-sr", "--cka-sr-samples", "2"])
        #expect(samples.status != 0 && samples.stderr.contains("at least 4"))
        let views = try CLIRunner.run(TrainCommandTests.arguments(folder, epochs: 1) + ["--loss", "stcl"])
        #expect(views.status != 0 && views.stderr.contains("augment"))
    }

    @Test("--prune magnitude runs a lottery-ticket search: a table of rounds, the ticket's sparsity per layer; --resume finishes it")
    func lotteryTicket() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lottery-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try CLIRunner.run(TrainCommandTests.arguments(folder, epochs: 2)
                                  + ["--prune", "magnitude", "--prune-fraction", "0.5", "--rounds", "1", "--rewind-epoch", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("round  T  epochs  sparsity") && r.stdout.contains("50.0 %") && r.stdout.contains("ticket:"))
        #expect(r.stdout.contains("layer1.0.conv1.weight"))
        let again = try CLIRunner.run(["train", "--resume", folder.path])
        #expect(again.status == 0 && again.stdout.contains("50.0 %"), "\(again.stderr)")
        let evaluated = try CLIRunner.run(["evaluate", "--checkpoint", folder.path, "--test-examples", "4", "--T", "2",
                                           "--task", "video", "--movie", Self.root.appendingPathComponent("datasets/demo-movie.npy").path])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let bad = try CLIRunner.run(TrainCommandTests.arguments(folder, epochs: 1) + ["--rounds", "2"])
        #expect(bad.status != 0 && bad.stderr.contains("--prune magnitude"))
    }

    @Test("cortex search prints the fitness formula and a ranked table; --resume of a finished search reprints it")
    func search() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("search-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try CLIRunner.run(["search", "--model", "sew-resnet18-w4", "--task", "video", "--population", "2", "--generations", "2",
                                   "--epochs", "1", "--batch", "4", "--train-examples", "8", "--test-examples", "4",
                                   "--T-values", "1,2", "--widths", "2,4", "--depths", "18", "--seed", "3",
                                   "--movie", Self.root.appendingPathComponent("datasets/demo-movie.npy").path, "-o", folder.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("fitness F = accuracy · (E / 1 µJ)^(−0.1)") && r.stdout.contains("   1  T"))
        let table = try String(contentsOf: folder.appendingPathComponent("candidates.csv"), encoding: .utf8)
        let again = try CLIRunner.run(["search", "--resume", folder.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("candidates.csv"), encoding: .utf8) == table)
        let bad = try CLIRunner.run(["search", "--model", "sew-resnet18-w4", "--taus", "0.5", "-o", folder.path + "-x"])
        #expect(bad.status != 0 && bad.stderr.contains("taus ≥ 1"))
    }
}
