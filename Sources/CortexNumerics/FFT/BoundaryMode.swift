/// How a signal is extended beyond its ends before filtering, as the `mode` argument of
/// `scipy.ndimage.gaussian_filter1d` (SciPy's names and diagrams, for a signal `a b c d`).
///
/// Extensions repeat as often as the filter needs, so a kernel longer than the signal sees the
/// same values SciPy's does.
public enum BoundaryMode: Hashable, Sendable {
    /// `k k k k | a b c d | k k k k`: a constant (zero padding for `.constant(0)`).
    case constant(Double)
    /// `d c b a | a b c d | d c b a`: half-sample symmetric (SciPy's default, `'reflect'`).
    case reflect
    /// `d c b | a b c d | c b a`: whole-sample symmetric (`'mirror'`).
    case mirror
    /// `a a a a | a b c d | d d d d`: the edge sample repeated (`'nearest'`).
    case nearest
    /// `a b c d | a b c d | a b c d`: periodic (`'wrap'`).
    case wrap

    /// Zero padding, `.constant(0)`.
    public static let zero = BoundaryMode.constant(0)

    /// The in-range index whose value the extended signal holds at `index`, or `nil` where the
    /// extension is the constant.
    ///
    /// - Parameters:
    ///   - index: any integer position; `0 ..< count` are the signal's own samples.
    ///   - count: the signal length, ≥ 1.
    /// - Complexity: O(1).
    public func sourceIndex(_ index: Int, count: Int) -> Int? {
        precondition(count >= 1, "BoundaryMode: empty signal")
        if index >= 0 && index < count { return index }
        switch self {
        case .constant:
            return nil
        case .nearest:
            return index < 0 ? 0 : count - 1
        case .wrap:
            return Self.positiveModulo(index, count)
        case .reflect:
            // Period 2n: a b c d d c b a.
            let j = Self.positiveModulo(index, 2 * count)
            return j < count ? j : 2 * count - 1 - j
        case .mirror:
            // Period 2n - 2: a b c d c b (a single sample mirrors onto itself).
            if count == 1 { return 0 }
            let j = Self.positiveModulo(index, 2 * count - 2)
            return j < count ? j : 2 * count - 2 - j
        }
    }

    private static func positiveModulo(_ a: Int, _ m: Int) -> Int {
        let r = a % m
        return r < 0 ? r + m : r
    }
}
