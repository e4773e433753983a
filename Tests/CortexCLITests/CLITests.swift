import CortexKit
import Foundation
import Testing

@Suite("cortex command line")
struct CLITests {
    @Test("--version prints the library version")
    func version() throws {
        let r = try CLIRunner.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == CortexKitVersion.string)
    }

    @Test("--help lists every subcommand, and each subcommand has --help")
    func help() throws {
        let r = try CLIRunner.run(["--help"])
        #expect(r.status == 0)
        for sub in ["doctor", "selftest"] {
            #expect(r.stdout.contains(sub))
            let s = try CLIRunner.run([sub, "--help"])
            #expect(s.status == 0)
            #expect(s.stdout.contains("USAGE: cortex \(sub)"))
        }
    }

    @Test("usage errors print one line on stderr and exit 64")
    func usageErrors() throws {
        for args in [["bogus"], ["doctor", "--nope"]] {
            let r = try CLIRunner.run(args)
            #expect(r.status == 64)
            #expect(r.stdout.isEmpty)
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1)
            #expect(lines.first?.hasPrefix("cortex: error: ") == true)
        }
    }

    @Test("doctor --json reports the libraries and the BLAS core, keys in snake_case")
    func doctorJSON() throws {
        let r = try CLIRunner.run(["doctor", "--json"])
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let blas = try #require(object["blas"] as? [String: Any])
        #expect((blas["core_in_use"] as? String)?.isEmpty == false)
        #expect((object["hdf5_version"] as? String)?.hasPrefix("1.") == true)
        #expect((object["fftw_version"] as? String)?.contains("fftw-3") == true)
        #expect(object["warnings"] is [Any])
        #expect(object["cortexkit_version"] as? String == CortexKitVersion.string)
        let cpu = try #require(object["cpu"] as? [String: Any])
        #expect(cpu["logical_cores"] as? Int == ProcessInfo.processInfo.activeProcessorCount && cpu["memory_gib"] is Double)
        // One key style: every key, nested ones too, is snake_case.
        func keys(_ value: Any) -> [String] {
            guard let object = value as? [String: Any] else { return [] }
            return object.keys.sorted() + object.values.flatMap(keys)
        }
        #expect(keys(object).allSatisfy { $0 == $0.lowercased() }, "\(keys(object))")
    }

    /// A slow core forced through the environment, on a CPU that can do better, with an OpenBLAS
    /// that can switch cores (elsewhere these tests are skipped, not failed).
    static let canUpgradeFromSSE = CPUFeatures.current.vectorClass > .sse && BLASRuntime.canSelectCore

    @Test("a forced fallback core is upgraded by the automatic policy", .enabled(if: canUpgradeFromSSE))
    func automaticUpgradesFallback() throws {
        let r = try CLIRunner.run(["doctor", "--json", "--strict"],
                                  environment: ["OPENBLAS_CORETYPE": "Prescott", "CORTEXKIT_BLAS_CORE": nil])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let blas = try #require(object["blas"] as? [String: Any])
        #expect(blas["core_at_load"] as? String == "Prescott")
        #expect(blas["is_fallback"] as? Bool == false)
        #expect(blas["switched"] as? Bool == true)
        #expect(r.status == 0)
    }

    @Test("with CORTEXKIT_BLAS_CORE=system a fallback core is kept and doctor --strict warns",
          .enabled(if: canUpgradeFromSSE))
    func systemPolicyWarns() throws {
        let r = try CLIRunner.run(["doctor", "--strict"],
                                  environment: ["OPENBLAS_CORETYPE": "Prescott", "CORTEXKIT_BLAS_CORE": "system"])
        #expect(r.status == 3)
        #expect(r.stdout.contains("BLAS core            Prescott"))
        #expect(r.stdout.contains("warning: BLAS core Prescott is a fallback"))
    }

    @Test("selftest passes on this machine and is deterministic given --seed")
    func selftest() throws {
        let a = try CLIRunner.run(["selftest", "--seed", "3", "--size", "40", "--json"])
        #expect(a.status == 0, "\(a.stdout)\(a.stderr)")
        let checks = try #require(try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [[String: Any]])
        #expect(checks.count == 7)
        let b = try CLIRunner.run(["selftest", "--seed", "3", "--size", "40", "--json"])
        let discrepancies = { (s: String) throws -> [Double] in
            let list = try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [[String: Any]] ?? []
            return list.compactMap { $0["discrepancy"] as? Double }
        }
        #expect(try discrepancies(a.stdout) == discrepancies(b.stdout))
        let text = try CLIRunner.run(["selftest", "--size", "16"])
        #expect(text.stdout.contains("selftest: all 7 checks passed"))
    }

    @Test("selftest rejects a size below 8 with one line")
    func selftestValidation() throws {
        let r = try CLIRunner.run(["selftest", "--size", "3"])
        #expect(r.status == 64)
        #expect(r.stderr == "cortex: error: --size must be at least 8, got 3 (see 'cortex --help')\n")
    }
}
