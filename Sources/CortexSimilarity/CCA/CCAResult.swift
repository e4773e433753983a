/// The outcome of ``SVCCA/analysis(_:_:dimensions:cap:blockColumns:)`` or
/// ``PWCCA/analysis(_:_:dimensions:cap:)``: the score and the dimensions behind it.
public struct CCAResult: Sendable, Hashable {
    /// Mean canonical correlation (SVCCA) or projection-weighted mean (PWCCA).
    public var score: Double
    /// Frames (rows) compared.
    public var frames: Int
    /// Principal dimensions kept of the first and second representation.
    public var kx: Int
    public var ky: Int
    /// What ``CCADimensions`` alone would have kept, before the ``CCADimensionCap``.
    public var uncappedKx: Int
    public var uncappedKy: Int
    /// The canonical correlations ρ₁ ≥ … ≥ ρ_m, m = min(k_x, k_y).
    public var canonicalCorrelations: [Double]

    /// Whether the cap reduced the dimensions.
    public var capBinds: Bool { kx != uncappedKx || ky != uncappedKy }

    /// Canonical correlations that equal 1 to 12 digits.
    public var unitCorrelations: Int { canonicalCorrelations.filter { $0 >= 1 - 1e-12 }.count }

    /// One line for people when the cap bound or correlations tie at 1, else nil.
    public var warning: String? {
        var parts: [String] = []
        if capBinds {
            parts.append("kept dimensions capped at k_x + k_y ≤ (n − 1)/2 = \((frames - 1) / 2): k_x \(uncappedKx) → \(kx), "
                         + "k_y \(uncappedKy) → \(ky) (n = \(frames) frames)")
        }
        if unitCorrelations > 0 && kx + ky > frames - 1 {
            parts.append("\(unitCorrelations) of \(canonicalCorrelations.count) canonical correlations are 1 because "
                         + "k_x + k_y = \(kx + ky) > n − 1 = \(frames - 1)")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    public init(score: Double, frames: Int, kx: Int, ky: Int, uncappedKx: Int, uncappedKy: Int,
                canonicalCorrelations: [Double]) {
        self.score = score
        self.frames = frames
        self.kx = kx
        self.ky = ky
        self.uncappedKx = uncappedKx
        self.uncappedKy = uncappedKy
        self.canonicalCorrelations = canonicalCorrelations
    }
}
