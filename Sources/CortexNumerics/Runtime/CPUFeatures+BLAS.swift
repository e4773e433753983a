import CortexRuntime

extension CPUFeatures {
    /// The widest vector class this CPU supports, in OpenBLAS's kernel families.
    public var vectorClass: BLASVectorClass {
        if avx512 { return .avx512 }
        if avx2 && fma { return .avx2 }
        return .sse
    }
}
