/// The shuffled-frames control of one area's best layer (``Comparison/controls(scores:access:brain:choice:seed:)``),
/// for CKA, SVCCA and PWCCA: the same metric with the layer's compared frames in a seeded random
/// order (``ShuffledFramesControl``), and for SVCCA/PWCCA the dimensions kept (k_x of the layer,
/// k_y of the area, n frames) with a warning when the cap k_x + k_y ≤ (n − 1)/2 binds.
///
/// JSON keys: area, layer, score, control, seed, k_x, k_y, n, warning.
public struct AreaControl: Sendable, Hashable, Codable {
    public var area: String
    public var layer: String
    /// The best layer's score (null when not finite).
    public var score: Double?
    /// The score with the layer's frames shuffled (null when it could not be computed).
    public var control: Double?
    /// The permutation's seed (from the statistics seed and the area's name).
    public var seed: UInt64
    /// SVCCA, PWCCA: principal dimensions kept of the layer and of the area, and frames compared.
    public var kX: Int?
    public var kY: Int?
    public var n: Int?
    /// SVCCA, PWCCA: the cap bound or canonical correlations tie at 1 (``CCAResult/warning``);
    /// otherwise why the control is missing.
    public var warning: String?

    public init(area: String, layer: String, score: Double?, control: Double?, seed: UInt64,
                kX: Int? = nil, kY: Int? = nil, n: Int? = nil, warning: String? = nil) {
        self.area = area
        self.layer = layer
        self.score = score
        self.control = control
        self.seed = seed
        self.kX = kX
        self.kY = kY
        self.n = n
        self.warning = warning
    }

    enum CodingKeys: String, CodingKey {
        case area, layer, score, control, seed, kX = "k_x", kY = "k_y", n, warning
    }
}
