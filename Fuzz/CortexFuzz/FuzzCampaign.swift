import Foundation
import Synchronization

/// Runs one target on mutated corpus inputs for a time or an iteration budget.
///
/// Before each input is run it is written to `crashRecord` (when given) and the file is removed at
/// the end: if the process dies on an input (trap, abort, segfault), that file holds it, and
/// `scripts/fuzz.sh` saves it under the crash folder and restarts with the next seed.
public struct FuzzCampaign {
    public let target: FuzzTarget
    public let corpus: [[UInt8]]
    public let seed: UInt64
    /// Scratch directory for the targets' input files.
    public let scratch: URL
    /// Where the input being run is kept until it returns.
    public let crashRecord: URL?

    public init(target: FuzzTarget, corpus: [[UInt8]], seed: UInt64, scratch: URL, crashRecord: URL?) {
        self.target = target
        self.corpus = corpus
        self.seed = seed
        self.scratch = scratch
        self.crashRecord = crashRecord
    }

    /// The seed corpus of `target` read from the repository at `root`.
    public static func corpus(of target: FuzzTarget, root: URL) -> [[UInt8]] {
        target.seedFiles(root: root).compactMap { try? [UInt8](Data(contentsOf: $0)) }
    }

    /// The exit status when one input runs longer than the watchdog allows (a hang).
    public static let hangStatus: Int32 = 70

    /// Runs until `seconds` have passed or `iterations` inputs ran (whichever first); returns the
    /// number of inputs run. The unmutated corpus entries run first.
    /// - Parameter hangSeconds: when given, an input running longer ends the process with
    ///   ``hangStatus`` (the input stays in `crashRecord`): a hang inside a C library cannot be
    ///   interrupted otherwise.
    @discardableResult
    public func run(seconds: Double, iterations: Int = .max, hangSeconds: Double? = nil) -> Int {
        var mutator = FuzzMutator(seed: seed, corpus: corpus)
        let input = scratch.appendingPathComponent("input-\(target.rawValue)")
        let deadline = Date().addingTimeInterval(seconds)
        let progress = FuzzProgress()
        if let hangSeconds { Self.startWatchdog(progress: progress, limit: hangSeconds) }
        var count = 0
        while count < iterations && Date() < deadline {
            let bytes = count < corpus.count ? corpus[count] : mutator.next()
            if let crashRecord { try? Data(bytes).write(to: crashRecord) }
            target.run(bytes, scratch: input)
            count += 1
            progress.inputs.store(count, ordering: .relaxed)
        }
        if let crashRecord { try? FileManager.default.removeItem(at: crashRecord) }
        try? FileManager.default.removeItem(at: input)
        return count
    }

    /// Ends the process with ``hangStatus`` when `progress` stays the same for `limit` seconds.
    static func startWatchdog(progress: FuzzProgress, limit: Double) {
        Thread.detachNewThread {
            var last = -1, since = Date()
            while true {
                Thread.sleep(forTimeInterval: 0.5)
                let now = progress.inputs.load(ordering: .relaxed)
                if now != last { last = now; since = Date(); continue }
                if Date().timeIntervalSince(since) > limit {
                    FileHandle.standardError.write(Data("cortex-fuzz: an input ran longer than \(limit) s (hang)\n".utf8))
                    _exit(hangStatus)
                }
            }
        }
    }
}

/// Inputs run so far, read by the watchdog thread.
final class FuzzProgress: Sendable {
    let inputs = Atomic<Int>(0)
}
