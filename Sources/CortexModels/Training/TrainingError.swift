/// Why a training run cannot start, resume or go on; each description is one line naming the file.
public enum TrainingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The loss became NaN or infinite; the run folder keeps the checkpoint of the last full epoch.
    case nonFiniteLoss(epoch: Int, batch: Int, keptEpoch: Int)
    /// The folder is not a run folder, or its files contradict each other.
    case badRunFolder(path: String, reason: String)
    /// options.json holds a value out of range.
    case invalidOptions(file: String, TrainingOptions.InvalidValue)
    /// options.json (or run.json) is not the JSON a run folder holds.
    case unreadableFile(file: String, reason: String)
    /// A new run was asked for in a folder that already holds files (pass `replacing: true`,
    /// `cortex train --force`, to start over there).
    case runFolderNotEmpty(path: String, entries: [String])
    /// The options ask for more examples than the task has, or for another number of classes.
    case taskMismatch(reason: String)
    /// A training step would need more memory than allowed (half the physical memory): the
    /// input size, batch or T is too large for this machine.
    case exceedsMemory(input: NetworkInputShape, batch: Int, steps: Int, needed: Int, limit: Int)

    public var description: String {
        switch self {
        case .nonFiniteLoss(let epoch, let batch, let kept):
            return "loss is not finite at epoch \(epoch + 1), batch \(batch + 1); stopped, keeping the checkpoint of epoch \(kept)"
        case .badRunFolder(let path, let reason): return "\(path): \(reason)"
        case .invalidOptions(let file, let value): return "\(file): \(value)"
        case .unreadableFile(let file, let reason): return "\(file): cannot be read: \(reason)"
        case .runFolderNotEmpty(let path, let entries):
            let shown = entries.prefix(4).joined(separator: ", ") + (entries.count > 4 ? ", …" : "")
            return "\(path) is not empty (\(shown)); resume the run there, or replace it (--force)"
        case .taskMismatch(let reason): return reason
        case let .exceedsMemory(input, batch, steps, needed, limit):
            return "a training step on \(input.height)x\(input.width) frames, batch \(batch) × T \(steps) needs about "
                + "\(MemoryEstimate.describe(needed)), more than the \(MemoryEstimate.describe(limit)) allowed "
                + "(half of this machine's memory); use a smaller --input-size, --batch or --T"
        }
    }
}
