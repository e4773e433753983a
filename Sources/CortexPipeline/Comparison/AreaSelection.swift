import CortexSimilarity

/// How one area's best layer (and lag) was chosen, with and without selection bias (JSON keys:
/// area, layer, lag, score, candidates, held_out_split, held_out_score, chosen_on_first,
/// chosen_on_second, p_value_selection, permutations, note):
///
/// - `score` is the in-sample best (the study's number, the headline): the best of
///   `candidates` = layers × lags scored on all frames;
/// - `held_out_score` chooses the layer/lag on one half of the data and scores it on the other,
///   both ways, averaged (``HeldOutSelection``; the halves are `held_out_split`);
/// - `p_value_selection` is the permutation p-value of the in-sample best against the null
///   distribution of the **maximum** over all candidates (``SelectionPermutation``), so the
///   selection is accounted for. The single-layer p-value stays in ``AreaStatistics/pValue``.
public struct AreaSelection: Sendable, Hashable, Codable {
    /// One direction of held-out selection: the layer/lag chosen on one half and its score on the other.
    public struct Choice: Sendable, Hashable, Codable {
        public var layer: String
        /// The lag (TSRSA with several lags; nil otherwise).
        public var lag: Int?
        /// The choice's score on the other half (nil when not finite).
        public var score: Double?
        public init(layer: String, lag: Int?, score: Double?) { self.layer = layer; self.lag = lag; self.score = score }
    }

    public var area: String
    /// The in-sample best layer (nil when no layer has a finite score).
    public var layer: String?
    /// The in-sample best lag (TSRSA with several lags).
    public var lag: Int?
    /// The in-sample best score.
    public var score: Double?
    /// Layers × lags among which the best was chosen.
    public var candidates: Int
    /// The halves of held-out selection (``HeldOutSplit/label``); nil when not computed.
    public var heldOutSplit: String?
    /// The held-out score: mean of the two directions.
    public var heldOutScore: Double?
    /// Chosen on the first half (even frame blocks / even repeats), scored on the second.
    public var chosenOnFirst: Choice?
    /// Chosen on the second half, scored on the first.
    public var chosenOnSecond: Choice?
    /// Max-over-candidates permutation p-value of the in-sample best.
    public var pValueSelection: Double?
    /// Permutations behind `pValueSelection` (0: not computed).
    public var permutations: Int
    /// Why something is missing.
    public var note: String?

    public init(area: String, layer: String?, lag: Int?, score: Double?, candidates: Int, heldOutSplit: String?,
                heldOutScore: Double?, chosenOnFirst: Choice?, chosenOnSecond: Choice?, pValueSelection: Double?,
                permutations: Int, note: String?) {
        self.area = area
        self.layer = layer
        self.lag = lag
        self.score = score
        self.candidates = candidates
        self.heldOutSplit = heldOutSplit
        self.heldOutScore = heldOutScore
        self.chosenOnFirst = chosenOnFirst
        self.chosenOnSecond = chosenOnSecond
        self.pValueSelection = pValueSelection
        self.permutations = permutations
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case area, layer, lag, score, candidates, heldOutSplit = "held_out_split", heldOutScore = "held_out_score"
        case chosenOnFirst = "chosen_on_first", chosenOnSecond = "chosen_on_second"
        case pValueSelection = "p_value_selection", permutations, note
    }
}
