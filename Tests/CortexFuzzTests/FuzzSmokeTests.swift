import CortexFuzz
import Foundation
import Testing

/// A short deterministic run of every fuzz target (`make fuzz` runs them for minutes each): the
/// readers must throw, never trap or hang, on the seed corpus and its first mutated inputs.
///
/// Each target runs in a child `cortex-fuzz` process, so a crash or a hang inside a C library
/// fails this test (with the input saved) instead of ending or stalling the whole test run.
@Suite("Fuzz smoke run")
struct FuzzSmokeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `cortex-fuzz` executable beside the test bundle, or under .build/debug.
    static let executable: URL = {
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("cortex-fuzz"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cortex-fuzz"),
            root.appendingPathComponent(".build/debug/cortex-fuzz"),
        ].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    /// Seed and inputs per target. The `hdf5` target reaches defects of libhdf5 1.10.8 itself within
    /// a hundred inputs for some seeds (12: an endless loop in H5C_protect reading a variable-length
    /// string from a corrupt global heap; 13 and 17: segfaults iterating a corrupt group B-tree), kept
    /// in Fuzz/known-libhdf5/ and listed in Fuzz/README.md; the smoke run uses a seed that avoids
    /// them, so that it guards CortexKit's own code.
    static let budget: [FuzzTarget: (seed: UInt64, inputs: Int)] = [
        .npy: (12, 3000), .safetensors: (12, 3000), .spec: (12, 2000), .hdf5: (14, 120), .nwb: (12, 100),
    ]

    @Test("each target runs its seed corpus and mutated inputs without crashing or hanging", arguments: FuzzTarget.allCases)
    func smoke(target: FuzzTarget) throws {
        #expect(FuzzCampaign.corpus(of: target, root: Self.root).count >= 2, "seed corpus of \(target)")
        let record = FileManager.default.temporaryDirectory.appendingPathComponent("cortex-fuzz-smoke-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: record) }
        let budget = try #require(Self.budget[target])
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = [target.rawValue, "--seconds", "10", "--iterations", "\(budget.inputs)", "--seed", "\(budget.seed)",
                             "--hang", "15", "--crash-record", record.path, "--root", Self.root.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let input = (try? Data(contentsOf: record)).map { "input of \($0.count) bytes kept" } ?? "no input kept"
        #expect(process.terminationReason == .exit && process.terminationStatus == 0,
                "\(target): status \(process.terminationStatus) (\(process.terminationReason == .exit ? "exit" : "signal")), \(input)")
    }

    @Test("the mutator is deterministic per seed")
    func deterministic() {
        let corpus: [[UInt8]] = [Array("{\"shape\": [3, 4]}".utf8), [0, 1, 2, 3, 4, 5, 6, 7]]
        var a = FuzzMutator(seed: 5, corpus: corpus), b = FuzzMutator(seed: 5, corpus: corpus)
        let first = (0..<50).map { _ in a.next() }
        #expect(first == (0..<50).map { _ in b.next() })
        var c = FuzzMutator(seed: 6, corpus: corpus)
        #expect(first != (0..<50).map { _ in c.next() })
    }
}
