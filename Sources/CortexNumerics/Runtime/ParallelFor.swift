import Dispatch
import Foundation

/// A small parallel-for over the machine's cores for loops that do not call BLAS themselves.
///
/// Work is split into contiguous chunks, one task per chunk, run by
/// `DispatchQueue.concurrentPerform`. While any parallel region runs, OpenBLAS is held at one
/// thread, so a BLAS call made inside a chunk does not oversubscribe the cores; the previous thread
/// count is restored when the last region ends.
///
/// ```swift
/// ParallelFor.run(count: rows) { range in
///     for i in range { /* independent work on row i */ }
/// }
/// ```
public enum ParallelFor {
    /// Active regions and the BLAS thread count to restore when the last one ends.
    private static let blasGuard = RegionCount()

    /// Number of worker threads used by default: the active processor count, read once.
    /// (Foundation reads the cgroup files — cpuset, CPU quota — on every `activeProcessorCount`:
    /// asked per parallel loop, that was 5–9 % of a LoRaFB-SNet training step.)
    public static var defaultWorkers: Int { processorCount }

    private static let processorCount = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Calls `body` on disjoint contiguous sub-ranges covering `0..<count`, in parallel.
    ///
    /// - Parameters:
    ///   - count: number of iterations.
    ///   - workers: maximum number of chunks run at once (default: the core count).
    ///   - minimumChunk: smallest chunk worth a task; smaller loops run inline on the caller.
    ///   - body: receives each chunk's range; must be safe to call concurrently on disjoint ranges.
    public static func run(count: Int, workers: Int = defaultWorkers, minimumChunk: Int = 1,
                           _ body: @Sendable (Range<Int>) -> Void) {
        precondition(count >= 0 && workers >= 1 && minimumChunk >= 1, "ParallelFor.run: invalid arguments")
        if count == 0 { return }
        let chunks = min(workers, max(1, count / minimumChunk))
        if chunks == 1 { body(0..<count); return }
        enterRegion()
        defer { leaveRegion() }
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lower = c * count / chunks
            let upper = (c + 1) * count / chunks
            if lower < upper { body(lower..<upper) }
        }
    }

    /// Maps `transform` over `0..<count` in parallel, returning results in index order.
    public static func map<T: Sendable>(count: Int, workers: Int = defaultWorkers,
                                        _ transform: @Sendable (Int) -> T) -> [T] {
        let slots = ResultSlots<T>(count: count)
        run(count: count, workers: workers) { range in
            for i in range { slots.store(transform(i), at: i) }
        }
        return slots.collect()
    }

    private static func enterRegion() {
        blasGuard.locked { state in
            if state.active == 0 {
                state.savedThreads = BLASRuntime.threads
                if state.savedThreads != 1 { BLASRuntime.setThreads(1) }
            }
            state.active += 1
        }
    }

    private static func leaveRegion() {
        blasGuard.locked { state in
            state.active -= 1
            if state.active == 0 && state.savedThreads != 1 { BLASRuntime.setThreads(state.savedThreads) }
        }
    }
}

/// The count of running parallel regions behind a pthread mutex (`NSLock`). Not
/// `Synchronization.Mutex`: its futex-based lock is compiled without ThreadSanitizer
/// instrumentation, so TSan saw every region start and end as a data race.
private final class RegionCount: @unchecked Sendable {
    struct State { var active = 0; var savedThreads = 1 }
    private let lock = NSLock()
    private var state = State()

    func locked(_ body: (inout State) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body(&state)
    }
}

/// Write-once result storage for `ParallelFor.map`: each index is written by exactly one chunk.
private final class ResultSlots<T>: @unchecked Sendable {
    private let pointer: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(1, count))
        pointer.initialize(repeating: nil, count: count)
    }

    func store(_ value: T, at index: Int) { pointer[index] = value }

    func collect() -> [T] { (0..<count).map { pointer[$0]! } }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }
}
