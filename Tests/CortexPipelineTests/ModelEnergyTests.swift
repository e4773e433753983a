import CortexHDF5
import CortexNumerics
import Foundation
import Testing
@testable import CortexPipeline

@Suite("Energy records in feature files and results")
struct ModelEnergyTests {
    static let energy = ModelEnergy(
        firingRates: [.init(layer: "sn1", firingRate: 0.125), .init(layer: "layer1.0.sn1", firingRate: 0.5)],
        synapticLayers: [.init(layer: "conv1", input: .analog, synapticOperationsPerFrame: 0, denseMACsPerFrame: 200),
                         .init(layer: "layer1.0.conv1", input: .spikes, synapticOperationsPerFrame: 30, denseMACsPerFrame: 90)])

    @Test("totals: E = 0.9 pJ × SOPs + 4.6 pJ × MACs of analog-input layers")
    func totals() {
        let e = Self.energy
        #expect(e.synapticOperationsPerFrame == 30)
        #expect(e.multiplyAccumulatesPerFrame == 200)
        #expect(e.denseMACsPerFrame == 290)
        #expect(abs(e.energyPicojoulesPerFrame - (0.9 * 30 + 4.6 * 200)) < 1e-12)
        #expect(e.firingRate(of: "layer1.0.sn1") == 0.5 && e.firingRate(of: "fc") == nil)
    }

    @Test("a feature file round-trips its energy; files without it still load (energy nil)")
    func roundTrip() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let layer = NDArray<Float>(shape: [4, 3], generating: { Float($0 % 2) })
        let with = dir.appendingPathComponent("with.h5"), without = dir.appendingPathComponent("without.h5")
        try FeatureFile.write(to: with, model: "m", layers: [(.init(name: "sn1", depth: 0, unitShape: [3]), layer)], energy: Self.energy)
        try FeatureFile.write(to: without, model: "m", layers: [(.init(name: "sn1", depth: 0, unitShape: [3]), layer)])
        #expect(try FeatureFile(url: with).energy == Self.energy)
        #expect(try FeatureFile(url: without).energy == nil)
        let file = try HDF5File.open(with)
        #expect(try file.attributes.string("format") == FeatureFile.format, "format unchanged")
        #expect(try file.dataset("sn1/features").attributes.scalar("firing_rate", as: Double.self) == 0.125)
        #expect(try file.attributes.scalar("energy_pj_per_frame", as: Double.self) == Self.energy.energyPicojoulesPerFrame)
    }

    @Test("inconsistent energy attributes are a typed error naming the file")
    func inconsistent() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("bad.h5")
        try FeatureFile.write(to: url, model: "m", layers: [(.init(name: "a", depth: 0, unitShape: [1]), NDArray(shape: [2, 1], repeating: 0))])
        let file = try HDF5File.open(url, mode: .readWrite)
        try file.attributes.write("synaptic_layers", strings: ["conv1", "fc"])
        try file.attributes.write("synaptic_layer_inputs", strings: ["analog"])
        try file.attributes.write("synaptic_operations_per_frame", array: NDArray<Double>(shape: [2], scalars: [0, 1]))
        try file.attributes.write("dense_macs_per_frame", array: NDArray<Double>(shape: [2], scalars: [1, 1]))
        _ = consume file
        #expect(throws: PipelineError.notAFeatureFile(file: url.path, reason: "energy attributes disagree in length or have an input other than spikes/analog")) {
            try FeatureFile(url: url)
        }
    }

    @Test("results JSON carries the energy with its totals and decodes back")
    func json() throws {
        var scores = ModelScores(model: "m", source: "m.h5", layers: [.init(name: "sn1", depth: 0, unitShape: [3])],
                                 areas: ["VISp"], scores: [[0.5]])
        scores.energy = Self.energy
        let data = try JSONEncoder().encode(CompareResult.Model(scores: scores, sources: [InputSource(.featureFile, path: "m.h5", sha256: "x")]))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let energy = try #require(object["energy"] as? [String: Any])
        #expect(energy["synaptic_operations_per_frame"] as? Double == 30)
        #expect(energy["multiply_accumulates_per_frame"] as? Double == 200)
        #expect((energy["synaptic_layers"] as? [[String: Any]])?.first?["input"] as? String == "analog")
        #expect(try JSONDecoder().decode(CompareResult.Model.self, from: data).scores.energy == Self.energy)
        scores.energy = nil
        let old = try JSONEncoder().encode(CompareResult.Model(scores: scores, sources: [InputSource(.featureFile, path: "m.h5", sha256: "x")]))
        #expect(!String(decoding: old, as: UTF8.self).contains("energy"))
        #expect(try JSONDecoder().decode(CompareResult.Model.self, from: old).scores.energy == nil)
    }
}
