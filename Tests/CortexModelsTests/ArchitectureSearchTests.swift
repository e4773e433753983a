import CortexEngine
import CortexNumerics
import Foundation
import Testing
@testable import CortexModels

/// The evolutionary architecture search and the searchable neuron constants (issue 15).
@Suite("Architecture search")
struct ArchitectureSearchTests {
    static func options() -> SearchOptions {
        var base = TrainingRunTests.options(epochs: 1)
        base.trainExamples = 8
        var options = SearchOptions(base: base, space: SearchSpace(steps: [1, 2], thresholds: [1, 2], taus: [1.25, 2], widths: [2, 4],
                                                                  depths: [18]), population: 3, generations: 2, energyWeight: 0.5)
        options.energyExamples = 4
        return options
    }

    @Test("fitness is accuracy · (E / 1 µJ)^(−w)")
    func fitnessFormula() {
        let options = Self.options()
        #expect(abs(options.fitness(accuracy: 0.5, energy: 4e6) - 0.5 * pow(4, -0.5)) < 1e-15)
        var plain = options
        plain.energyWeight = 0
        #expect(plain.fitness(accuracy: 0.7, energy: 123) == 0.7)
    }

    @Test("neuron constants: study values leave the configuration JSON as before; others change the spikes and round-trip")
    func neuronConstants() throws {
        var configuration = TinyModels.configuration(.sewResNet)
        let plain = String(decoding: try JSONEncoder().encode(configuration), as: UTF8.self)
        #expect(!plain.contains("neuron_constants"))
        configuration.neuronConstants = NeuronConstants(threshold: 2, tau: 10)
        let data = try JSONEncoder().encode(configuration)
        #expect(try JSONDecoder().decode(ModelConfiguration.self, from: data) == configuration)
        // LIF on a constant 0.8: V = 0.4, 0.6, 0.7, … — V_th = 0.5 fires at step 2, V_th = 1 never
        let x = Tensor<Float>(shape: [4, 1], repeating: 0.8)
        var state = NetworkState()
        let plainSpikes = SpikingNeuronUnit(.leakyIntegrateAndFire)(x, name: "sn", state: &state)
        state = NetworkState()
        let lowSpikes = SpikingNeuronUnit(.leakyIntegrateAndFire, constants: NeuronConstants(threshold: 0.5, tau: 2))(x, name: "sn", state: &state)
        #expect(plainSpikes.scalars == [0, 0, 0, 0] && lowSpikes.scalars == [0, 1, 0, 1])
        var rng = SplittableRandom(seed: 1)
        let network = SpikingResNet(configuration: configuration, rng: &rng)
        #expect(network.stages.joined().allSatisfy { $0.neuronConstants == configuration.neuronConstants })
        let bad = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"tau\":10", with: "\"tau\":0.5")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ModelConfiguration.self, from: Data(bad.utf8)) }
    }

    @Test("a search is deterministic and resumes after an interruption to the same files and table")
    func deterministicAndResumable() throws {
        let whole = TrainingRunTests.temporaryFolder(), split = TrainingRunTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: whole); try? FileManager.default.removeItem(at: split) }
        let task = TrainingRunTests.task
        let results = try #require(try ArchitectureSearch(directory: whole, options: Self.options(), task: task).run())
        #expect(results.count >= 3)
        #expect(zip(results, results.dropFirst()).allSatisfy { $0.fitness >= $1.fitness })
        #expect(results.allSatisfy { $0.energy > 0 && abs($0.fitness - Self.options().fitness(accuracy: $0.accuracy, energy: $0.energy)) < 1e-12 })
        let first = try ArchitectureSearch(directory: split, options: Self.options(), task: task)
        #expect(try first.run(stopAfterBatches: 3) == nil)
        let resumed = try ArchitectureSearch(resuming: split) { _ in task }
        #expect(try resumed.run() == results)
        #expect(try TrainingRunTests.files(whole) == (try TrainingRunTests.files(split)))
        let table = try String(contentsOf: whole.appendingPathComponent("candidates.csv"), encoding: .utf8)
        #expect(table.split(separator: "\n").count == results.count + 1)
        #expect(table.hasPrefix("candidate,steps,threshold,tau,base_width,depth,generation,test_accuracy,energy_pj_per_example,fitness"))
    }
}
