import Dispatch
import Foundation

/// A batch built off the training thread: network input values and labels.
public struct PreparedBatch: Sendable {
    public var shape: [Int]
    public var values: [Float]
    public var labels: [Int]
}

/// Prepares the next batch on another core while the current one trains. The content of a batch
/// depends only on its example indices, so prefetching never changes results.
final class BatchPrefetcher: @unchecked Sendable {
    private let lock = NSLock()
    private var result: PreparedBatch?
    private let ready = DispatchSemaphore(value: 0)
    private var pending = false

    /// Starts building a batch in the background (one at a time).
    func start(_ work: @escaping @Sendable () -> PreparedBatch) {
        precondition(!pending, "BatchPrefetcher: a batch is already being prepared")
        pending = true
        DispatchQueue.global(qos: .userInitiated).async {
            let batch = work()
            self.lock.lock()
            self.result = batch
            self.lock.unlock()
            self.ready.signal()
        }
    }

    /// Waits for the batch started last.
    func take() -> PreparedBatch {
        precondition(pending, "BatchPrefetcher: nothing started")
        ready.wait()
        lock.lock()
        defer { result = nil; pending = false; lock.unlock() }
        return result!
    }
}
