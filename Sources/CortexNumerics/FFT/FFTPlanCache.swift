import CFFTW
import Synchronization

/// A thread-safe cache of FFTW plans for real-data transforms, keyed by (length, direction,
/// precision).
///
/// FFTW splits work into *planning* (choosing an algorithm for one length; slow, and not
/// thread-safe because the planner and its wisdom are global to the process) and *execution*
/// (thread-safe). This cache makes each plan once and then executes it with FFTW's new-array
/// functions (`fftw_execute_dft_r2c`, `fftw_execute_dft_c2r` and the `fftwf_` twins) on whatever
/// buffers the caller brings, from any number of threads at once.
///
/// - Locking: plan creation and destruction, in *every* cache, run under one process-wide planner
///   lock (the only state shared between caches: FFTW's planner is itself process-wide). Lookups
///   take this cache's own lock briefly; executions take no lock. Two threads that miss the same
///   key may both plan it; the second plan is destroyed and the first kept.
/// - Alignment: plans are made on scratch arrays from ``AlignedBuffer`` (64-byte aligned, so FFTW
///   may use SIMD) and execute only on arrays from the same allocator; callers in this module copy
///   user data into such buffers (an O(n) copy next to the O(n log n) transform), rather than
///   planning with `FFTW_UNALIGNED`, which would disable SIMD for every execution.
/// - Inputs: forward plans keep their input (FFTW's default for r2c); inverse (c2r) plans may
///   overwrite their complex input, which is always a private scratch copy here.
/// - Lifetime: plans are destroyed in `deinit`. ``shared`` lives for the whole process.
///
/// ```swift
/// let cache = FFTPlanCache(rigor: .measure)   // or FFTPlanCache.shared (the default argument)
/// let spectrum = RealFFT.forward(samples, cache: cache)
/// ```
///
/// Complexity: a lookup is O(1); planning a new length with `.estimate` is roughly O(n log n).
public final class FFTPlanCache: Sendable {
    /// The process-wide default cache (`.estimate`), used when no cache is passed.
    public static let shared = FFTPlanCache()

    /// How plans in this cache are searched for.
    public let rigor: FFTPlanningRigor

    private let plans = Mutex<[Key: Plan]>([:])

    /// Serialises FFTW's planner (plan creation and destruction) across all caches.
    private static let plannerLock = Mutex<Void>(())

    /// An empty cache whose plans are made with `rigor`.
    public init(rigor: FFTPlanningRigor = .estimate) {
        self.rigor = rigor
    }

    deinit {
        let all = plans.withLock { plans in
            let values = Array(plans.values)
            plans.removeAll()
            return values
        }
        Self.plannerLock.withLock { _ in
            for plan in all { plan.destroy() }
        }
    }

    /// Number of plans held.
    public var planCount: Int { plans.withLock { $0.count } }

    /// Whether a plan for this length, direction and precision has been made.
    public func containsPlan(length: Int, direction: FFTDirection, precision: FFTPrecision) -> Bool {
        plans.withLock { $0[Key(length: length, direction: direction, precision: precision)] != nil }
    }

    /// Makes (if missing) the plan for a length, direction and precision, e.g. before a timed loop.
    public func preparePlan(length: Int, direction: FFTDirection, precision: FFTPrecision) {
        _ = plan(for: Key(length: length, direction: direction, precision: precision))
    }

    // MARK: execution (internal: buffers must come from AlignedBuffer)

    /// Forward transform of `length` reals at `real` into `length/2 + 1` interleaved complex
    /// values (re, im, re, im, …) at `complex`. Unnormalised.
    func executeForward<S: FFTScalar>(length: Int, real: UnsafeMutablePointer<S>, complex: UnsafeMutablePointer<S>) {
        Self.checkLayout(S.self)
        let plan = plan(for: Key(length: length, direction: .forward, precision: S.fftPrecision))
        assert(Self.isAligned(real) && Self.isAligned(complex), "FFTPlanCache: unaligned buffer")
        withExtendedLifetime(self) {
            switch S.fftPrecision {
            case .double:
                fftw_execute_dft_r2c(plan.pointer, Self.rebound(real, Double.self), Self.rebound(complex, fftw_complex.self))
            case .single:
                fftwf_execute_dft_r2c(plan.pointer, Self.rebound(real, Float.self), Self.rebound(complex, fftwf_complex.self))
            }
        }
    }

