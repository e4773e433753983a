/// Which frames a metric compares. The reference study (arXiv 2306.01354, `benchmark.py`) drops
/// frame 0 — it follows a grey screen — before every metric, so that is the default of every
/// built-in metric chosen through CortexPipeline's `MetricChoice`.
///
/// The raw value is the spelling of results files (`drop-first-frame`, `all-frames`); the command
/// line spells it `--drop-first-frame` / `--keep-first-frame`, specs `drop-first-frame: true|false`.
public enum FramePolicy: String, Sendable, Hashable, CaseIterable, Codable {
    /// Drop frame 0 on both sides, then compare frames 1…n−1 (the study's policy).
    case dropFirstFrame = "drop-first-frame"
    /// Compare every frame.
    case allFrames = "all-frames"

    /// The index of the first compared frame (1 or 0).
    public var firstFrame: Int { self == .dropFirstFrame ? 1 : 0 }

    /// How many of `rows` frames are compared.
    public func comparedFrames(rows: Int) -> Int { max(0, rows - firstFrame) }

    /// The policy of a `dropsFirstFrame` flag.
    public init(dropsFirstFrame: Bool) { self = dropsFirstFrame ? .dropFirstFrame : .allFrames }

    /// A short phrase for labels: "first frame dropped" or "all frames".
    public var label: String { self == .dropFirstFrame ? "first frame dropped" : "all frames" }
}
