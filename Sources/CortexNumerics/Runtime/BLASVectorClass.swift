/// The vector instruction class of an OpenBLAS kernel core, ordered from slowest to fastest.
public enum BLASVectorClass: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    /// SSE2/SSE3 kernels (Prescott, Core2, Nehalem, Atom, Opteron, Barcelona, …).
    case sse = 0
    /// AVX kernels (Sandy Bridge, Bulldozer family).
    case avx = 1
    /// AVX2 + FMA kernels (Haswell, Zen).
    case avx2 = 2
    /// AVX-512 kernels (SkylakeX, Cooperlake, Sapphire Rapids).
    case avx512 = 3

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .sse: return "SSE"
        case .avx: return "AVX"
        case .avx2: return "AVX2"
        case .avx512: return "AVX-512"
        }
    }

    /// The class of an OpenBLAS core name as `openblas_get_corename()` spells it.
    public init(coreName: String) {
        switch coreName.lowercased() {
        case "skylakex", "cooperlake", "sapphirerapids": self = .avx512
        case "haswell", "zen": self = .avx2
        case "sandybridge", "bulldozer", "piledriver", "steamroller", "excavator": self = .avx
        default: self = .sse
        }
    }

    /// The OpenBLAS core that serves this class on x86-64 (the OPENBLAS_CORETYPE spelling).
    public var preferredCore: String? {
        switch self {
        case .avx512: return "SkylakeX"
        case .avx2: return "Haswell"
        case .avx: return "SandyBridge"
        case .sse: return nil
        }
    }
}
