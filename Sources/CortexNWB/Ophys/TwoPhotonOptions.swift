/// What ``TwoPhotonResponses`` computes: which movie, which trace signal, which planes and mice.
///
/// 2-photon defaults differ from spike counts': no rate filter (ΔF/F has no rate), one bin per movie
/// frame (the imaging rate is about the movie's frame rate).
///
/// ```swift
/// var options = TwoPhotonOptions()                 // natural_movie_one, ΔF/F, every plane
/// options.depthRange = 100...300                   // µm below the pia
/// options.creLine = "Cux2-CreERT2"
/// ```
public struct TwoPhotonOptions: Sendable, Hashable {
    /// The movie stimulus (default "natural_movie_one").
    public var stimulus: String
    /// The trace signal (ΔF/F by default); never `.spikeCounts`.
    public var signal: ResponseSignal
    /// Planes whose depth (µm) lies in this range are kept; nil keeps every plane. A plane of
    /// unknown depth is left out when a range is given.
    public var depthRange: ClosedRange<Double>?
    /// Only sessions of this Cre line (as ``TwoPhotonSession/creLine`` names it, compared without
    /// case) are kept; nil keeps every session.
    public var creLine: String?
    /// Smoothing of the trial average.
    public var smoothing: ResponseSmoothing

    /// Options; `signal` must be a 2-photon signal.
    public init(stimulus: String = "natural_movie_one", signal: ResponseSignal = .dff, depthRange: ClosedRange<Double>? = nil,
                creLine: String? = nil, smoothing: ResponseSmoothing = .none) {
        precondition(signal.isTwoPhoton, "TwoPhotonOptions: \(signal) is not a 2-photon signal")
        self.stimulus = stimulus
        self.signal = signal
        self.depthRange = depthRange
        self.creLine = creLine
        self.smoothing = smoothing
    }

    /// The selection as a response file records it in its `filter` attribute: "none", or e.g.
    /// "depth 100–300 µm, Cre line Cux2-CreERT2".
    public var recordedSelection: String {
        var parts: [String] = []
        if let d = depthRange { parts.append("depth \(Self.format(d.lowerBound))–\(Self.format(d.upperBound)) µm") }
        if let c = creLine { parts.append("Cre line \(c)") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    private static func format(_ x: Double) -> String {
        x.isInfinite ? (x > 0 ? "∞" : "−∞") : (x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x))
    }
}