    /// Inverse transform of `length/2 + 1` interleaved complex values at `complex` (overwritten)
    /// into `length` reals at `real`. Unnormalised: the result is `length` times the inverse DFT.
    func executeInverse<S: FFTScalar>(length: Int, complex: UnsafeMutablePointer<S>, real: UnsafeMutablePointer<S>) {
        Self.checkLayout(S.self)
        let plan = plan(for: Key(length: length, direction: .inverse, precision: S.fftPrecision))
        assert(Self.isAligned(real) && Self.isAligned(complex), "FFTPlanCache: unaligned buffer")
        withExtendedLifetime(self) {
            switch S.fftPrecision {
            case .double:
                fftw_execute_dft_c2r(plan.pointer, Self.rebound(complex, fftw_complex.self), Self.rebound(real, Double.self))
            case .single:
                fftwf_execute_dft_c2r(plan.pointer, Self.rebound(complex, fftwf_complex.self), Self.rebound(real, Float.self))
            }
        }
    }

    // MARK: planning

    private func plan(for key: Key) -> Plan {
        if let existing = plans.withLock({ $0[key] }) { return existing }
        let made = Self.plannerLock.withLock { _ in Plan.make(key, rigor: rigor) }
        let (kept, duplicate): (Plan, Plan?) = plans.withLock { plans in
            if let existing = plans[key] { return (existing, made) }
            plans[key] = made
            return (made, nil)
        }
        if let duplicate { Self.plannerLock.withLock { _ in duplicate.destroy() } }
        return kept
    }

    private static func isAligned(_ pointer: UnsafeMutableRawPointer) -> Bool {
        Int(bitPattern: pointer) % AlignedBuffer<UInt8>.alignment == 0
    }

    /// The same memory as FFTW's pointer type: `S` is `T` itself (reals) or `T`'s element type
    /// (`fftw_complex` is the homogeneous tuple `(Double, Double)`, layout-compatible with two
    /// `Double`s). The memory is only read and written by FFTW.
    private static func rebound<S, T>(_ pointer: UnsafeMutablePointer<S>, _: T.Type) -> UnsafeMutablePointer<T> {
        UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: T.self)
    }

    private static func checkLayout<S: FFTScalar>(_: S.Type) {
        precondition(MemoryLayout<S>.size == S.fftPrecision.scalarByteCount,
                     "FFTPlanCache: \(S.self) does not have the layout of its precision \(S.fftPrecision)")
    }

    /// A cache key.
    private struct Key: Hashable, Sendable {
        let length: Int
        let direction: FFTDirection
        let precision: FFTPrecision
    }

    /// An FFTW plan (`fftw_plan` or `fftwf_plan`, both opaque pointers). Sendable because FFTW's
    /// execute functions are thread-safe; creation and destruction happen under the planner lock.
    private struct Plan: @unchecked Sendable {
        let pointer: OpaquePointer
        let precision: FFTPrecision

        /// Plans on fresh aligned scratch arrays (FFTW_MEASURE overwrites them). Call only with
        /// the planner lock held.
        static func make(_ key: Key, rigor: FFTPlanningRigor) -> Plan {
            precondition(key.length >= 1 && key.length <= Int(Int32.max),
                         "FFTPlanCache: length \(key.length) outside 1...\(Int32.max)")
            let n = Int32(key.length)
            let flags = rigor == .measure ? ck_fftw_measure() : ck_fftw_estimate()
            let complexCount = key.length / 2 + 1
            let pointer: OpaquePointer?
            switch key.precision {
            case .double:
                let real = AlignedBuffer<Double>(zeroedCount: key.length)
                let complex = AlignedBuffer<Double>(zeroedCount: 2 * complexCount)
                let c = rebound(complex.pointer, fftw_complex.self)
                pointer = switch key.direction {
                case .forward: fftw_plan_dft_r2c_1d(n, real.pointer, c, flags)
                case .inverse: fftw_plan_dft_c2r_1d(n, c, real.pointer, flags)
                }
            case .single:
                let real = AlignedBuffer<Float>(zeroedCount: key.length)
                let complex = AlignedBuffer<Float>(zeroedCount: 2 * complexCount)
                let c = rebound(complex.pointer, fftwf_complex.self)
                pointer = switch key.direction {
                case .forward: fftwf_plan_dft_r2c_1d(n, real.pointer, c, flags)
                case .inverse: fftwf_plan_dft_c2r_1d(n, c, real.pointer, flags)
                }
            }
            guard let pointer else { preconditionFailure("FFTPlanCache: FFTW could not plan \(key)") }
            return Plan(pointer: pointer, precision: key.precision)
        }

        /// Call only with the planner lock held.
        func destroy() {
            switch precision {
            case .double: fftw_destroy_plan(pointer)
            case .single: fftwf_destroy_plan(pointer)
            }
        }
    }
}
