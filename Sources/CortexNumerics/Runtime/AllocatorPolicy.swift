#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// How the C allocator treats large blocks — a process-wide choice, so only executables make it
/// (`cortex` and `cortex-bench` call ``keepLargeBlocks()`` first thing).
///
/// By default glibc serves blocks above its mmap threshold (128 KiB, adapting up to 32 MiB) with
/// fresh mappings and returns freed heap tops above the trim threshold to the kernel. A training
/// step allocates and frees the same tens of megabytes of activations and gradients every step,
/// so every step pays page faults and kernel zeroing for all of them (≈ 10 % of a step of the
/// benchmark network of BENCHMARKS.md "Engine (issue 5)"). ``keepLargeBlocks()`` raises the mmap
/// threshold to its maximum (32 MiB) and stops trimming, so freed blocks are reused; the resident
/// size then stays at the high-water mark of the process instead of shrinking between steps.
public enum AllocatorPolicy {
    /// Largest mmap threshold glibc accepts on 64-bit systems.
    public static let mmapThreshold: Int32 = 32 << 20
    /// glibc's `M_TRIM_THRESHOLD` and `M_MMAP_THRESHOLD` (<malloc.h>, not in Swift's Glibc module).
    static let trimOption: Int32 = -1
    static let mmapOption: Int32 = -3

    /// Keeps freed large blocks in the heap for reuse (see the type's discussion). Returns whether
    /// the allocator accepted the settings (always false where glibc is not the allocator).
    @discardableResult
    public static func keepLargeBlocks() -> Bool {
        #if canImport(Glibc)
        // mallopt is looked up at run time: it exists only when glibc's malloc is the allocator.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        return mallopt(mmapOption, mmapThreshold) == 1 && mallopt(trimOption, Int32.max) == 1
        #else
        return false
        #endif
    }
}
