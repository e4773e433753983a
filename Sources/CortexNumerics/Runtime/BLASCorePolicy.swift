import Foundation

/// How CortexKit chooses the OpenBLAS kernel core at start-up.
///
/// Debian's OpenBLAS 0.3.21 picks its core from a table of known CPUs when the library loads and
/// silently falls back to a slow generic core on CPUs newer than the table (measured: sgemm 62
/// instead of 280 GFLOP/s on an AVX-512 Intel, 232 instead of 465 on an AVX-512 AMD Zen 5).
public enum BLASCorePolicy: Sendable, Hashable {
    /// Keep OpenBLAS's choice unless the CPU supports a faster kernel class than the chosen core
    /// (checked with cpuid and xgetbv); then switch to the fastest core for the CPU's features.
    /// This also upgrades a slower core forced by `OPENBLAS_CORETYPE`, which is often set
    /// machine-wide for another CPU generation (it is, on CortexKit's own CI machines); set
    /// `CORTEXKIT_BLAS_CORE=system` to keep the environment's choice. Never downgrades. The default.
    case automatic
    /// Keep whatever OpenBLAS chose.
    case system
    /// Use this OpenBLAS core (the `OPENBLAS_CORETYPE` spelling, e.g. "Haswell").
    case core(String)

    /// Core names that Debian's x86-64 OpenBLAS (DYNAMIC_ARCH) accepts, in OPENBLAS_CORETYPE spelling.
    public static let knownCores: [String] = [
        "Prescott", "Core2", "Penryn", "Dunnington", "Nehalem", "Atom", "Nano", "Opteron", "OpteronSSE3",
        "Barcelona", "Bobcat", "SandyBridge", "Bulldozer", "Piledriver", "Steamroller", "Excavator",
        "Haswell", "Zen", "SkylakeX", "Cooperlake",
    ]

    /// Reads `CORTEXKIT_BLAS_CORE` (`auto`, `system` or a core name); `.automatic` when unset.
    public static func fromEnvironment(_ environment: [String: String]) -> BLASCorePolicy {
        guard let value = environment["CORTEXKIT_BLAS_CORE"]?.trimmingCharacters(in: .whitespaces),
              !value.isEmpty else { return .automatic }
        switch value.lowercased() {
        case "auto", "automatic": return .automatic
        case "system", "off", "none": return .system
        default: return .core(value)
        }
    }
}
