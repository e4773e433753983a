import CortexKit
import Foundation
import Testing

/// Bad input files end in one typed error line and a non-zero status — no trap, no file left behind.
@Suite("Bad input files through the CLI")
struct BadInputCLITests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cortex-badinput-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("cortex features on a movie with a zero-sized dimension: a typed error, no output or temporary file",
          arguments: [[4, 0, 32], [4, 32, 0]])
    func zeroSizedMovie(shape: [Int]) throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let movie = dir.appendingPathComponent("empty-frames.npy")
        try NPYFile.write(NDArray<UInt8>(shape: shape, repeating: 0), to: movie)
        let output = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let r = try CLIRunner.run(["features", "--model", "sew-resnet18-w4", "--checkpoint", "random", "--movie", movie.path,
                                   "-o", output.appendingPathComponent("features.h5").path])
        #expect(r.status == 1, "status \(r.status): \(r.stderr)")
        #expect(r.stderr.hasPrefix("cortex: error:") && r.stderr.contains("every dimension positive"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty)
    }
}

/// A full disk (here: a file-size limit, which fails writes the same way without root) is the
/// write error, not a segfault in libhdf5's exit handler after it; no temporary file is left.
@Suite("Writing on a full disk")
struct FullDiskTests {
    @Test("cortex features past a file-size limit: the write error, exit status 1, nothing left behind")
    func featuresPastFileSizeLimit() throws {
        let dir = try BadInputCLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let demoMovie = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("datasets/demo-movie.npy")
        let output = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        // 200 blocks of 1 KiB: the movie is read, the feature file cannot grow past 200 KiB.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "trap '' XFSZ; ulimit -f 200; exec \"$0\" \"$@\"", CLIRunner.executable.path,
                             "features", "--model", "sew-resnet18-w8", "--checkpoint", "random", "--movie", demoMovie.path,
                             "-o", output.appendingPathComponent("features.h5").path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 1,
                "status \(process.terminationStatus): \(stderr.suffix(600))")
        #expect(stderr.contains("write failed") && stderr.contains("File too large"), "\(stderr.prefix(600))")
        #expect(!stderr.contains("crashed"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty)
    }

    @Test("cortex compare -o past a file-size limit: Foundation's write error in words, exit 1, no partial file")
    func compareJSONPastFileSizeLimit() throws {
        let dir = try BadInputCLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (responses, copycat, _) = try CompareCommandTests.inputs(in: dir)
        let output = dir.appendingPathComponent("out.json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\"", CLIRunner.executable.path,
                             "compare", "--responses", responses.path, "--features", copycat.path, "--zero-variance", "drop-frame",
                             "-o", output.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(stderr)")
        #expect(stderr.contains("cortex: error: \(output.path): write failed: File too large"), "\(stderr)")
        #expect(!stderr.contains("NSCocoaErrorDomain") && !stderr.contains("Foundation code"), "\(stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("cortex report on a folder or a binary file: says what it is, not 'no such file'")
    func specIsNotAFile() throws {
        let dir = try BadInputCLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("spec.yaml")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let r = try CLIRunner.run(["report", folder.path, "-o", dir.appendingPathComponent("out").path])
        #expect(r.status == 1 && r.stderr.contains("a folder, not a spec file"), "\(r.stderr)")
        let binary = dir.appendingPathComponent("spec2.yaml")
        try Data([0xff, 0xfe, 0x00, 0xc3]).write(to: binary)
        let b = try CLIRunner.run(["report", binary.path, "-o", dir.appendingPathComponent("out").path])
        #expect(b.status == 1 && b.stderr.contains("UTF-8"), "\(b.stderr)")
    }

    @Test("a damaged file libhdf5 1.10 segfaults on: one error line naming the command, exit status 70, no crash dump")
    func libhdf5Crash() throws {
        let input = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/known-libhdf5/hdf5-segv-H5Literate-B2-header.bin")
        let r = try CLIRunner.run(["inspect", input.path])
        #expect(r.status == 70, "\(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("cortex: error: the process stopped on a bad memory access")
                && lines[0].contains("`cortex inspect \(input.path)`"), "\(r.stderr)")
    }
}
