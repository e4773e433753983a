import CortexNumerics

extension RDM {
    /// The RDM of the rows of `responses` (conditions × units) under `distance`.
    ///
    /// One Gram matrix G (n × n, `syrk`, centred as `distance.gramCentring` says), then
    /// d(i, j) from Gᵢᵢ, Gⱼⱼ, Gᵢⱼ; see ``RDMDistance``.
    ///
    /// ```swift
    /// let rdm = try RDM(responses: x, distance: .squaredEuclideanPerChannel)   // = rsatoolbox 'euclidean'
    /// ```
    ///
    /// - Throws: ``SimilarityError/emptyInput(operand:shape:)``, `.notAMatrix`,
    ///   `.tooFewRows` (< 2 conditions), `.nonFiniteEntry`, `.zeroVarianceRow` (correlation) and
    ///   `.zeroNormRow` (cosine).
    /// - Complexity: n²·p flops (`syrk`, half a `gemm`), O(n²) memory; the data is read once.
    public init<T: BLASScalar>(responses: NDArray<T>, distance: RDMDistance) throws(SimilarityError) {
        guard responses.isMatrix else { throw .notAMatrix(operand: .first, shape: responses.shape) }
        try self.init(source: responses, distance: distance)
    }

    /// The RDM of the rows of a streamed matrix; see ``init(responses:distance:)``.
    public init<S: ColumnChunkSource>(source: S, distance: RDMDistance,
                                      blockColumns: Int = GramAccumulator<S.Scalar>.defaultBlockColumns) throws(SimilarityError) {
        if let array = source as? NDArray<S.Scalar>, !array.isMatrix { throw .notAMatrix(operand: .first, shape: array.shape) }
        guard source.rowCount >= 2 else {
            if source.rowCount == 0 || source.columnCount == 0 {
                throw .emptyInput(operand: .first, shape: [source.rowCount, source.columnCount])
            }
            throw .tooFewRows(found: source.rowCount, minimum: 2)
        }
        switch distance {
        case .spearman:
            let ranks = try Self.rowRanks(of: source, blockColumns: blockColumns)
            let g = try GramAccumulator<Double>.gram(of: ranks, centring: .rows, blockColumns: blockColumns)
            self = try Self.fromGram(g, distance: .correlation, columns: source.columnCount, operand: .first)
        case .euclidean, .squaredEuclideanPerChannel:
            self = try Self.exactEuclidean(source, distance: distance, blockColumns: blockColumns)
        case .correlation, .cosine:
            let g = try GramAccumulator<S.Scalar>.gram(of: source, centring: distance.gramCentring, blockColumns: blockColumns)
            self = try Self.fromGram(g, distance: distance, columns: source.columnCount, operand: .first)
        }
    }

    /// d(i, j) from a Gram matrix centred for `distance`.
    static func fromGram(_ g: NDArray<Double>, distance: RDMDistance, columns: Int,
                         operand: SimilarityOperand) throws(SimilarityError) -> RDM {
        let n = g.rows
        var out = [Double]()
        out.reserveCapacity(pairCount(n))
        let diagonal = (0..<n).map { g.scalars[$0 * n + $0] }
        switch distance {
        case .correlation, .cosine, .spearman:   // .spearman: g is the row-centred Gram of the ranks
            for i in 0..<n where !(diagonal[i] > 0) {
                throw distance == .cosine ? .zeroNormRow(operand: operand, row: i) : .zeroVarianceRow(operand: operand, row: i)
            }
            // One square root per pair so identical rows give exactly 0 (see FrameCorrelations).
            g.withUnsafeBufferPointer { p in
                for i in 0..<n {
                    for j in (i + 1)..<max(i + 1, n) {
                        let r = p[i * n + j] / (diagonal[i] * diagonal[j]).squareRoot()
                        out.append(1 - min(1, max(-1, r)))
                    }
                }
            }
        case .euclidean, .squaredEuclideanPerChannel:
            let squared = distance == .squaredEuclideanPerChannel
            let scale = squared ? 1 / Double(columns) : 1
            g.withUnsafeBufferPointer { p in
                for i in 0..<n {
                    for j in (i + 1)..<max(i + 1, n) {
                        let d2 = max(0, diagonal[i] + diagonal[j] - 2 * p[i * n + j])
                        out.append(squared ? d2 * scale : d2.squareRoot())
                    }
                }
            }
        }
        return RDM(conditionCount: n, dissimilarities: out)
    }

    /// Pairwise-loop reference (Double, two-pass centring per pair), for tests of the Gram path.
    static func reference(_ x: NDArray<Double>, distance: RDMDistance) -> RDM {
        let (n, p) = (x.rows, x.columns)
        var out = [Double]()
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                let a = x.row(i), b = x.row(j)
                switch distance {
                case .correlation, .spearman:
                    let (a, b) = distance == .spearman
                        ? ((try? Statistics.ranks(a)) ?? a, (try? Statistics.ranks(b)) ?? b) : (a, b)
                    let ma = a.reduce(0, +) / Double(p), mb = b.reduce(0, +) / Double(p)
                    var sab = 0.0, saa = 0.0, sbb = 0.0
                    for k in 0..<p { sab += (a[k] - ma) * (b[k] - mb); saa += (a[k] - ma) * (a[k] - ma); sbb += (b[k] - mb) * (b[k] - mb) }
                    out.append(1 - sab / (saa * sbb).squareRoot())
                case .cosine:
                    var sab = 0.0, saa = 0.0, sbb = 0.0
                    for k in 0..<p { sab += a[k] * b[k]; saa += a[k] * a[k]; sbb += b[k] * b[k] }
                    out.append(1 - sab / (saa * sbb).squareRoot())
                case .euclidean, .squaredEuclideanPerChannel:
                    var s = 0.0
                    for k in 0..<p { s += (a[k] - b[k]) * (a[k] - b[k]) }
                    out.append(distance == .euclidean ? s.squareRoot() : s / Double(p))
                }
            }
        }
        return RDM(conditionCount: n, dissimilarities: out)
    }
}
