import CortexNumerics

/// A common denominator R of a matrix's entries: every x is k/R for an integer k, up to the
/// rounding of the stored precision. Spike counts have R = 1; counts averaged over R repeats
/// (trial-averaged responses), over T time steps (image-protocol features) or spikes of a
/// network (0/1) have a small R.
///
/// With R known, Euclidean distances come from the uncentred Gram of the integers k = R·x:
/// every product and sum is an integer below 2⁵³, so `Double` arithmetic is exact in any order
/// (BLAS blocking and FMA included), ‖kᵢ − kⱼ‖² = Kᵢᵢ + Kⱼⱼ − 2Kᵢⱼ is exact, and two pairs of
/// frames with equal differences get bit-identical distances — the ties a rank comparison
/// (Spearman, Kendall τ-b) must see. A centred Gram of the raw values rounds these differently
/// per pair and breaks the ties.
///
/// ```swift
/// var scale = IntegerScale.Detector(tolerance: 64 * Double(Float.ulpOfOne))
/// scale.observe(0.25); scale.observe(1.5)      // R = 4
/// scale.result                                  // IntegerScale(denominator: 4, largestInteger: 6)
/// ```
struct IntegerScale: Sendable, Hashable {
    /// R ≥ 1.
    var denominator: Int
    /// The largest |k| = |R·x|.
    var largestInteger: Double

    /// The largest denominator searched for one entry, and for the common denominator.
    static let maximumEntryDenominator = 1024
    static let maximumDenominator = 1 << 20

    /// Whether a Gram of `columns` columns of these integers stays exact in `Double`:
    /// every entry of K and Kᵢᵢ + Kⱼⱼ − 2Kᵢⱼ is below 2⁵³ in magnitude.
    func isExact(columns: Int) -> Bool {
        4 * largestInteger * largestInteger * Double(columns) < 9.0e15
    }

    /// Finds R entry by entry; gives up (``result`` nil) on the first entry with no denominator
    /// up to ``maximumEntryDenominator`` or when the common denominator exceeds
    /// ``maximumDenominator``.
    struct Detector {
        /// Relative tolerance on |R·x − round(R·x)| (the stored precision's rounding of k/R).
        let tolerance: Double
        private(set) var denominator = 1
        private(set) var largestInteger = 0.0
        var failed = false

        init(tolerance: Double) { self.tolerance = tolerance }

        var result: IntegerScale? { failed ? nil : IntegerScale(denominator: denominator, largestInteger: largestInteger) }

        private func isInteger(_ t: Double) -> Bool {
            abs(t - t.rounded()) <= tolerance * max(1, abs(t))
        }

        /// Takes one entry into account.
        mutating func observe(_ x: Double) {
            if failed { return }
            let t = x * Double(denominator)
            if isInteger(t) {
                largestInteger = max(largestInteger, abs(t.rounded()))
                return
            }
            guard let q = (2...IntegerScale.maximumEntryDenominator).first(where: { isInteger(x * Double($0)) }) else {
                failed = true
                return
            }
            let common = denominator / gcd(denominator, q) * q
            guard common <= IntegerScale.maximumDenominator else {
                failed = true
                return
            }
            // Earlier entries were integers at R, hence at any multiple of R.
            largestInteger *= Double(common / denominator)
            denominator = common
            largestInteger = max(largestInteger, abs((x * Double(denominator)).rounded()))
        }

        private func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
    }

    /// The common denominator of a streamed matrix's entries (one read-only pass over its
    /// blocks), or nil when there is none within the limits or the integers would not stay
    /// exact. Non-finite entries give nil (the Gram pass reports them).
    /// - Throws: only a source's failure to deliver its columns.
    static func detect<S: ColumnChunkSource>(in source: S, blockColumns: Int) throws(SimilarityError) -> IntegerScale? {
        var detector = Detector(tolerance: 64 * Double(S.Scalar.ulpOfOne))
        var start = 0
        while start < source.columnCount && !detector.failed {
            let end = min(source.columnCount, start + blockColumns)
            try source.withColumns(start..<end) { (block: ColumnBlock<S.Scalar>) throws(SimilarityError) -> Void in
                for i in 0..<block.rows {
                    let row = block.base + i * block.rowStride
                    for j in 0..<block.columns {
                        let x = Double(row[j])
                        guard x.isFinite else { detector.failed = true; return }
                        detector.observe(x)
                        if detector.failed { return }
                    }
                }
            }
            start = end
        }
        guard let scale = detector.result, scale.isExact(columns: source.columnCount) else { return nil }
        return scale
    }
}

/// A streamed matrix multiplied by an ``IntegerScale``'s R and rounded to the integers k, as
/// `Double` blocks (one copy per block).
struct IntegerScaledSource<Base: ColumnChunkSource>: ColumnChunkSource {
    typealias Scalar = Double
    let base: Base
    let denominator: Double

    var rowCount: Int { base.rowCount }
    var columnCount: Int { base.columnCount }

    func withColumns<R, Failure: ColumnSourceFailure>(_ range: Range<Int>,
                                                      _ body: (ColumnBlock<Double>) throws(Failure) -> R) throws(Failure) -> R {
        let scale = denominator
        return try base.withColumns(range) { (block: ColumnBlock<Base.Scalar>) throws(Failure) -> R in
            let (m, w) = (block.rows, block.columns)
            var scaled = [Double](repeating: 0, count: m * w)
            for i in 0..<m {
                let row = block.base + i * block.rowStride
                for j in 0..<w { scaled[i * w + j] = (Double(row[j]) * scale).rounded() }
            }
            let result: Result<R, Failure> = scaled.withUnsafeBufferPointer { p in
                do throws(Failure) {
                    return .success(try body(ColumnBlock(base: p.baseAddress!, rowStride: w, rows: m, columns: w)))
                } catch { return .failure(error) }
            }
            return try result.get()
        }
    }

    func didConsumeColumns(before column: Int) { base.didConsumeColumns(before: column) }
}
