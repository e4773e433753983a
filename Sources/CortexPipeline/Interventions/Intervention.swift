import Foundation

/// A temporal intervention on the movie, after the reference study's ablations (arXiv 2306.01354,
/// its `similarity/extraction.py` and `benchmark.py`): how much of a model's similarity to cortex
/// depends on the movie's temporal order and length.
///
/// Spelled `shuffle:W`, `replace-noise:W`, `front:N`, `clips:LxK` on the command line, in specs
/// and in results:
///
/// ```swift
/// let shuffle = try Intervention(parsing: "shuffle:8")      // .shuffle(window: 8)
/// shuffle.description                                       // "shuffle:8"
/// ```
///
/// - ``shuffle(window:)``: frames shuffled within consecutive windows of W frames (the last window
///   may be shorter); the network watches the shuffled movie from reset and the brain's frames are
///   reordered the same way, so only temporal context changes.
/// - ``replaceNoise(window:)``: in every window of W frames one random frame is replaced by a
///   noise frame; the network watches the altered movie from reset, the brain is unchanged.
/// - ``front(frames:)``: only the first N frames; the network re-runs from reset on the shortened
///   movie, the brain keeps its first N frames (the study's `front_stimulus`).
/// - ``clips(length:count:)``: K random clips of L frames, sliced from the full-movie run's layer
///   outputs and from the responses (the study's `clip_len`); the clip scores are averaged.
///
/// The first-frame policy of the metric applies after the intervention, as in the study (which
/// drops frame 0 of the shuffled, altered or shortened movie; clips are drawn from the frames
/// that remain after frame 0 is dropped).
public enum Intervention: Sendable, Hashable, Codable, CustomStringConvertible {
    case shuffle(window: Int)
    case replaceNoise(window: Int)
    case front(frames: Int)
    case clips(length: Int, count: Int)

    /// The spellings, for messages.
    public static let syntax = "shuffle:W, replace-noise:W, front:N or clips:LxK"

    /// Reads `shuffle:W`, `replace-noise:W`, `front:N` or `clips:LxK` (W ≥ 2, N ≥ 3, L ≥ 3, K ≥ 1).
    /// - Throws: ``InterventionError/unreadable(_:)`` naming the text and the syntax.
    public init(parsing text: String) throws(InterventionError) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else { throw .unreadable(text) }
        func positive(_ s: Substring, minimum: Int) throws(InterventionError) -> Int {
            guard s.allSatisfy(\.isASCII), let value = Int(s), value >= minimum, value <= 1_000_000 else { throw .unreadable(text) }
            return value
        }
        let value = Substring(parts[1])
        switch parts[0] {
        case "shuffle": self = .shuffle(window: try positive(value, minimum: 2))
        case "replace-noise": self = .replaceNoise(window: try positive(value, minimum: 2))
        case "front": self = .front(frames: try positive(value, minimum: 3))
        case "clips":
            let lk = value.lowercased().split(separator: "x", omittingEmptySubsequences: false)
            guard lk.count == 2 else { throw .unreadable(text) }
            self = .clips(length: try positive(lk[0], minimum: 3), count: try positive(lk[1], minimum: 1))
        default: throw .unreadable(text)
        }
    }

    public var description: String {
        switch self {
        case .shuffle(let w): return "shuffle:\(w)"
        case .replaceNoise(let w): return "replace-noise:\(w)"
        case .front(let n): return "front:\(n)"
        case .clips(let l, let k): return "clips:\(l)x\(k)"
        }
    }

    /// What the intervention does, for reports.
    public var explanation: String {
        switch self {
        case .shuffle(let w):
            return "frames shuffled within windows of \(w) frames (network re-run on the shuffled movie, brain frames reordered alike)"
        case .replaceNoise(let w):
            return "one random frame per window of \(w) frames replaced by a noise frame (network re-run, brain unchanged)"
        case .front(let n): return "only the first \(n) frames (network re-run from reset on the shortened movie)"
        case .clips(let l, let k): return "\(k) random clips of \(l) frames of the full-movie run, scores averaged"
        }
    }

    /// Whether the network must watch an altered movie (everything but clips).
    public var rerunsNetwork: Bool {
        if case .clips = self { return false }
        return true
    }

    /// Checks the intervention fits a movie of `frames` frames.
    /// - Parameter dropsFirstFrame: whether the metric drops frame 0 (clips are drawn from the rest).
    /// - Throws: ``InterventionError/doesNotFit(_:frames:reason:)``.
    public func check(frames: Int, dropsFirstFrame: Bool) throws(InterventionError) {
        switch self {
        case .shuffle(let w), .replaceNoise(let w):
            if w > frames { throw .doesNotFit(description, frames: frames, reason: "the window is longer than the movie") }
        case .front(let n):
            if n > frames { throw .doesNotFit(description, frames: frames, reason: "the movie has fewer frames") }
        case .clips(let l, let k):
            let available = frames - (dropsFirstFrame ? 1 : 0)
            if l > available {
                throw .doesNotFit(description, frames: frames, reason: "a clip is longer than the \(available) frames scored")
            }
            if k > available - l + 1 {
                throw .doesNotFit(description, frames: frames,
                                  reason: "only \(available - l + 1) distinct clips of \(l) frames fit in \(available) frames")
            }
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try Intervention(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// Why an intervention cannot run.
public enum InterventionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not one of the spellings.
    case unreadable(String)
    /// The intervention does not fit the movie.
    case doesNotFit(String, frames: Int, reason: String)
    /// Only checkpoint models watch a movie again.
    case needsCheckpoint(model: String)

    public var description: String {
        switch self {
        case .unreadable(let text):
            return "intervention '\(text)' is not one of \(Intervention.syntax) (W ≥ 2, N ≥ 3, L ≥ 3, K ≥ 1)"
        case .doesNotFit(let spelling, let frames, let reason):
            return "intervention \(spelling) does not fit a movie of \(frames) frames: \(reason)"
        case .needsCheckpoint(let model):
            return "interventions re-run a network on the movie; \(model) is a feature file (use a checkpoint model)"
        }
    }
}
