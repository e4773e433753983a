/// A seeded, splittable random number generator whose stream is the same on every machine and
/// every Swift version: Philox4x32-10 (``Philox4x32``) run in counter mode.
///
/// The seed is the 64-bit Philox key (low word first) and the 128-bit counter starts at zero. Each
/// counter value yields one block of four 32-bit words `w₀ w₁ w₂ w₃`, delivered as two 64-bit
/// outputs:
///
///     next() = w₀ | w₁ << 32,  then  w₂ | w₃ << 32,  then the block of counter + 1, …
///
/// Because the state is only (key, counter, position in block), the generator is a small value
/// type: copying it forks an identical stream, and nothing is shared between threads.
///
/// **Splitting.** ``derive(stream:)`` gives the child for a stream number as a pure function of
/// this generator's key — independent of how many numbers have been drawn — so work item `i` can
/// use `root.derive(stream: i)` and get the same numbers however the work is scheduled.
/// ``split()`` instead advances this generator by one output and keys the child from it, for
/// recursive splitting. Child keys pass through the SplitMix64 finaliser (a bijection on 64 bits),
/// so distinct stream numbers of one parent always give distinct child keys.
///
/// The draws in `RandomNumberGenerator+Uniform.swift` and its siblings use only ``next()`` and
/// their own documented algorithms (never the standard library's `random(in:using:)` or
/// `shuffle(using:)`, whose algorithms are not promised stable), so every integer-valued draw is
/// reproducible bit for bit.
///
/// ```swift
/// var rng = SplittableRandom(seed: 42)
/// let u = rng.uniformDouble()               // in [0, 1)
/// var worker3 = rng.derive(stream: 3)       // same child whatever rng has drawn
/// let order = worker3.permutation(10)
/// ```
///
/// Complexity: ``next()`` is O(1) amortised (one Philox block per two outputs); the period of one
/// stream is 2¹²⁸ blocks.
///
/// Reference: Salmon et al. (2011), see ``Philox4x32``; SplitMix64 finaliser from G. L. Steele,
/// D. Lea, C. H. Flood, "Fast splittable pseudorandom number generators", OOPSLA '14.
public struct SplittableRandom: RandomNumberGenerator, Sendable, Hashable {
    /// The 64-bit Philox key (the seed for a root generator); word 0 is the low half.
    public let key: UInt64
    /// Low 64 bits of the 128-bit block counter of the *next* block to compute.
    private var counterLow: UInt64 = 0
    /// High 64 bits of the block counter.
    private var counterHigh: UInt64 = 0
    /// Second half of the current block, waiting to be returned.
    private var pending: UInt64 = 0
    /// Whether `pending` holds an undelivered output.
    private var hasPending = false

    /// A generator whose stream is Philox4x32-10 under key `seed`, counter starting at 0.
    public init(seed: UInt64) {
        self.key = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        if hasPending {
            hasPending = false
            return pending
        }
        let counter = SIMD4<UInt32>(UInt32(truncatingIfNeeded: counterLow),
                                    UInt32(truncatingIfNeeded: counterLow >> 32),
                                    UInt32(truncatingIfNeeded: counterHigh),
                                    UInt32(truncatingIfNeeded: counterHigh >> 32))
        let keyWords = SIMD2<UInt32>(UInt32(truncatingIfNeeded: key), UInt32(truncatingIfNeeded: key >> 32))
        let block = Philox4x32.block(counter: counter, key: keyWords)
        let (low, carry) = counterLow.addingReportingOverflow(1)
        counterLow = low
        if carry { counterHigh &+= 1 }
        pending = UInt64(block.z) | UInt64(block.w) << 32
        hasPending = true
        return UInt64(block.x) | UInt64(block.y) << 32
    }

    /// The independent child generator for stream number `stream`, as a pure function of `key`.
    ///
    ///     child key = mix(key ⊕ mix(stream + γ)),   γ = 0x9E3779B97F4A7C15
    ///
    /// where `mix` is the SplitMix64 finaliser. The child starts at counter 0. Deriving does not
    /// change this generator, so `derive(stream: i)` is reproducible regardless of scheduling.
    /// Different parents may (with probability about 2⁻⁶⁴ per pair) share a child key.
    ///
    /// Complexity: O(1).
    public func derive(stream: UInt64) -> SplittableRandom {
        SplittableRandom(seed: Self.mix(key ^ Self.mix(stream &+ Self.golden)))
    }

    /// Draws one 64-bit output `x` from this generator and returns a child keyed by
    /// `mix(x ⊕ key)` (SplitMix64 finaliser), starting at counter 0.
    ///
    /// Successive calls give different children; the parent's stream continues after the draw.
    ///
    /// Complexity: O(1).
    public mutating func split() -> SplittableRandom {
        SplittableRandom(seed: Self.mix(next() ^ key))
    }

    /// γ, the odd 64-bit golden-ratio increment of SplitMix64.
    static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The SplitMix64 output function (Stafford's Mix13 variant), a bijection on `UInt64`:
    ///
    ///     z ← (z ⊕ z≫30)·0xBF58476D1CE4E5B9;  z ← (z ⊕ z≫27)·0x94D049BB133111EB;  z ⊕ z≫31
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
