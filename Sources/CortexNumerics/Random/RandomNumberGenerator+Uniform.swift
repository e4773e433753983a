/// Uniform draws with algorithms fixed here (not the standard library's, which may change), so a
/// generator with a pinned ``RandomNumberGenerator/next()`` stream, such as ``SplittableRandom``,
/// gives the same values on every platform and Swift version.
extension RandomNumberGenerator {
    /// A uniform integer in `0 ..< bound`, without bias, by Lemire's multiply-and-reject method.
    ///
    /// With x = `next()`, the 128-bit product m = x · bound has high word ⌊x·bound / 2⁶⁴⌋ ∈ [0, bound).
    /// Products whose low word is below t = 2⁶⁴ mod bound are rejected and redrawn; this removes
    /// the modulo bias exactly. The division computing t is skipped unless the low word < bound.
    ///
    /// ```swift
    /// rng.uniformUInt64(below: 6)   // a fair die roll minus one
    /// ```
    ///
    /// - Precondition: `bound > 0`.
    /// - Complexity: O(1) expected; at most 2 draws on average for any bound, ≈1 for small bounds.
    /// - Reference: D. Lemire, "Fast random integer generation in an interval", ACM TOMACS 29(1), 2019.
    public mutating func uniformUInt64(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "uniformUInt64(below:): bound must be positive")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound   // 2⁶⁴ mod bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// A uniform integer in `0 ..< bound` (Lemire's method, see ``uniformUInt64(below:)``).
    ///
    /// - Precondition: `bound > 0`.
    /// - Complexity: O(1) expected.
    public mutating func uniformInt(below bound: Int) -> Int {
        precondition(bound > 0, "uniformInt(below:): bound must be positive, got \(bound)")
        return Int(uniformUInt64(below: UInt64(bound)))
    }

    /// A uniform integer in a non-empty half-open range (Lemire's method on the range width).
    ///
    /// - Precondition: `!range.isEmpty`.
    /// - Complexity: O(1) expected.
    public mutating func uniformInt(in range: Range<Int>) -> Int {
        precondition(!range.isEmpty, "uniformInt(in:): empty range \(range)")
        let width = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound))
        return range.lowerBound &+ Int(truncatingIfNeeded: uniformUInt64(below: width))
    }

    /// A uniform integer in a closed range (Lemire's method; the full `Int` range uses one draw).
    ///
    /// - Complexity: O(1) expected.
    public mutating func uniformInt(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound)) &+ 1
        if width == 0 { return Int(truncatingIfNeeded: next()) }   // all 2⁶⁴ values
        return range.lowerBound &+ Int(truncatingIfNeeded: uniformUInt64(below: width))
    }

    /// A uniform `Double` in [0, 1): the top 53 bits of one draw times 2⁻⁵³.
    ///
    ///     u = (next() ≫ 11) · 2⁻⁵³
    ///
    /// Every value is a multiple of 2⁻⁵³, each equally likely; 1 is never returned.
    ///
    /// - Complexity: O(1), one draw.
    public mutating func uniformDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform `Double` in `range`: `a + (b − a)·u` with u from ``uniformDouble()``.
    ///
    /// Rounding can make `a + (b − a)·u` equal `b`; such results are replaced by the largest
    /// `Double` below `b`, so the result always lies in `range`.
    ///
    /// - Precondition: `range` is non-empty and `b − a` is finite.
    /// - Complexity: O(1), one draw.
    public mutating func uniformDouble(in range: Range<Double>) -> Double {
        precondition(!range.isEmpty && (range.upperBound - range.lowerBound).isFinite,
                     "uniformDouble(in:): range \(range) must be non-empty with a finite width")
        let value = range.lowerBound + (range.upperBound - range.lowerBound) * uniformDouble()
        return value < range.upperBound ? value : range.upperBound.nextDown
    }

    /// A uniform `Float` in [0, 1): the top 24 bits of one draw times 2⁻²⁴.
    ///
    ///     u = (next() ≫ 40) · 2⁻²⁴
    ///
    /// (Rounding a `Double` draw to `Float` instead could return exactly 1.)
    ///
    /// - Complexity: O(1), one draw.
    public mutating func uniformFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A uniform `Float` in `range`: `a + (b − a)·u`, clamped below `b` as in
    /// ``uniformDouble(in:)``.
    ///
    /// - Precondition: `range` is non-empty and `b − a` is finite.
    /// - Complexity: O(1), one draw.
    public mutating func uniformFloat(in range: Range<Float>) -> Float {
        precondition(!range.isEmpty && (range.upperBound - range.lowerBound).isFinite,
                     "uniformFloat(in:): range \(range) must be non-empty with a finite width")
        let value = range.lowerBound + (range.upperBound - range.lowerBound) * uniformFloat()
        return value < range.upperBound ? value : range.upperBound.nextDown
    }
}
