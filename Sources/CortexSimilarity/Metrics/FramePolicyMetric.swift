import CortexNumerics

/// Any metric applied under a ``FramePolicy``: with `.dropFirstFrame`, row 0 of each side is
/// removed before the base metric prepares it, so CKA, RSA, SVCCA, PWCCA, Procrustes and ridge
/// compare the same frames as the study's TSRSA (which drops the frame itself, see
/// ``TSRSAOptions/dropsFirstFrame``).
///
/// ```swift
/// let cka = FramePolicyMetric(CKAMetric(), policy: .dropFirstFrame)
/// try cka.score(layer, brain)          // = CKAMetric().score(layer.rows(1..<n), brain.rows(1..<n))
/// cka.comparedFrames(rows: 900)        // 899
/// ```
///
/// Statistics reorder or resample whole matrices and prepare them again, so a permutation test
/// or bootstrap through this wrapper drops row 0 of the reordered matrix.
public struct FramePolicyMetric<Base: SimilarityMetric>: SimilarityMetric {
    public typealias Prepared = Base.Prepared
    /// The metric that scores the kept frames.
    public var base: Base
    /// Which frames are kept.
    public var policy: FramePolicy

    public init(_ base: Base, policy: FramePolicy) {
        self.base = base
        self.policy = policy
    }

    /// The base metric's name (the policy is recorded with the choice, not in the name).
    public var name: String { base.name }

    public func prepare(_ representation: NDArray<Double>) throws -> Base.Prepared {
        try base.prepare(try Self.keptRows(representation, policy: policy))
    }

    public func score(prepared a: Base.Prepared, _ b: Base.Prepared) throws -> Double {
        try base.score(prepared: a, b)
    }

    public func comparedFrames(rows: Int) -> Int { policy.comparedFrames(rows: rows) }

    /// The rows a policy keeps (the matrix itself for `.allFrames`).
    /// - Throws: `.notAMatrix`; `.tooFewRows` when no frame would be left.
    public static func keptRows(_ x: NDArray<Double>, policy: FramePolicy) throws(SimilarityError) -> NDArray<Double> {
        guard x.isMatrix else { throw .notAMatrix(operand: .first, shape: x.shape) }
        guard policy.firstFrame > 0 else { return x }
        guard x.rows > policy.firstFrame else { throw .tooFewRows(found: x.rows - policy.firstFrame, minimum: 2) }
        return x.rows(policy.firstFrame..<x.rows)
    }
}

extension FramePolicyMetric: StreamableSimilarityMetric where Base: StreamableSimilarityMetric {
    /// The base metric's streamed preparation over the kept rows (no copy: each block is a view
    /// starting at the first kept row).
    public func prepare<S: ColumnChunkSource>(source: S) throws -> Base.Prepared {
        guard policy.firstFrame > 0 else { return try base.prepare(source: source) }
        guard source.rowCount > policy.firstFrame else {
            throw SimilarityError.tooFewRows(found: max(0, source.rowCount - policy.firstFrame), minimum: 2)
        }
        return try base.prepare(source: RowSuffixSource(source, firstRow: policy.firstFrame))
    }
}
