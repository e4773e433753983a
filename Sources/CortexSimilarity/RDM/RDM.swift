import CortexNumerics

/// A representational dissimilarity matrix over n conditions (frames), stored as its upper
/// triangle: the n(n − 1)/2 values d(i, j) for i < j in row-major order
/// (d(0,1), d(0,2), …, d(0,n−1), d(1,2), …), as `numpy.triu_indices(n, 1)` and rsatoolbox
/// order them. The diagonal is 0 and the matrix symmetric by construction.
///
/// ```swift
/// let rdm = try RDM(responses: x, distance: .correlation)   // x: conditions × units
/// rdm[0, 2] == rdm[2, 0]                                     // true
/// rdm.dissimilarities.count                                  // n(n − 1)/2
/// ```
public struct RDM: Sendable, Hashable {
    /// Number of conditions n.
    public let conditionCount: Int
    /// d(i, j) for i < j, row-major upper triangle; count n(n − 1)/2.
    public let dissimilarities: [Double]

    /// Wraps an upper-triangle vector.
    /// - Precondition: `dissimilarities.count == conditionCount · (conditionCount − 1) / 2`.
    public init(conditionCount: Int, dissimilarities: [Double]) {
        precondition(conditionCount >= 0 && dissimilarities.count == Self.pairCount(conditionCount),
                     "RDM: \(dissimilarities.count) values for \(conditionCount) conditions")
        self.conditionCount = conditionCount
        self.dissimilarities = dissimilarities
    }

    /// The upper triangle (i < j) of a square matrix; the diagonal and lower triangle are ignored.
    public init(matrix: NDArray<Double>) {
        precondition(matrix.isMatrix && matrix.rows == matrix.columns, "RDM: needs a square matrix, got \(matrix.shape)")
        self.init(conditionCount: matrix.rows, dissimilarities: Self.upperTriangle(of: matrix))
    }

    /// n(n − 1)/2, the number of pairs of n conditions.
    public static func pairCount(_ n: Int) -> Int { n * (n - 1) / 2 }

    /// Position of pair (i, j), i < j, in the upper-triangle vector: i·n − i(i + 1)/2 + (j − i − 1).
    @inlinable
    public static func pairIndex(_ i: Int, _ j: Int, conditionCount n: Int) -> Int {
        i * n - i * (i + 1) / 2 + (j - i - 1)
    }

    /// d(i, j): 0 when i = j, symmetric.
    public subscript(i: Int, j: Int) -> Double {
        precondition(i >= 0 && j >= 0 && i < conditionCount && j < conditionCount,
                     "RDM: index [\(i), \(j)] out of range for \(conditionCount) conditions")
        if i == j { return 0 }
        let (a, b) = i < j ? (i, j) : (j, i)
        return dissimilarities[Self.pairIndex(a, b, conditionCount: conditionCount)]
    }

    /// The full symmetric n × n matrix with zero diagonal (`scipy.spatial.distance.squareform`).
    public func matrix() -> NDArray<Double> {
        let n = conditionCount
        var m = [Double](repeating: 0, count: n * n)
        var k = 0
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                m[i * n + j] = dissimilarities[k]
                m[j * n + i] = dissimilarities[k]
                k += 1
            }
        }
        return NDArray(shape: [n, n], scalars: m)
    }

    /// The row-major upper triangle (i < j) of a square matrix.
    static func upperTriangle(of m: NDArray<Double>) -> [Double] {
        let n = m.rows
        var out = [Double]()
        out.reserveCapacity(pairCount(n))
        m.withUnsafeBufferPointer { p in
            for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { out.append(p[i * n + j]) } }
        }
        return out
    }
}
