import Testing
import Foundation
import CortexNumerics
@testable import CortexEngine

/// conv + bn + fc, with PyTorch-style nested names.
struct TinyNet: Layer {
    var conv: Conv2d<Float>
    var bn: BatchNorm2d<Float>
    var fc: Linear<Float>

    init(seed: UInt64, classes: Int = 3) {
        var rng = SplittableRandom(seed: seed)
        conv = Conv2d(inChannels: 1, outChannels: 2, kernel: (3, 3), padding: (1, 1), bias: false, rng: &rng)
        bn = BatchNorm2d(channels: 2)
        fc = Linear(inFeatures: 2, outFeatures: classes, rng: &rng)
    }

    mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Float>) -> Void) {
        conv.visitTensors(prefix: prefix + "conv.", body)
        bn.visitTensors(prefix: prefix + "bn.", body)
        fc.visitTensors(prefix: prefix + "fc.", body)
    }
}

@Suite("Safetensors checkpoints")
struct CheckpointTests {
    func temporaryURL(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("cortex-eng-\(UUID().uuidString)-\(name)")
    }

    @Test("byte-level format: header length, JSON header padded to 8, little-endian data")
    func byteFixture() throws {
        let file = SafetensorsFile(tensors: [
            "b": .init(dtype: .float32, shape: [2], bytes: [0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0]),   // [1, −2]
            "a": .init(dtype: .int64, shape: [], bytes: [7, 0, 0, 0, 0, 0, 0, 0]),
        ], metadata: ["format": "pt"])
        let header = #"{"__metadata__":{"format":"pt"},"a":{"dtype":"I64","shape":[],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}"#
        var expected = Array(header.utf8)
        while expected.count % 8 != 0 { expected.append(0x20) }
        let length = expected.count
        expected = [UInt8(length), 0, 0, 0, 0, 0, 0, 0] + expected
        expected += [7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0]
        #expect(file.encoded() == expected)
        #expect(try SafetensorsFile(bytes: expected) == file)
    }

    @Test("malformed files throw typed errors")
    func malformed() {
        #expect(throws: CheckpointError.self) { try SafetensorsFile(bytes: [1, 2, 3]) }
        #expect(throws: CheckpointError.self) { try SafetensorsFile(bytes: [200, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0x7D]) }
        let badOffsets = Array(#"{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#.utf8)
        #expect(throws: CheckpointError.self) {
            try SafetensorsFile(bytes: [UInt8(badOffsets.count), 0, 0, 0, 0, 0, 0, 0] + badOffsets + [0, 0, 0, 0])
        }
    }

    @Test("round trip through a file restores every tensor, including BN buffers and the counter")
    func roundTrip() throws {
        var net = TinyNet(seed: 61)
        _ = net.bn(Tensor(shape: [2, 2, 2, 2], generating: { Float($0) }), mode: .training)
        let url = temporaryURL("net.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try net.save(to: url, metadata: ["epoch": "3"])
        var other = TinyNet(seed: 62)
        #expect(other.conv.weight.scalars != net.conv.weight.scalars)
        try other.load(from: url)
        for (a, b) in zip(net.namedTensors(), other.namedTensors()) {
            #expect(a.name == b.name && a.tensor.shape == b.tensor.shape && a.tensor.scalars == b.tensor.scalars)
        }
        #expect(other.bn.batchesTracked.scalar == 1)
        let file = try SafetensorsFile(contentsOf: url)
        #expect(file.metadata == ["epoch": "3"])
        #expect(file.tensors["bn.num_batches_tracked"]?.dtype == .int64)
        #expect(Set(file.tensors.keys) == ["conv.weight", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var",
                                           "bn.num_batches_tracked", "fc.weight", "fc.bias"])
        // overwriting an existing file is atomic and leaves no temporaries
        try other.save(to: url)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(".\(url.lastPathComponent)") }
        #expect(leftovers.isEmpty)
    }

    @Test("loading reports every mismatch at once: missing, unexpected, mis-shaped, wrong dtype; model unchanged")
    func mismatches() throws {
        var file = TinyNet(seed: 63).stateDict()
        file.tensors["fc.bias"] = nil
        file.tensors["extra.weight"] = .init(dtype: .float32, shape: [1], bytes: [0, 0, 0, 0])
        file.tensors["fc.weight"] = .init(dtype: .float32, shape: [4, 2], bytes: [UInt8](repeating: 0, count: 32))
        file.tensors["bn.running_mean"] = .init(dtype: .float64, shape: [2], bytes: [UInt8](repeating: 0, count: 16))
        var net = TinyNet(seed: 64)
        let before = net.namedTensors().map(\.tensor.scalars)
        do {
            try net.load(stateDict: file)
            Issue.record("load should have thrown")
        } catch {
            guard case .mismatches(let list) = error else { Issue.record("wrong error \(error)"); return }
            #expect(Set(list) == [.missing(name: "fc.bias"), .unexpected(name: "extra.weight"),
                                  .shape(name: "fc.weight", expected: [3, 2], found: [4, 2]),
                                  .dtype(name: "bn.running_mean", expected: .float32, found: .float64)])
        }
        #expect(net.namedTensors().map(\.tensor.scalars) == before)
    }
}
