import Foundation

/// The files of a training run folder and how they change, so that a run killed at any instant
/// resumes from its last finished epoch:
///
///     options.json                  the ``TrainingOptions`` (written once, when the run starts)
///     run.json                      the manifest: the last finished epoch k — renamed into place
///                                   last, it is what makes an epoch finished
///     epochs/epoch-000k/            one folder per finished epoch (epoch 0: the initial weights)
///         model.safetensors         weights + BN statistics after epoch k, with the checkpoint record
///         training-state.safetensors  optimiser buffers and step count
///         metrics.csv               rows of epochs 1…k
///     model.safetensors             copies of the manifest's epoch's files (k ≥ 1) where scripts
///     metrics.csv                   and walkthroughs read them; replaced atomically after run.json
///
/// An epoch is committed in steps (``EpochCommitStep``): its files are written into
/// `epochs/epoch-000k.partial/`, the folder is renamed to `epoch-000k`, `run.json` is replaced
/// (temporary file + rename), then the two copies are replaced the same way. A crash before the
/// manifest leaves epoch k − 1 current: the next resume deletes the unfinished epoch's leftovers
/// (`*.partial`, epoch folders after the manifest's) and rewrites the copies from the manifest's
/// epoch. Epochs in ``TrainingOptions/keptEpochs`` are never deleted; others only with
/// ``TrainingOptions/pruneOtherEpochs``.
public struct RunFolder: Sendable {
    public let directory: URL

    public init(_ directory: URL) { self.directory = directory }

    public var options: URL { directory.appendingPathComponent("options.json") }
    public var manifest: URL { directory.appendingPathComponent("run.json") }
    public var epochs: URL { directory.appendingPathComponent("epochs", isDirectory: true) }
    /// The copy of the latest epoch's weights.
    public var model: URL { directory.appendingPathComponent("model.safetensors") }
    /// The copy of the latest epoch's metrics.
    public var metrics: URL { directory.appendingPathComponent("metrics.csv") }
    /// Where runs written before the manifest kept their optimiser state (read when resuming them).
    var legacyState: URL { directory.appendingPathComponent("training-state.safetensors") }

    static let modelFile = "model.safetensors", stateFile = "training-state.safetensors", metricsFile = "metrics.csv"
    static let partialSuffix = ".partial"

    /// The folder of epoch `k`'s files (`epochs/epoch-000k`).
    public func epoch(_ k: Int) -> URL {
        epochs.appendingPathComponent(String(format: "epoch-%04d", k), isDirectory: true)
    }

    /// Epoch numbers of the finished-epoch folders present (`epoch-000k`, not `.partial`).
    func epochFolders() -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: epochs.path)) ?? []
        return names.compactMap { name in
            guard name.hasPrefix("epoch-"), !name.hasSuffix(Self.partialSuffix) else { return nil }
            return Int(name.dropFirst("epoch-".count))
        }.sorted()
    }

    /// The manifest: which epoch is the last finished one.
    struct Manifest: Codable, Hashable {
        var schema = 1
        var epoch: Int
    }

    /// The manifest's epoch; `nil` when no epoch is finished (no run.json).
    /// - Throws: ``TrainingError/unreadableFile(file:reason:)`` for a run.json that is not a manifest.
    func finishedEpoch() throws(TrainingError) -> Int? {
        guard let data = FileManager.default.contents(atPath: manifest.path) else { return nil }
        guard let value = try? JSONDecoder().decode(Manifest.self, from: data), value.schema == 1, value.epoch >= 0 else {
            throw .unreadableFile(file: manifest.path, reason: "not a run manifest of schema 1 with an epoch ≥ 0")
        }
        return value.epoch
    }

    func manifestData(epoch: Int) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // Encoding two integers does not fail.
        return (try? encoder.encode(Manifest(epoch: epoch))) ?? Data()
    }

    /// Names in the folder other than those a new run may find there (none).
    func entries() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    /// Deletes what an unfinished epoch (or an interrupted write) left: `*.partial` files and
    /// folders, epoch folders after `finished` (all of them when `nil`), and — with no finished
    /// epoch — the copies.
    func removeLeftovers(finished: Int?) throws {
        let fm = FileManager.default
        for base in [directory, epochs] {
            for name in (try? fm.contentsOfDirectory(atPath: base.path)) ?? [] where name.hasSuffix(Self.partialSuffix) {
                try fm.removeItem(at: base.appendingPathComponent(name))
            }
        }
        for k in epochFolders() where finished.map({ k > $0 }) ?? true { try fm.removeItem(at: epoch(k)) }
        if finished == nil || finished == 0 {
            for url in [model, metrics] where fm.fileExists(atPath: url.path) { try fm.removeItem(at: url) }
        }
    }

    /// Deletes the folders of epochs before `latest` that are not in `kept`.
    func prune(latest: Int, kept: [Int]) throws {
        for k in epochFolders() where k < latest && !kept.contains(k) { try FileManager.default.removeItem(at: epoch(k)) }
    }

    /// Deletes the files of a run (manifest first, so a crash part-way leaves no finished epoch),
    /// keeping anything else in the folder.
    func removeRun() throws {
        let fm = FileManager.default
        for url in [manifest, legacyState, epochs, model, metrics, options] where fm.fileExists(atPath: url.path) {
            try fm.removeItem(at: url)
        }
        try removeLeftovers(finished: nil)
    }

    /// Writes `data` to `url` durably and atomically: into `url.partial`, flushed to disk, then
    /// renamed over `url`. The temporary file is removed if anything fails.
    static func atomicWrite(_ data: Data, to url: URL) throws {
        let temporary = URL(fileURLWithPath: url.path + partialSuffix)
        do {
            try durableWrite(data, to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path,
                                                               NSLocalizedDescriptionKey: "rename failed: errno \(errno)"])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Writes `data` to a new file at `url` and flushes it to disk (no rename).
    static func durableWrite(_ data: Data, to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.write(contentsOf: data)
        try handle.synchronize()
    }
}

/// The steps of committing an epoch, in order (``TrainingRun/train(stopAfterBatches:progress:committed:)``
/// reports each once done; a crash right after any of them resumes to the same files).
public enum EpochCommitStep: String, Sendable, Hashable, CaseIterable {
    /// The epoch's files are written and flushed in `epochs/epoch-000k.partial/`.
    case epochWritten = "epoch-written"
    /// The folder is renamed to `epochs/epoch-000k`.
    case epochRenamed = "epoch-renamed"
    /// run.json names epoch k: the epoch is finished.
    case manifestWritten = "manifest-written"
    /// The copy `model.safetensors` is replaced (epochs ≥ 1).
    case modelCopied = "model-copied"
    /// The copy `metrics.csv` is replaced (epochs ≥ 1).
    case metricsCopied = "metrics-copied"
    /// Epochs neither kept nor latest are deleted (with ``TrainingOptions/pruneOtherEpochs``).
    case pruned
}

extension RunFolder {
    /// Flushes a directory's entries (a rename inside it) to disk; best effort.
    static func synchronizeDirectory(_ url: URL) {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }
}
