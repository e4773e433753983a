import CKernels

/// Glue between the generic Swift kernels and the C kernels of `CKernels` (Float only, compiled for
/// AVX-512 / AVX2 / baseline x86-64 and chosen by the CPU at load time). A kernel takes the C path
/// when `S` is Float and its `cKernels` argument is true (the default); the tests pass false to run
/// the Swift loops and check that both give bit-identical results.
enum CKernelBridge {
    /// Whether the C path applies to scalar type `S`.
    @inline(__always)
    static func applies<S>(_: S.Type, _ enabled: Bool) -> Bool { enabled && S.self == Float.self }

    @inline(__always)
    static func float<S>(_ p: UnsafeMutablePointer<S>) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float.self)
    }

    @inline(__always)
    static func float<S>(_ p: UnsafePointer<S>) -> UnsafePointer<Float> {
        UnsafeRawPointer(p).assumingMemoryBound(to: Float.self)
    }

    /// `x` as a Float (only where `S` is Float).
    @inline(__always)
    static func float<S>(_ x: S) -> Float { unsafeBitCast(x, to: Float.self) }

    /// `x` as an `S` (only where `S` is Float).
    @inline(__always)
    static func scalar<S>(_ x: Float, as _: S.Type) -> S { unsafeBitCast(x, to: S.self) }

    /// The instruction set the loader chose for the C kernels ("avx512f", "avx2" or "default").
    static var instructionSet: String { String(cString: ck_kernels_isa()) }
}
