/// Shapes of C = op(A)·op(B), C `[m, n]`, op(A) `[m, k]`, op(B) `[k, n]`, row-major storage
/// (A is stored `[k, m]` when transposed, B `[n, k]`).
struct MatmulGeometry: Sendable, Hashable {
    let m: Int
    let k: Int
    let n: Int
    let transposeA: Bool
    let transposeB: Bool
}
