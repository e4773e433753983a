import CortexNumerics

/// Deterministic mutations of a byte string: a seeded generator picks one to five of these per input.
///
/// - bit flip, random byte, delete a range, insert random bytes, duplicate a range, truncate;
/// - integer boundary splice: 0, 1, −1, 0x7F…, 0x80…, 0xFF…, 2¹⁶, 2³², 2⁶³ − 1 written as 1, 2, 4 or 8
///   bytes, little- or big-endian, over the input at a random offset (extents, offsets, lengths);
/// - text splice: a decimal boundary number in place of a run of digits (`.npy` headers, YAML,
///   safetensors JSON);
/// - crossover: a range of another corpus entry spliced in.
///
/// The same seed and corpus give the same inputs, so a crash found once is found again.
public struct FuzzMutator {
    var rng: SplittableRandom
    let corpus: [[UInt8]]
    /// Inputs are capped at this many bytes (mutations that would grow beyond it are skipped).
    public var maximumLength = 1 << 20

    public init(seed: UInt64, corpus: [[UInt8]]) {
        precondition(!corpus.isEmpty, "FuzzMutator: the seed corpus is empty")
        rng = SplittableRandom(seed: seed)
        self.corpus = corpus
    }

    static let boundaries: [UInt64] = [0, 1, 2, 7, 8, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x1_0000,
                                       0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000,
                                       0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, UInt64.max, UInt64.max - 1]
    static let decimalBoundaries = ["0", "-1", "1", "65536", "2147483648", "4294967296", "9223372036854775807",
                                    "18446744073709551616", "1e308", "-9223372036854775808", "99999999999999999999999"]

    mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(rng.next() % UInt64(bound)) }

    /// The next input: a corpus entry with one to five mutations.
    public mutating func next() -> [UInt8] {
        var bytes = corpus[below(corpus.count)]
        for _ in 0...below(5) { mutate(&bytes) }
        return bytes
    }

    mutating func mutate(_ bytes: inout [UInt8]) {
        let count = bytes.count
        switch below(10) {
        case 0 where count > 0:
            bytes[below(count)] ^= UInt8(1) << UInt8(below(8))
        case 1 where count > 0:
            bytes[below(count)] = UInt8(truncatingIfNeeded: rng.next())
        case 2 where count > 0:
            let start = below(count)
            bytes.removeSubrange(start..<min(count, start + 1 + below(64)))
        case 3 where count < maximumLength:
            let insert = (0...below(16)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            bytes.insert(contentsOf: insert, at: below(count + 1))
        case 4 where count > 0 && count < maximumLength:
            let start = below(count)
            let slice = Array(bytes[start..<min(count, start + 1 + below(256))])
            bytes.insert(contentsOf: slice, at: below(count + 1))
        case 5 where count > 0:
            bytes.removeLast(1 + below(max(1, min(count, count / 2 + 1))))
        case 6, 7:
            spliceInteger(&bytes)
        case 8:
            spliceDecimal(&bytes)
        default:
            let other = corpus[below(corpus.count)]
            guard !other.isEmpty, count > 0 else { return }
            let start = below(other.count)
            let slice = other[start..<min(other.count, start + 1 + below(512))]
            let at = below(count)
            bytes.replaceSubrange(at..<min(count, at + slice.count), with: slice)
        }
    }

    mutating func spliceInteger(_ bytes: inout [UInt8]) {
        let widths = [1, 2, 4, 8]
        let width = widths[below(widths.count)]
        guard bytes.count >= width else { return }
        var value = Self.boundaries[below(Self.boundaries.count)]
        if below(4) == 0 { value = value &+ UInt64(below(3)) &- 1 }
        let at = below(bytes.count - width + 1)
        let bigEndian = below(4) == 0
        for i in 0..<width {
            let shift = UInt64(8 * (bigEndian ? width - 1 - i : i))
            bytes[at + i] = UInt8(truncatingIfNeeded: value >> shift)
        }
    }

    mutating func spliceDecimal(_ bytes: inout [UInt8]) {
        let digits = bytes.indices.filter { (0x30...0x39).contains(bytes[$0]) }
        guard !digits.isEmpty else { return }
        var start = digits[below(digits.count)], end = start + 1
        while start > 0, (0x30...0x39).contains(bytes[start - 1]) { start -= 1 }
        while end < bytes.count, (0x30...0x39).contains(bytes[end]) { end += 1 }
        bytes.replaceSubrange(start..<end, with: Array(Self.decimalBoundaries[below(Self.decimalBoundaries.count)].utf8))
    }
}
