/// Which slice of a batch's jobs a process runs (`--shard i/N`, 1-based): job k belongs to
/// shard (k mod N) + 1, so every shard gets a similar mix of models and metrics.
public struct BatchShard: Sendable, Hashable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public static let whole = BatchShard(index: 1, count: 1)

    public init(index: Int, count: Int) {
        precondition(count >= 1 && index >= 1 && index <= count, "BatchShard: need 1 ≤ i ≤ N")
        self.index = index
        self.count = count
    }

    /// Parses "i/N".
    public init?(parsing text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else { return nil }
        self.init(index: i, count: n)
    }

    public func contains(_ job: BatchJob) -> Bool { job.index % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
}
