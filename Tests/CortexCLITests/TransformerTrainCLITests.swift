import CortexKit
import Foundation
import Testing

/// `cortex train`, `evaluate`, the training methods and `search` with the spiking-transformer
/// families, on tiny settings (seconds): the same run folders, checkpoints and resumption as the
/// ResNets, or one readable line where a combination cannot apply.
@Suite("cortex train and evaluate with spiking transformers")
struct TransformerTrainCLITests {
    static let root = TrainCommandTests.root
    static let movie = root.appendingPathComponent("datasets/demo-movie.npy").path

    /// A tiny video-task run of `model` (4 examples per batch, T = 2).
    static func arguments(_ model: String, _ folder: URL, epochs: Int, extra: [String] = []) -> [String] {
        ["train", "--model", model, "--task", "video", "--epochs", "\(epochs)", "--batch", "4", "--T", "2",
         "--train-examples", "8", "--test-examples", "4", "--optimizer", "adamw", "--seed", "3", "--movie", movie,
         "-o", folder.path] + extra
    }

    static func temporary(_ tag: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("tf-train-\(tag)-\(UUID().uuidString)")
    }

    /// The checkpoint's `cortexkit.checkpoint` record as JSON.
    static func record(_ checkpoint: URL) throws -> [String: Any] {
        let file = try SafetensorsFile(contentsOf: checkpoint)
        let json = try #require(file.metadata["cortexkit.checkpoint"])
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test("Spikformer: a run records family, configuration, T and test accuracy; options.json holds the transformer; resume; evaluate reproduces it")
    func spikformerRun() throws {
        let folder = Self.temporary("spikformer")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Killed after the first epoch is committed (as a crash), then resumed.
        let crashed = try CLIRunner.run(Self.arguments("spikformer-2-32", folder, epochs: 2),
                                        environment: ["CORTEXKIT_DEBUG_EXIT_AFTER": "manifest-written@1"])
        #expect(crashed.status == 86, "\(crashed.stderr)")
        let resumed = try CLIRunner.run(["train", "--resume", folder.path])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("2 epochs, test loss"))
        let options = try String(contentsOf: folder.appendingPathComponent("options.json"), encoding: .utf8)
        #expect(options.contains("\"transformer\"") && options.contains("\"spikformer\"") && !options.contains("\"configuration\""))
        let checkpoint = folder.appendingPathComponent("model.safetensors")
        let record = try Self.record(checkpoint)
        #expect(record["family"] as? String == "spikformer" && record["model_name"] as? String == "spikformer-2-32")
        #expect(record["task"] as? String == "video" && record["trained_steps"] as? Int == 2)
        let configuration = try #require(record["configuration"] as? [String: Any])
        #expect(configuration["embed_dim"] as? Int == 32 && configuration["classes"] as? Int == 10)
        let accuracy = try #require(record["test_accuracy"] as? Double)

        let evaluated = try CLIRunner.run(["evaluate", "--checkpoint", folder.path, "--json"])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let result = try EvaluateCommandTests.json(evaluated.stdout)
        #expect(result["family"] as? String == "spikformer" && result["accuracy"] as? Double == accuracy)
        #expect(result["trained_accuracy"] as? Double == accuracy && result["trained_steps"] as? Int == 2)

        // The checkpoint feeds features without --model.
        let features = folder.appendingPathComponent("f.h5")
        let f = try CLIRunner.run(["features", "--checkpoint", checkpoint.path, "--movie", Self.movie, "--layers", "block.1",
                                   "--protocol", "image", "--T", "2", "-o", features.path])
        #expect(f.status == 0, "\(f.stderr)")
        #expect(try FeatureFile(url: features).model == "spikformer-2-32")
    }

    @Test("Spike-driven Transformer with overrides: the name carries them, the run trains; --resume with another --heads is refused")
    func spikeDrivenOverrides() throws {
        let folder = Self.temporary("sdt")
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try CLIRunner.run(Self.arguments("spike-driven-transformer-2-32", folder, epochs: 1,
                                                 extra: ["--blocks", "1", "--mlp-ratio", "2", "--downsample", "cml"]))
        #expect(r.status == 0, "\(r.stderr)")
        let record = try Self.record(folder.appendingPathComponent("model.safetensors"))
        #expect(record["family"] as? String == "spike-driven-transformer")
        #expect(record["model_name"] as? String == "spike-driven-transformer-2-32 --blocks 1 --mlp-ratio 2 --downsample cml")
        let configuration = try #require(record["configuration"] as? [String: Any])
        #expect(configuration["blocks"] as? Int == 1 && configuration["mlp_ratio"] as? Int == 2 && configuration["downsampling"] as? String == "cml")
        let again = try CLIRunner.run(["train", "--resume", folder.path, "--heads", "2"])
        #expect(again.status != 0 && again.stderr.contains("transformer.heads (4 → 2)"), "\(again.stderr)")
    }

