import ArgumentParser
import CortexKit
import Foundation

/// `cortex doctor`: the native libraries, BLAS kernel core and threads in use, and warnings.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Report library versions, the BLAS kernel in use, threads, and problems.")

    @Flag(help: "Print the report as JSON (snake_case keys).")
    var json = false

    @Flag(help: "Exit with status 3 when there is a warning (for scripts and CI).")
    var strict = false

    func run() throws {
        let report = SystemReport.current()
        if json {
            try CommandLineJSON.print(DoctorOutput(report), layout: .indented)
        } else {
            let b = report.blas
            let origin = b.environmentCore.map { "OPENBLAS_CORETYPE=\($0) made OpenBLAS load \(b.coreAtLoad)" }
                ?? "OpenBLAS chose \(b.coreAtLoad)"
            let coreLine = b.switched ? "\(b.coreInUse) (\(origin); switched by policy \(b.policy))"
                                      : "\(b.coreInUse) (\(origin); policy \(b.policy))"
            let rows: [(String, String)] = [
                ("CortexKit", report.cortexKitVersion),
                ("OS", report.operatingSystem),
                ("CPU", "\(report.cpu.vendor) family \(report.cpu.family) model \(report.cpu.model), "
                    + "\(report.cpu.logicalCores) cores, \(report.cpu.memoryGiB) GiB"),
                ("CPU vector features", "\(report.cpu.features) → best kernel class \(report.cpu.vectorClass)"),
                ("HDF5", report.hdf5Version),
                ("FFTW", report.fftwVersion),
                ("BLAS", b.configuration.trimmingCharacters(in: .whitespaces)),
                ("BLAS core", coreLine),
                ("BLAS threads", "\(b.threads)"),
            ]
            let width = rows.map(\.0.count).max() ?? 0
            for (key, value) in rows {
                print(key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
            }
            let warnings = report.warnings
            if warnings.isEmpty {
                print("status".padding(toLength: width, withPad: " ", startingAt: 0) + "  ok")
            } else {
                for w in warnings { print("warning: \(w)") }
            }
        }
        if strict && !report.warnings.isEmpty { throw ExitCode(3) }
    }
}
