import CCPUID

/// The x86-64 vector features that decide which BLAS kernels this CPU can run, read with `cpuid`
/// and `xgetbv` (so a feature counts only when the operating system also saves its registers).
///
/// CortexNumerics maps them to a BLAS kernel class (`CPUFeatures.vectorClass`).
public struct CPUFeatures: Sendable, Hashable {
    public var vendor: String
    public var family: Int
    public var model: Int
    public var avx2: Bool
    public var fma: Bool
    /// AVX-512 F, DQ, CD, BW and VL together, with ZMM state enabled by the OS: what OpenBLAS's
    /// SkylakeX kernels need.
    public var avx512: Bool
    public var avx512BF16: Bool

    /// The features of the CPU this process runs on (all false on non-x86 machines).
    public static var current: CPUFeatures {
        let f = ck_cpu_query()
        let vendor: String
        switch f.vendor_ebx {
        case 0x756E_6547: vendor = "GenuineIntel"
        case 0x6874_7541: vendor = "AuthenticAMD"
        case 0: vendor = "unknown"
        default: vendor = "other"
        }
        let avx512 = f.avx512f != 0 && f.avx512dq != 0 && f.avx512cd != 0 && f.avx512bw != 0
            && f.avx512vl != 0 && f.os_zmm != 0
        return CPUFeatures(vendor: vendor, family: Int(f.family), model: Int(f.model),
                           avx2: f.avx2 != 0 && f.os_ymm != 0, fma: f.fma != 0 && f.os_ymm != 0,
                           avx512: avx512, avx512BF16: avx512 && f.avx512bf16 != 0)
    }

    /// A short list like "avx2 fma avx512 avx512_bf16".
    public var summary: String {
        var parts: [String] = []
        if avx2 { parts.append("avx2") }
        if fma { parts.append("fma") }
        if avx512 { parts.append("avx512(f,dq,cd,bw,vl)") }
        if avx512BF16 { parts.append("avx512_bf16") }
        return parts.isEmpty ? "none of avx2/fma/avx512" : parts.joined(separator: " ")
    }
}
