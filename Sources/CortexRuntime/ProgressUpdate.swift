/// A step of long-running library work (loading sessions, counting spikes, training, batch jobs),
/// handed to a caller-supplied closure. The library never draws progress itself: the CLI turns
/// these into a progress bar on a terminal and plain lines otherwise.
///
/// ```swift
/// try runner.run(progress: { update in print("\(update.completed)/\(update.total ?? 0) \(update.message)") })   // a BatchRunner
/// ```
public struct ProgressUpdate: Sendable, Hashable {
    /// Units of work done so far.
    public var completed: Int
    /// Total units of work, when known.
    public var total: Int?
    /// What is being worked on (e.g. a file name or an epoch), for display.
    public var message: String

    public init(completed: Int, total: Int?, message: String = "") {
        self.completed = completed
        self.total = total
        self.message = message
    }

    /// Completed fraction in [0, 1], when the total is known and positive.
    public var fraction: Double? {
        guard let total, total > 0 else { return nil }
        return min(1, max(0, Double(completed) / Double(total)))
    }
}

/// The closure type library functions take to report progress (may be called from any thread).
public typealias ProgressHandler = @Sendable (ProgressUpdate) -> Void
