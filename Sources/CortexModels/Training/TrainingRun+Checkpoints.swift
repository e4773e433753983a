import CortexEngine
import CortexNumerics
import Foundation

extension TrainingRun {
    /// Reads the options stored in a run folder, checked (``TrainingOptions/validate()``).
    /// - Throws: ``TrainingError/badRunFolder(path:reason:)`` without options.json,
    ///   ``TrainingError/unreadableFile(file:reason:)``, ``TrainingError/invalidOptions(file:_:)``
    ///   naming the key and its allowed range.
    public static func storedOptions(in directory: URL) throws(TrainingError) -> TrainingOptions {
        let url = RunFolder(directory).options
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .badRunFolder(path: directory.path, reason: "no options.json (not a run folder)")
        }
        do {
            return try JSONDecoder().decode(TrainingOptions.self, from: data)
        } catch let invalid as TrainingOptions.InvalidValue {
            throw .invalidOptions(file: url.path, invalid)
        } catch {
            throw .unreadableFile(file: url.path, reason: Self.reason(error))
        }
    }

    /// A decoding error in one line: what was wrong and at which key.
    static func reason(_ error: any Error) -> String {
        func path(_ keys: [any CodingKey]) -> String { keys.map(\.stringValue).joined(separator: ".") }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?: return "missing key '\(path(context.codingPath + [key]))'"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            return "wrong type at '\(path(context.codingPath))': \(context.debugDescription)"
        case .dataCorrupted(let context)?:
            return context.codingPath.isEmpty ? context.debugDescription
                : "'\(path(context.codingPath))': \(context.debugDescription)"
        default: return String(describing: error)
        }
    }

    /// Continues the run in `directory` from the epoch its run.json names. Leftovers of an
    /// unfinished epoch are deleted and the copies (`model.safetensors`, `metrics.csv`) rewritten
    /// from that epoch. A folder written before the manifest (model and training state beside
    /// options.json) is taken over: its epoch is committed in the new layout.
    public init(resuming directory: URL, task: any TrainingTask, network: NetworkBuilder) throws {
        let folder = RunFolder(directory)
        let options = try Self.storedOptions(in: directory)
        try Self.check(options, against: task)
        try self.init(epochZero: directory, options: options, task: task, network: network)
        if let finished = try folder.finishedEpoch() {
            try folder.removeLeftovers(finished: finished)
            if finished > 0 {
                let files = folder.epoch(finished)
                try restore(model: files.appendingPathComponent(RunFolder.modelFile),
                            state: files.appendingPathComponent(RunFolder.stateFile),
                            metrics: files.appendingPathComponent(RunFolder.metricsFile), epoch: finished)
                try publish(epoch: finished, { _, _ in })
            }
            committedEpoch = finished
            if options.pruneOtherEpochs { try folder.prune(latest: finished, kept: options.keptEpochs) }   // an interrupted prune
            if FileManager.default.fileExists(atPath: folder.legacyState.path) {   // a take-over's leftover
                try FileManager.default.removeItem(at: folder.legacyState)
            }
        } else if FileManager.default.fileExists(atPath: folder.legacyState.path) {
            try restore(model: folder.model, state: folder.legacyState, metrics: folder.metrics, epoch: nil)
            // (The initial weights of such a run are not written: epoch 0 would have to become
            // current before the taken-over epoch, and a crash then would lose that epoch.)
            try folder.removeLeftovers(finished: epochsDone)
            try commitEpoch { _, _ in }
            try FileManager.default.removeItem(at: folder.legacyState)
        } else {
            try folder.removeLeftovers(finished: nil)            // nothing finished: start from the seed
        }
    }

    /// Loads weights, optimiser state and metrics rows of a finished epoch, checking that the
    /// files agree on it (`epoch`: the manifest's, `nil` for a legacy folder).
    mutating func restore(model modelURL: URL, state stateURL: URL, metrics metricsURL: URL, epoch: Int?) throws {
        func read(_ url: URL) throws -> SafetensorsFile {
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw TrainingError.badRunFolder(path: directory.path, reason: "\(url.lastPathComponent) of the finished epoch is missing (\(url.path))")
            }
            return try SafetensorsFile(contentsOf: url)
        }
        var weights = try read(modelURL)
        let state = try read(stateURL)
        guard let found = weights.metadata["cortexkit.epoch"].flatMap(Int.init), epoch == nil || found == epoch,
              state.metadata["cortexkit.epoch"] == "\(found)",
              let steps = state.metadata["cortexkit.optimizer_steps"].flatMap(Int.init) else {
            throw TrainingError.badRunFolder(path: directory.path,
                                             reason: "\(modelURL.path) and \(stateURL.path) do not both record epoch \(epoch.map(String.init) ?? "of the model")")
        }
        let csv = (try? String(contentsOf: metricsURL, encoding: .utf8)) ?? ""
        let rows = Array(csv.split(separator: "\n").dropFirst().prefix(found).map(String.init))
        guard rows.count == found else {
            throw TrainingError.badRunFolder(path: directory.path, reason: "\(metricsURL.path) has \(rows.count) rows, expected \(found)")
        }
        do { _ = try PruningMasks.extract(from: &weights) } catch {
            throw TrainingError.badRunFolder(path: directory.path, reason: "\(modelURL.path): \(error)")
        }
        try model.load(stateDict: weights)
        optimizer.restore(tensors: state.tensors, steps: steps)
        if var head = projectionHead {
            do { try ProjectionHead.load(&head, from: state.tensors) } catch {
                throw TrainingError.badRunFolder(path: directory.path, reason: "\(stateURL.path): projection head: \(error)")
            }
            projectionHead = head
        }
        epochsDone = found
        metricsRows = rows
        testAccuracy = (try? CheckpointMetadata<Network.Configuration>.read(from: weights.metadata))??.testAccuracy
    }

    /// Commits the finished epochs as one unit (``RunFolder``, ``EpochCommitStep``); on a thrown
    /// error the partial files are deleted and the previous epoch stays current.
    mutating func commitEpoch(_ committed: (EpochCommitStep, Int) -> Void) throws {
        let folder = RunFolder(directory)
        let epoch = epochsDone
        let final = folder.epoch(epoch)
        let partial = URL(fileURLWithPath: final.path + RunFolder.partialSuffix, isDirectory: true)
        let fm = FileManager.default
        do {
            if fm.fileExists(atPath: partial.path) { try fm.removeItem(at: partial) }
            try fm.createDirectory(at: partial, withIntermediateDirectories: true)
            var (entries, steps) = optimizer.stateEntries()
            entries.merge(ProjectionHead.entries(projectionHead)) { a, _ in a }
            let epochTag = ["cortexkit.epoch": "\(epoch)"]
            let state = SafetensorsFile(tensors: entries, metadata: epochTag.merging(["cortexkit.optimizer_steps": "\(steps)"]) { a, _ in a })
            try RunFolder.durableWrite(Data(state.encoded()), to: partial.appendingPathComponent(RunFolder.stateFile))
            try RunFolder.durableWrite(modelBytes(), to: partial.appendingPathComponent(RunFolder.modelFile))
            try RunFolder.durableWrite(metricsBytes(), to: partial.appendingPathComponent(RunFolder.metricsFile))
            committed(.epochWritten, epoch)
            if fm.fileExists(atPath: final.path) { try fm.removeItem(at: final) }     // an unfinished commit's
            try fm.moveItem(at: partial, to: final)
            RunFolder.synchronizeDirectory(folder.epochs)
            committed(.epochRenamed, epoch)
        } catch {
            try? fm.removeItem(at: partial)
            throw error
        }
        try RunFolder.atomicWrite(folder.manifestData(epoch: epoch), to: folder.manifest)
        RunFolder.synchronizeDirectory(directory)
        committedEpoch = epoch
        committed(.manifestWritten, epoch)
        try publish(epoch: epoch, committed)
        if options.pruneOtherEpochs {
            try folder.prune(latest: epoch, kept: options.keptEpochs)
            committed(.pruned, epoch)
        }
    }

    /// Replaces the copies `model.safetensors` and `metrics.csv` with epoch `epoch`'s (epochs ≥ 1).
    func publish(epoch: Int, _ committed: (EpochCommitStep, Int) -> Void) throws {
        guard epoch > 0 else { return }
        let folder = RunFolder(directory)
        try RunFolder.atomicWrite(modelBytes(), to: folder.model)
        committed(.modelCopied, epoch)
        try RunFolder.atomicWrite(metricsBytes(), to: folder.metrics)
        committed(.metricsCopied, epoch)
    }

    /// The checkpoint of the current weights: the record and the epoch in the metadata.
    func modelBytes() -> Data {
        var record = CheckpointMetadata(family: Network.family, configuration: model.configuration,
                                        modelName: options.modelName, task: options.task,
                                        inputNormalization: InputNormalization(channels: model.inputShape.channels),
                                        testAccuracy: testAccuracy.flatMap { $0.isFinite ? $0 : nil },
                                        trainedSteps: options.steps,
                                        testExamples: testAccuracy == nil ? nil : min(options.testExamples, task.count(.test)),
                                        trainingMethod: TrainingMethodRecord(options))
        var file = model.stateDict(metadata: [:])
        if let masks {
            let (tensors, names) = masks.checkpointEntries
            file.tensors.merge(tensors) { a, _ in a }
            record.pruningMasks = names
        }
        file.metadata = record.entries.merging(["cortexkit.epoch": "\(epochsDone)"]) { a, _ in a }
        return Data(file.encoded())
    }

    func metricsBytes() -> Data {
        Data((([Self.metricsHeader] + metricsRows).joined(separator: "\n") + "\n").utf8)
    }

    /// Loads the starting point's weights and masks (masks applied) into the fresh network.
    mutating func loadStartingPoint(_ url: URL) throws {
        var file: SafetensorsFile
        do { file = try SafetensorsFile(contentsOf: url) } catch {
            throw TrainingError.unreadableFile(file: url.path, reason: String(describing: error))
        }
        do {
            masks = try PruningMasks.extract(from: &file)
            try model.load(stateDict: file)
        } catch {
            throw TrainingError.unreadableFile(file: url.path, reason: String(describing: error))
        }
        masks?.apply(to: &model)
    }
}
