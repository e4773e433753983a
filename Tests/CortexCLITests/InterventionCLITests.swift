import CortexKit
import Foundation
import Testing

/// `cortex compare --intervention …` on a committed checkpoint, and the recorded input
/// normalisation reaching `cortex features`.
@Suite("interventions and input normalisation on the command line")
struct InterventionCLITests {
    static let root = TrainCommandTests.root
    static let movie = root.appendingPathComponent("datasets/demo-movie.npy").path
    static let session = root.appendingPathComponent("datasets/demo-session.nwb").path
    static let lorafb = root.appendingPathComponent("datasets/checkpoints/lorafb-snet18-w8-video/model.safetensors").path

    @Test("compare --intervention shuffle:W prints the drop per area and writes it to the result JSON, reproducibly")
    func shuffle() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cli-intervention-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: out) }
        let arguments = ["compare", "--nwb", Self.session, "--checkpoint", Self.lorafb, "--movie", Self.movie, "--areas", "VISp,VISl",
                         "--zero-variance", "drop-frame", "--layers", "sn1,maxpool", "--intervention", "shuffle:10",
                         "--intervention-repeats", "2", "--intervention-layers", "best", "--seed", "3", "-o", out.path]
        let r = try CLIRunner.run(arguments)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("intervention shuffle:10 (2 repeats, best layers): mean over areas "), "\(r.stdout)")
        #expect(r.stdout.contains("  VISp maxpool: ") || r.stdout.contains("  VISp sn1: "), "\(r.stdout)")
        let result = try CompareResult.read(from: out)
        let intervention = try #require(result.models.first?.interventions?.first)
        #expect(intervention.intervention == .shuffle(window: 10) && intervention.repeats == 2 && intervention.seed == 3)
        #expect(intervention.areas.map(\.area) == ["VISp", "VISl"])
        let again = try CLIRunner.run(arguments)
        #expect(again.stdout == r.stdout)
    }

    @Test("bad intervention options exit 64 with one line naming the option", arguments: [
        (["--intervention", "shuffle:1"], "--intervention: intervention 'shuffle:1' is not one of"),
        (["--intervention", "front:5", "--intervention-repeats", "0"], "--intervention-repeats must be between 1 and"),
        (["--intervention", "front:5000"], "intervention front:5000 does not fit a movie of 300 frames"),
    ])
    func badOptions(_ flags: [String], message: String) throws {
        let r = try CLIRunner.run(["compare", "--nwb", Self.session, "--checkpoint", Self.lorafb, "--movie", Self.movie,
                                   "--layers", "sn1"] + flags)
        #expect(r.status != 0)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test("--intervention needs a checkpoint model")
    func needsCheckpoint() throws {
        let r = try CLIRunner.run(["compare", "--nwb", Self.session, "--features", "x.h5", "--intervention", "shuffle:8"])
        #expect(r.status == 64 && r.stderr.contains("--intervention re-runs a network"), "\(r.stderr)")
    }

    /// The committed SEW-ResNet with `normalization` recorded (nil: the legacy record).
    static func checkpoint(_ normalization: InputNormalization?) throws -> URL {
        let sew = root.appendingPathComponent("Tests/CortexModelsTests/Fixtures/legacy_sew_resnet18_w8_video.safetensors")
        let loaded = try ModelLoader.load(.checkpoint(sew))
        guard let normalization else { return sew }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cli-norm-\(UUID()).safetensors")
        try loaded.network.save(to: url, metadata: CheckpointMetadata(family: SpikingResNet.family, configuration: loaded.configuration,
                                                                      modelName: "sew-resnet18-w8", task: .video,
                                                                      inputNormalization: normalization).entries)
        return url
    }

    @Test("features use the checkpoint's recorded normalisation; recording the old default changes nothing")
    func normalisation() throws {
        func features(_ normalization: InputNormalization?) throws -> [Double] {
            let checkpoint = try Self.checkpoint(normalization)
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("cli-norm-\(UUID()).h5")
            defer {
                try? FileManager.default.removeItem(at: out)
                if normalization != nil { try? FileManager.default.removeItem(at: checkpoint) }
            }
            let r = try CLIRunner.run(["features", "--checkpoint", checkpoint.path, "--movie", Self.movie, "--layers", "sn1", "-o", out.path])
            #expect(r.status == 0, "\(r.stderr)")
            return try FeatureFile(url: out).features(of: "sn1").scalars
        }
        let legacy = try features(nil)
        #expect(try features(InputNormalization(channels: 1)) == legacy)
        #expect(try features(InputNormalization(mean: [0.2], std: [0.4])) != legacy)
    }
}

/// The non-spiking twins through `cortex train` and `cortex compare`, like the spiking networks.
@Suite("non-spiking twins on the command line")
struct NonSpikingTwinCLITests {
    @Test("cortex train --model lorafb-cnet18-w4 trains, and compare scores its checkpoint without --model")
    func trainAndCompare() throws {
        let run = FileManager.default.temporaryDirectory.appendingPathComponent("cli-twin-\(UUID())")
        defer { try? FileManager.default.removeItem(at: run) }
        let trained = try CLIRunner.run(["train", "--model", "lorafb-cnet18-w4", "--task", "video", "--epochs", "1",
                                         "--train-examples", "16", "--test-examples", "8", "--batch", "8", "--seed", "1",
                                         "-o", run.path])
        #expect(trained.status == 0, "\(trained.stderr)")
        let models = try CLIRunner.run(["models"])
        #expect(models.stdout.contains("lorafb-cnet18-w4") && models.stdout.contains("relu"), "\(models.stdout)")
        let compared = try CLIRunner.run(["compare", "--nwb", InterventionCLITests.session,
                                          "--checkpoint", run.appendingPathComponent("model.safetensors").path,
                                          "--movie", InterventionCLITests.movie, "--areas", "VISp", "--layers", "sn1,maxpool",
                                          "--zero-variance", "drop-frame"])
        #expect(compared.status == 0, "\(compared.stderr)")
        #expect(compared.stdout.contains("lorafb-cnet18-w4") && compared.stdout.contains("best layer per area: VISp"), "\(compared.stdout)")
    }
}
