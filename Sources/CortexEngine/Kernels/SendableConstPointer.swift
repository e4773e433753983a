/// A read-only raw pointer shared with `ParallelFor` chunks.
struct SendableConstPointer<T>: @unchecked Sendable {
    let base: UnsafePointer<T>
}
