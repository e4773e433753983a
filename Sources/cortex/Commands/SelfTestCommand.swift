import ArgumentParser
import CortexKit
import Foundation

/// `cortex selftest`: a seeded numeric smoke run over BLAS, LAPACK, FFTW, ranks and `.npy` IO.
struct SelfTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selftest",
        abstract: "Run a quick numeric smoke test of the native libraries on seeded random data.",
        discussion: "Each check compares a fast path with an independent route to the same number. "
            + "Exits 1 when any check exceeds its tolerance.")

    @Option(help: "Seed of the random inputs.")
    var seed: UInt64 = 7

    @Option(help: "Rows of the random matrix (columns are 1.5× as many); at least 8.")
    var size: Int = 300

    @Flag(help: "Print the results as JSON.")
    var json = false

    func validate() throws {
        guard size >= 8 else { throw ValidationError("--size must be at least 8, got \(size)") }
        guard size <= 20_000 else { throw ValidationError("--size must be at most 20000, got \(size)") }
    }

    func run() throws {
        let test = SelfTest(seed: seed, size: size)
        let checks: [SelfTest.Check]
        do {
            checks = try test.run { check in
                guard !json else { return }
                let status = check.passed ? "ok  " : "FAIL"
                let figures = String(format: "%9.2e (tolerance %.0e)  %7.1f ms", check.discrepancy, check.tolerance,
                                     check.seconds * 1000)
                print("\(status) \(check.name.padding(toLength: 52, withPad: " ", startingAt: 0)) \(figures)")
            }
        } catch {
            throw CommandLineFailure("selftest: \(error)")
        }
        let failed = checks.filter { !$0.passed }
        if json {
            try CommandLineJSON.print(checks, layout: .indented)
        } else {
            print(failed.isEmpty ? "selftest: all \(checks.count) checks passed (seed \(seed), size \(size))"
                                 : "selftest: \(failed.count) of \(checks.count) checks FAILED (seed \(seed), size \(size))")
        }
        if !failed.isEmpty { throw ExitCode(1) }
    }
}
