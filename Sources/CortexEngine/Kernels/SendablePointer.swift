/// A raw pointer that may cross into `ParallelFor` chunks, which write disjoint ranges of it.
struct SendablePointer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}
