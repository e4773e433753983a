/// An upper bound on the memory a streamed comparison may keep (``StreamedLayers``), checked
/// before the network runs and again after every chunk of frames.
///
/// ```swift
/// let budget = MemoryBudget(parsing: "1.5G")!      // 1.5 × 2³⁰ bytes
/// budget.bytes                                     // 1610612736
/// ```
public struct MemoryBudget: Sendable, Hashable, CustomStringConvertible {
    /// The bound in bytes.
    public var bytes: Int

    public init(bytes: Int) {
        precondition(bytes > 0, "MemoryBudget: must be positive")
        self.bytes = bytes
    }

    /// The default of `cortex compare --checkpoint`: 4 GiB.
    public static let standard = MemoryBudget(bytes: 4 << 30)
    /// No bound.
    public static let unlimited = MemoryBudget(bytes: .max)

    /// Parses a size: a number with an optional binary suffix K, M, G or T (powers of 1024;
    /// a trailing "B" or "iB" is accepted): "512M", "1.5G", "2GiB", "1000000".
    public init?(parsing text: String) {
        var s = text.uppercased().filter { !$0.isWhitespace }
        if s.hasSuffix("IB") { s.removeLast(2) } else if s.hasSuffix("B") { s.removeLast() }
        let scales: [Character: Double] = ["K": 1024, "M": 1_048_576, "G": 1_073_741_824, "T": 1_099_511_627_776]
        var scale = 1.0
        if let last = s.last, let factor = scales[last] {
            scale = factor
            s.removeLast()
        }
        guard let value = Double(s), value > 0, value.isFinite, value * scale < Double(Int.max) else { return nil }
        self.init(bytes: max(1, Int(value * scale)))
    }

    /// "1.2 GB", "340 MB", "12 KB" (binary units, as `/usr/bin/time` and `top` show memory).
    public static func format(_ bytes: Int) -> String {
        let units: [(String, Double)] = [("TB", Double(1 << 40)), ("GB", Double(1 << 30)), ("MB", Double(1 << 20)), ("KB", 1024)]
        for (name, size) in units where Double(bytes) >= size {
            let value = Double(bytes) / size
            return value >= 100 ? "\(Int(value.rounded())) \(name)" : "\((value * 10).rounded() / 10) \(name)"
        }
        return "\(bytes) B"
    }

    public var description: String { self == .unlimited ? "unlimited" : Self.format(bytes) }
}
