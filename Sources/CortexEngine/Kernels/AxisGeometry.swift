/// An axis of a row-major shape seen as `[outer, extent, inner]`.
struct AxisGeometry: Sendable, Hashable {
    let outer: Int
    let extent: Int
    let inner: Int

    init(outer: Int, extent: Int, inner: Int) {
        self.outer = outer
        self.extent = extent
        self.inner = inner
    }

    init(shape: [Int], axis: Int) {
        precondition(axis >= 0 && axis < shape.count, "axis \(axis) out of range for shape \(shape)")
        outer = shape[..<axis].reduce(1, *)
        extent = shape[axis]
        inner = shape[(axis + 1)...].reduce(1, *)
    }
}
