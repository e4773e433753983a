// cortex-fuzz: runs one reader's fuzz target (see Fuzz/CortexFuzz). Driven by scripts/fuzz.sh.
//
//   cortex-fuzz TARGET [--seconds S] [--iterations N] [--seed K] [--crash-record FILE] [--root DIR] [--hang S]
//   (an input running longer than --hang seconds, default 20, ends the run with status 70)
//   cortex-fuzz TARGET --replay FILE…      runs the given inputs once each (reproduce a crash)
import CortexFuzz
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("cortex-fuzz: \(message)\n".utf8))
    exit(64)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
    fail("usage: cortex-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) [--seconds S] "
        + "[--iterations N] [--seed K] [--crash-record FILE] [--root DIR] | --replay FILE…")
}
arguments.removeFirst()
var seconds = 600.0, iterations = Int.max, seed: UInt64 = 1, hang = 20.0
var crashRecord: URL?, root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
var replay: [URL] = []
while let option = arguments.first {
    arguments.removeFirst()
    if option == "--replay" { replay = arguments.map { URL(fileURLWithPath: $0) }; break }
    guard let value = arguments.first else { fail("\(option) needs a value") }
    arguments.removeFirst()
    switch option {
    case "--seconds":
        guard let number = Double(value) else { fail("bad --seconds \(value)") }
        seconds = number
    case "--iterations":
        guard let number = Int(value) else { fail("bad --iterations \(value)") }
        iterations = number
    case "--seed":
        guard let number = UInt64(value) else { fail("bad --seed \(value)") }
        seed = number
    case "--hang":
        guard let number = Double(value) else { fail("bad --hang \(value)") }
        hang = number
    case "--crash-record": crashRecord = URL(fileURLWithPath: value)
    case "--root": root = URL(fileURLWithPath: value)
    default: fail("unknown option \(option)")
    }
}
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cortex-fuzz-\(getpid())")
try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
if !replay.isEmpty {
    for url in replay {
        guard let bytes = try? [UInt8](Data(contentsOf: url)) else { fail("cannot read \(url.path)") }
        target.run(bytes, scratch: scratch.appendingPathComponent("replay"))
        print("\(url.lastPathComponent): no crash")
    }
    try? FileManager.default.removeItem(at: scratch)
    exit(0)
}
let corpus = FuzzCampaign.corpus(of: target, root: root)
guard !corpus.isEmpty else { fail("no seed corpus for \(target.rawValue) under \(root.path)") }
let campaign = FuzzCampaign(target: target, corpus: corpus, seed: seed, scratch: scratch, crashRecord: crashRecord)
let start = Date()
let count = campaign.run(seconds: seconds, iterations: iterations, hangSeconds: hang)
try? FileManager.default.removeItem(at: scratch)
print(String(format: "%@: %d inputs in %.0f s (seed %llu, %d corpus files), no crash", target.rawValue, count,
             Date().timeIntervalSince(start), seed, corpus.count))
