import CortexEngine
import CortexNumerics
import Foundation
import Testing
@testable import CortexModels

/// Pruning masks and the lottery-ticket search (issue 15).
@Suite("Lottery tickets")
struct LotteryTicketTests {
    static func options(rounds: Int = 2, fraction: Double = 0.5, earlyBird: Double? = nil, earlyTime: Int? = nil,
                        epochs: Int = 2) -> TrainingOptions {
        var options = TrainingRunTests.options(epochs: epochs)
        options.pruning = LotteryTicketOptions(fraction: fraction, rewindEpoch: 1, rounds: rounds, earlyBird: earlyBird,
                                               earlyTimeSteps: earlyTime)
        return options
    }

    static func search(_ dir: URL, _ options: TrainingOptions) throws -> LotteryTicketSearch<SpikingResNet> {
        try LotteryTicketSearch(directory: dir, options: options, task: TrainingRunTests.task) {
            SpikingResNet(configuration: $0.configuration, rng: &$1)
        }
    }

    /// Every parameter in a checkpoint whose mask entry is 0 is exactly 0.
    static func prunedAreZero(_ url: URL) throws -> Bool {
        var file = try SafetensorsFile(contentsOf: url)
        guard let masks = try PruningMasks.extract(from: &file) else { return true }
        var rng = SplittableRandom(seed: 0)
        var network = SpikingResNet(configuration: options().configuration, rng: &rng)
        try network.load(stateDict: file)
        let tensors = Dictionary(uniqueKeysWithValues: network.namedTensors().map { ($0.name, $0.tensor) })
        return masks.masks.allSatisfy { name, mask in
            zip(tensors[name]!.scalars, mask.values).allSatisfy { $1 != 0 || $0.bitPattern == 0 }
        }
    }

    @Test("magnitude pruning removes ⌊p·remaining⌋ of each layer, the smallest |w| first, ties by position")
    func magnitudePruning() {
        var rng = SplittableRandom(seed: 1)
        var fc = Linear<Float>(inFeatures: 4, outFeatures: 2, rng: &rng)
        fc.weight = Tensor(shape: [2, 4], scalars: [0.5, -0.1, 0.3, -0.3, 0.2, 0.9, -0.05, 0.3])
        let first = PruningMasks.dense(fc).pruning(fc, fraction: 0.5, criterion: MagnitudeCriterion())
        #expect(first.masks["weight"]!.values == [1, 0, 0, 1, 0, 1, 0, 1])     // |0.3| three-way tie: position 2 goes first
        #expect(first.masks["bias"] == nil)                                    // rank-1 tensors are not pruned
        let second = first.pruning(fc, fraction: 0.5, criterion: MagnitudeCriterion())
        #expect(second.masks["weight"]!.values == [1, 0, 0, 0, 0, 1, 0, 0])
        #expect(second.report.total.pruned == 6 && abs(second.report.total.sparsity - 0.75) < 1e-12)
        #expect(first.hammingDistance(to: second) == 0.25)
        var pruned = fc
        second.apply(to: &pruned)
        #expect(pruned.weight.scalars == [0.5, 0, 0, 0, 0, 0.9, 0, 0])
    }

    @Test("masks travel in a checkpoint as <param>.mask; extraction refuses masks of another shape or not 0/1")
    func maskEntries() throws {
        let network = TinyModels.model(.sewResNet)
        let masks = PruningMasks.dense(network).pruning(network, fraction: 0.25, criterion: MagnitudeCriterion())
        var file = network.stateDict()
        file.tensors.merge(masks.checkpointEntries.tensors) { a, _ in a }
        #expect(file.tensors["layer1.0.conv1.weight.mask"] != nil)
        var copy = file
        #expect(try PruningMasks.extract(from: &copy) == masks)
        #expect(copy.tensors.keys.allSatisfy { !$0.hasSuffix(".mask") })
        var bad = file
        bad.tensors["fc.weight.mask"] = .init(dtype: .float32, shape: [1], bytes: FloatBytes.encode([1]))
        #expect(throws: PruningMaskError.self) { try PruningMasks.extract(from: &bad) }
        var twos = file
        let shape = twos.tensors["fc.weight"]!.shape
        twos.tensors["fc.weight.mask"] = .init(dtype: .float32, shape: shape, bytes: FloatBytes.encode([Float](repeating: 2, count: shape.reduce(1, *))))
        #expect(throws: PruningMaskError.self) { try PruningMasks.extract(from: &twos) }
    }

