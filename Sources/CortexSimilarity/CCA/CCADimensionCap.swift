/// An upper bound on the dimensions SVCCA and PWCCA keep, on top of ``CCADimensions``.
///
/// With n frames, the two reduced representations span k_x and k_y dimensions of the
/// (n − 1)-dimensional space of centred frame vectors. When k_x + k_y > n − 1 the two subspaces
/// must intersect in at least k_x + k_y − (n − 1) dimensions, and that many canonical correlations
/// are exactly 1 whatever the data (measured on mouse V1 with 50 images: 26 of 35 exactly 1), so
/// SVCCA is inflated and PWCCA's weights depend on an arbitrary basis of the intersection.
/// `.halfOfFrames` keeps k_x + k_y ≤ ⌊(n − 1)/2⌋, well clear of that bound.
public enum CCADimensionCap: String, Sendable, Hashable, CaseIterable, Codable {
    /// k_x + k_y ≤ ⌊(n − 1)/2⌋ (the default of ``SVCCAMetric`` and ``PWCCAMetric``).
    case halfOfFrames = "half-of-frames"
    /// No cap beyond ``CCADimensions`` (SVCCA and PWCCA as first published).
    case none

    /// The dimensions kept from (k_x, k_y) with n frames: unchanged when k_x + k_y is within the
    /// cap, else shrunk in proportion (each at least 1, the larger side giving way first).
    public func apply(_ kx: Int, _ ky: Int, frames n: Int) -> (kx: Int, ky: Int) {
        guard self == .halfOfFrames else { return (kx, ky) }
        let limit = max(2, (n - 1) / 2)
        guard kx + ky > limit else { return (kx, ky) }
        var x = max(1, min(kx, Int((Double(limit) * Double(kx) / Double(kx + ky)).rounded(.down))))
        var y = max(1, min(ky, limit - x))
        while x + y > limit && (x > 1 || y > 1) { if x >= y { x -= 1 } else { y -= 1 } }
        return (x, y)
    }
}
