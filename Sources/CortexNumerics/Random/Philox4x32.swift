/// The Philox4x32-10 counter-based bijection of Salmon et al. (2011), the block function behind
/// ``SplittableRandom``.
///
/// Philox maps a 128-bit counter to a 128-bit output block under a 64-bit key. Each of the ten
/// rounds multiplies two counter words by fixed odd constants, keeps both halves of the 64-bit
/// products, and mixes them with the other words and the round key:
///
///     (hi₀, lo₀) = M₀ · c₀,   (hi₁, lo₁) = M₁ · c₂
///     c′ = (hi₁ ⊕ c₁ ⊕ k₀,  lo₁,  hi₀ ⊕ c₃ ⊕ k₁,  lo₀)
///
/// with M₀ = 0xD2511F53, M₁ = 0xCD9E8D57, and the key bumped by the Weyl constants
/// W₀ = 0x9E3779B9, W₁ = 0xBB67AE85 between rounds. Only 32-bit integer arithmetic is used, so
/// the output is identical on every platform and compiler. The authors report that the output
/// passes TestU01's BigCrush and that streams under distinct keys can be used as independent.
///
/// ```swift
/// Philox4x32.block(counter: .zero, key: .zero)
/// // SIMD4<UInt32>(0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8)  (Random123 known answer)
/// ```
///
/// Complexity: O(1) — ten rounds of two 32×32→64-bit multiplies.
///
/// Reference: J. K. Salmon, M. A. Moraes, R. O. Dror, D. E. Shaw, "Parallel random numbers: as
/// easy as 1, 2, 3", SC '11, doi:10.1145/2063384.2063405 (the Random123 library).
public enum Philox4x32 {
    /// First round multiplier M₀.
    public static let multiplier0: UInt32 = 0xD251_1F53
    /// Second round multiplier M₁.
    public static let multiplier1: UInt32 = 0xCD9E_8D57
    /// Weyl increment W₀ added to key word 0 between rounds (golden ratio).
    public static let weyl0: UInt32 = 0x9E37_79B9
    /// Weyl increment W₁ added to key word 1 between rounds (√3 − 1).
    public static let weyl1: UInt32 = 0xBB67_AE85
    /// Number of rounds (the "-10" in Philox4x32-10), Random123's recommended default.
    public static let rounds = 10

    /// The Philox4x32-10 output block for `counter` under `key` (word 0 is the least significant).
    public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
        var c = counter
        var k = key
        for round in 0..<rounds {
            if round > 0 {
                k.x &+= weyl0
                k.y &+= weyl1
            }
            let p0 = UInt64(multiplier0) &* UInt64(c.x)
            let p1 = UInt64(multiplier1) &* UInt64(c.z)
            c = SIMD4(UInt32(truncatingIfNeeded: p1 >> 32) ^ c.y ^ k.x,
                      UInt32(truncatingIfNeeded: p1),
                      UInt32(truncatingIfNeeded: p0 >> 32) ^ c.w ^ k.y,
                      UInt32(truncatingIfNeeded: p0))
        }
        return c
    }
}
