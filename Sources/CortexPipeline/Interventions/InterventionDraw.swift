import CortexNumerics

/// The random draws of the interventions, as index arrays (the movie and the responses are then
/// altered with the same indices). Each mirrors the reference study's `shuffle_stimulus`,
/// `replace_stimulus` and clip starts (`similarity/extraction.py`, `benchmark.py`), with
/// CortexKit's seeded generator in place of NumPy's global one.
public enum InterventionDraw {
    /// The frame shown at each position after shuffling within consecutive windows of `window`
    /// frames (the last window holds the remaining frames): `order[i]` is the source frame of
    /// position i, a permutation of `0..<frames` that keeps every frame in its window.
    ///
    /// ```swift
    /// var rng = SplittableRandom(seed: 1)
    /// InterventionDraw.shuffleOrder(frames: 5, window: 2, using: &rng)   // e.g. [1, 0, 2, 3, 4]
    /// ```
    public static func shuffleOrder<G: RandomNumberGenerator>(frames: Int, window: Int, using rng: inout G) -> [Int] {
        precondition(window >= 1 && frames >= 0, "shuffleOrder: window ≥ 1")
        var order: [Int] = []
        order.reserveCapacity(frames)
        var start = 0
        while start < frames {
            let end = min(frames, start + window)
            order += rng.permutation(end - start).map { start + $0 }
            start = end
        }
        return order
    }

    /// One position per window of `window` frames to replace: window k's start plus a uniform
    /// offset in `0..<window`, the last position clipped to the last frame (as the study does
    /// when the last window is short).
    public static func replacedPositions<G: RandomNumberGenerator>(frames: Int, window: Int, using rng: inout G) -> [Int] {
        precondition(window >= 1 && frames >= 1, "replacedPositions: window ≥ 1 and a frame")
        let windows = (frames + window - 1) / window
        return (0..<windows).map { k in min(k * window + rng.uniformInt(below: window), frames - 1) }
    }

    /// `count` distinct clip starts in `0...(available − length)`, in the order drawn.
    public static func clipStarts<G: RandomNumberGenerator>(available: Int, length: Int, count: Int,
                                                           using rng: inout G) -> [Int] {
        precondition(length <= available && count <= available - length + 1, "clipStarts: clips do not fit")
        return rng.sample(count, from: available - length + 1)
    }
}
