import Foundation
import Testing

/// Runs every walkthrough in notebooks-md/ with the built `cortex` on PATH, from the repository
/// root (so `datasets/…` paths work), with `$OUT` a fresh temporary folder for outputs.
@Suite("notebooks-md walkthroughs")
struct WalkthroughTests {
    @Test("every walkthrough's commands print what it says", arguments: Walkthrough.all())
    func walkthrough(name: String) throws {
        try Self.run(try Walkthrough(name: name))
    }

    /// Runs every step of `walkthrough` and records each mismatch (exit status, output lines).
    static func run(_ walkthrough: Walkthrough) throws {
        let name = walkthrough.name
        #expect(!walkthrough.steps.isEmpty, "\(name) has no console steps")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cortexkit-walkthrough-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        let root = Walkthrough.directory.deletingLastPathComponent()
        let bin = CLIRunner.executable.deletingLastPathComponent().path
        for step in walkthrough.steps {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-o", "pipefail", "-c", step.command]
            process.currentDirectoryURL = root
            var env = ProcessInfo.processInfo.environment
            env["PATH"] = bin + ":" + (env["PATH"] ?? "/usr/bin:/bin")
            env["OUT"] = out.path
            process.environment = env
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let output = String(decoding: data, as: UTF8.self)
            #expect(process.terminationStatus == step.expectedStatus,
                    "\(name):\(step.line) `\(step.command)` exited \(process.terminationStatus): \(output)")
            var expected = step
            expected.expectedLines = step.expectedLines.map { $0.replacingOccurrences(of: "$OUT", with: out.path) }
            if let problem = Walkthrough.mismatch(output, expected) {
                Issue.record("\(name):\(step.line) `\(step.command)`: \(problem)")
            }
        }
    }

    @Test("the wildcard matcher: … matches any text, and only there")
    func matcher() {
        #expect(Walkthrough.matches("BLAS core  SkylakeX (x)", "BLAS core  …"))
        #expect(Walkthrough.matches("abc", "a…c"))
        #expect(Walkthrough.matches("ac", "a…c"))
        #expect(!Walkthrough.matches("abd", "a…c"))
        #expect(!Walkthrough.matches("xabc", "a…"))
        #expect(Walkthrough.matches("ok   Gram 1.0e-13 (tol)", "ok   Gram … (tol)"))
        #expect(!Walkthrough.matches("abc", "abd"))
    }
}