    @Test("TCL, STCL and CKA-SR train a Spikformer; CKA-SR on one block is refused with the reason")
    func methods() throws {
        let folder = Self.temporary("methods")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (tag, extra) in [("tcl", ["--loss", "tcl", "--tcl-weight", "0.5", "--tcl-projection", "8"]),
                             ("stcl", ["--loss", "stcl", "--augment-shift", "2"]),
                             ("cka", ["--regularizer", "cka-sr", "--cka-sr-every", "1", "--cka-sr-samples", "4", "--cka-sr-weight", "0.1"])] {
            let run = folder.appendingPathComponent(tag)
            let r = try CLIRunner.run(Self.arguments("spikformer-2-32", run, epochs: 1, extra: extra))
            #expect(r.status == 0, "\(tag): \(r.stderr)")
            let method = try #require(try Self.record(run.appendingPathComponent("model.safetensors"))["training_method"] as? [String: Any],
                                      "\(tag): no training method recorded")
            #expect(!method.isEmpty)
        }
        let one = try CLIRunner.run(Self.arguments("spikformer-2-32", folder.appendingPathComponent("one"), epochs: 1,
                                                   extra: ["--blocks", "1", "--regularizer", "cka-sr", "--cka-sr-samples", "4"]))
        #expect(one.status != 0 && one.stderr.contains("2 or more for the cka-sr regularizer"), "\(one.stderr)")
    }

    @Test("--prune magnitude on a Spike-driven Transformer masks the attention and linear weights; evaluate loads the masked ticket")
    func lotteryTicket() throws {
        let folder = Self.temporary("prune")
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try CLIRunner.run(Self.arguments("spike-driven-transformer-2-32", folder, epochs: 2,
                                                 extra: ["--prune", "magnitude", "--prune-fraction", "0.5", "--rounds", "1", "--rewind-epoch", "1"]))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("ticket:") && r.stdout.contains("50.0 %"))
        #expect(r.stdout.contains("block.0.attn.q_conv.weight") && r.stdout.contains("block.0.mlp.fc1_conv.weight"), "\(r.stdout)")
        let evaluated = try CLIRunner.run(["evaluate", "--checkpoint", folder.path, "--test-examples", "4", "--T", "2",
                                           "--task", "video", "--movie", Self.movie])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
    }

    @Test("flags of the other family, and search values a transformer cannot take, give one readable line")
    func refusals() throws {
        let folder = Self.temporary("bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let depth = try CLIRunner.run(Self.arguments("spikformer-2-32", folder, epochs: 1, extra: ["--depth", "34"]))
        #expect(depth.status != 0 && depth.stderr.contains("--depth applies to the ResNets"), "\(depth.stderr)")
        let heads = try CLIRunner.run(Self.arguments("sew-resnet18-w4", folder, epochs: 1, extra: ["--heads", "2"]))
        #expect(heads.status != 0 && heads.stderr.contains("--heads applies to the spiking transformers"), "\(heads.stderr)")
        let bad = try CLIRunner.run(Self.arguments("spikformer-2-32", folder, epochs: 1, extra: ["--heads", "5"]))
        #expect(bad.status != 0 && bad.stderr.contains("heads must divide"), "\(bad.stderr)")
        let threshold = try CLIRunner.run(["search", "--model", "spikformer-2-32", "--thresholds", "1,1.5", "-o", folder.path])
        #expect(threshold.status != 0 && threshold.stderr.contains("thresholds 1 and taus 2 only"), "\(threshold.stderr)")
        let width = try CLIRunner.run(["search", "--model", "spikformer-2-32", "--widths", "20", "-o", folder.path])
        #expect(width.status != 0 && width.stderr.contains("multiples of 8 and of its 4 heads"), "\(width.stderr)")
    }

    @Test("cortex search over a Spike-driven Transformer's T, embedding and blocks: a ranked table; --resume reprints it unchanged")
    func search() throws {
        let folder = Self.temporary("search")
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try CLIRunner.run(["search", "--model", "spike-driven-transformer-2-32", "--task", "video", "--population", "2",
                                   "--generations", "2", "--epochs", "1", "--batch", "4", "--train-examples", "8",
                                   "--test-examples", "4", "--T-values", "1,2", "--widths", "16,32", "--depths", "1,2", "--seed", "3",
                                   "--movie", Self.movie, "-o", folder.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("   1  T") && r.stdout.contains("-th1-tau2-w"), "\(r.stdout)")
        let table = try String(contentsOf: folder.appendingPathComponent("candidates.csv"), encoding: .utf8)
        let rows = table.split(separator: "\n").dropFirst()
        #expect(rows.count >= 2 && rows.allSatisfy { ($0.split(separator: ",")[8] as Substring).first != "0" }, "energy measured: \(table)")
        let candidates = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("candidates").path)
        let options = try String(contentsOf: folder.appendingPathComponent("candidates/\(candidates.sorted()[0])/options.json"), encoding: .utf8)
        #expect(options.contains("\"spike-driven-transformer\""))
        let again = try CLIRunner.run(["search", "--resume", folder.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("candidates.csv"), encoding: .utf8) == table)
    }
}