    @Test("a search prunes 50 % then 75 %, keeps pruned weights exactly zero in every epoch, loads through ModelLoader, and resumes bit-identically")
    func searchResumes() throws {
        let whole = TrainingRunTests.temporaryFolder(), split = TrainingRunTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: whole); try? FileManager.default.removeItem(at: split) }
        let options = Self.options()
        #expect(try Self.search(whole, options).run())
        let interrupted = try Self.search(split, options)
        #expect(try interrupted.summary().isEmpty)
        #expect(try interrupted.run(stopAfterBatches: 7) == false)     // killed in round 1
        let resumed = try LotteryTicketSearch<SpikingResNet>(resuming: split, task: TrainingRunTests.task) {
            SpikingResNet(configuration: $0.configuration, rng: &$1)
        }
        #expect(try resumed.run())
        #expect(try TrainingRunTests.files(whole) == (try TrainingRunTests.files(split)))

        let rows = try resumed.summary()
        #expect(rows.map(\.round) == [0, 1, 2])
        #expect(rows.map { ($0.sparsity.total.sparsity * 1000).rounded() / 1000 } == [0, 0.5, 0.75])
        #expect(rows.allSatisfy { $0.testAccuracy != nil })
        for r in 1...2 {
            for epoch in 0...2 {
                let url = RunFolder(resumed.roundDirectory(r)).epoch(epoch).appendingPathComponent("model.safetensors")
                #expect(try Self.prunedAreZero(url), "round \(r) epoch \(epoch)")
            }
        }
        // the ticket: masks recorded in the metadata, loading applies them
        let ticket = RunFolder(whole).model
        let file = try SafetensorsFile(contentsOf: ticket)
        let recorded = try #require(try CheckpointMetadata<ModelConfiguration>.read(from: file.metadata))
        #expect(recorded.pruningMasks?["layer1.0.conv1.weight"] == "layer1.0.conv1.weight.mask")
        let loaded = try ModelLoader.load(.checkpoint(ticket))
        var copy = file
        let masks = try #require(try PruningMasks.extract(from: &copy))
        let weights = Dictionary(uniqueKeysWithValues: loaded.network.namedTensors().map { ($0.name, $0.tensor) })
        #expect(masks.masks.allSatisfy { name, mask in zip(weights[name]!.scalars, mask.values).allSatisfy { $1 != 0 || $0 == 0 } })
        // the rewound start of round 1 is round 0's epoch-1 weights, masked
        var start = try SafetensorsFile(contentsOf: resumed.startFile(1))
        _ = try PruningMasks.extract(from: &start)
        var dense1 = try SafetensorsFile(contentsOf: RunFolder(resumed.roundDirectory(0)).epoch(1).appendingPathComponent("model.safetensors"))
        _ = try PruningMasks.extract(from: &dense1)
        #expect(start.tensors["bn1.running_mean"] == dense1.tensors["bn1.running_mean"])
    }

    @Test("early-time: searching rounds train with fewer steps, the ticket with T; early-bird stops a searching round")
    func earlyTickets() throws {
        let dir = TrainingRunTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let options = Self.options(rounds: 1, earlyBird: 0.99, earlyTime: 1, epochs: 3)
        let search = try Self.search(dir, options)
        #expect(search.roundOptions(0).steps == 1 && search.roundOptions(1).steps == options.steps)
        #expect(try search.run())
        let rows = try search.summary()
        #expect(rows[0].earlyBirdEpoch == 1 && rows[0].epochs == 1)            // any mask change < 99 %: stops at once
        #expect(rows[1].earlyBirdEpoch == nil && rows[1].epochs == 3 && rows[1].steps == options.steps)
        #expect(FileManager.default.fileExists(atPath: RunFolder(dir).model.path))
    }

    @Test("the energy monitor counts fewer synaptic operations on the pruned ticket")
    func prunedEnergy() throws {
        let dir = TrainingRunTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.search(dir, Self.options(rounds: 1)).run())
        let dense = try ModelLoader.load(.checkpoint(RunFolder(dir).epoch(1).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("round-00/model.safetensors"))).network
        let ticket = try ModelLoader.load(.checkpoint(RunFolder(dir).model)).network
        let x = TrainingRunTests.task.batch([0, 1], split: .test, steps: 3, configuration: ticket.configuration).input
        func macs(_ network: SpikingResNet) -> Double {
            var net = network, state = net.initialState(), monitor = SynapticOperationMonitor()
            _ = net.forward(x, state: &state, mode: .inference, monitor: &monitor)
            return monitor.counts["conv1"]!.denseMACs
        }
        #expect(abs(macs(ticket) - 0.5 * macs(dense)) / macs(dense) < 0.01)     // the stem: half its weights pruned
    }
}
