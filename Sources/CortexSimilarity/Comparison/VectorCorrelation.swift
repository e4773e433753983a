import CortexNumerics

/// Correlation kernels on equally long, finite `Double` vectors (the upper triangles of RDMs).
/// Each keeps a naive reference implementation the tests compare against.
enum VectorCorrelation {
    /// Pearson r, two passes: means, then Σ(x − x̄)(y − ȳ), Σ(x − x̄)², Σ(y − ȳ)² in one loop.
    /// - Throws: `.constantInput` when either vector is constant.
    static func pearson(_ x: [Double], _ y: [Double]) throws(SimilarityError) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        return try centredCorrelation(x, y, mx, my)
    }

    /// Σ(x − mx)(y − my)/√(Σ(x − mx)²Σ(y − my)²) in one pass.
    static func centredCorrelation(_ x: [Double], _ y: [Double], _ mx: Double, _ my: Double) throws(SimilarityError) -> Double {
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in
                for k in 0..<px.count {
                    let dx = px[k] - mx, dy = py[k] - my
                    sxy += dx * dy
                    sxx += dx * dx
                    syy += dy * dy
                }
            }
        }
        guard sxx > 0 else { throw .constantInput(operand: .first) }
        guard syy > 0 else { throw .constantInput(operand: .second) }
        return clamp(sxy / (sxx.squareRoot() * syy.squareRoot()))
    }

    /// Σxy/(‖x‖‖y‖).
    static func cosine(_ x: [Double], _ y: [Double]) throws(SimilarityError) -> Double {
        try centredCorrelation(x, y, 0, 0)
    }

    /// Spearman ρ. `.average`: Pearson r of average ranks (mean (n + 1)/2 exactly), one pass.
    /// `.ordinal`: 1 − 6Σd²/(n³ − n) on argsort∘argsort ranks, exactly as the reference study.
    static func spearman(_ x: [Double], _ y: [Double], ties: TiePolicy) throws(SimilarityError) -> Double {
        let (rx, ry) = try ranks(x, y, ties: ties)
        return try spearman(ranks: rx, ry, ties: ties)
    }

    /// Spearman ρ from the two vectors' ranks (as ``ranks(_:_:ties:)`` gives them).
    static func spearman(ranks rx: [Double], _ ry: [Double], ties: TiePolicy) throws(SimilarityError) -> Double {
        switch ties {
        case .average:
            let mean = (Double(rx.count) + 1) / 2
            return try centredCorrelation(rx, ry, mean, mean)
        case .ordinal:
            var sum = 0.0
            rx.withUnsafeBufferPointer { a in
                ry.withUnsafeBufferPointer { b in
                    for k in 0..<a.count {
                        let d = a[k] - b[k]
                        sum += d * d
                    }
                }
            }
            let n = Double(rx.count)
            return 1 - 6 * sum / (n * n * n - n)
        }
    }

    /// rsatoolbox's ρ_a = 12·Σ(rx − r̄)(ry − r̄)/(n³ − n) with average ranks.
    static func rhoA(_ x: [Double], _ y: [Double]) throws(SimilarityError) -> Double {
        let (rx, ry) = try ranks(x, y, ties: .average)
        let n = Double(x.count)
        let mean = (n + 1) / 2
        var sum = 0.0
        for k in 0..<rx.count { sum += (rx[k] - mean) * (ry[k] - mean) }
        return 12 * sum / (n * n * n - n)
    }

    /// Ranks of both vectors (finite input, so ranking cannot fail).
    static func ranks(_ x: [Double], _ y: [Double], ties: TiePolicy) throws(SimilarityError) -> ([Double], [Double]) {
        do throws(StatisticsError) {
            return (try Statistics.ranks(x, ties: ties, nans: .error), try Statistics.ranks(y, ties: ties, nans: .error))
        } catch {
            if case .nanEncountered(let index) = error { throw .nonFiniteValue(operand: .first, index: index) }
            throw .nonFiniteValue(operand: .first, index: 0)
        }
    }

    /// Rounding can push |r| a hair above 1.
    static func clamp(_ r: Double) -> Double { min(1, max(-1, r)) }

    /// Naive reference: ranks by counting (O(n²)), then the textbook formulas.
    static func referenceSpearman(_ x: [Double], _ y: [Double], ties: TiePolicy) -> Double {
        func naiveRanks(_ v: [Double]) -> [Double] {
            v.indices.map { i in
                let less = v.indices.filter { v[$0] < v[i] }.count
                let equalBefore = v.indices.filter { v[$0] == v[i] && $0 < i }.count
                let equal = v.indices.filter { v[$0] == v[i] }.count
                return ties == .average ? Double(less) + Double(equal + 1) / 2 : Double(less + equalBefore + 1)
            }
        }
        let (rx, ry) = (naiveRanks(x), naiveRanks(y))
        let n = Double(x.count)
        if ties == .ordinal {
            return 1 - 6 * zip(rx, ry).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / (n * n * n - n)
        }
        let mx = rx.reduce(0, +) / n, my = ry.reduce(0, +) / n
        let sxy = zip(rx, ry).map { ($0 - mx) * ($1 - my) }.reduce(0, +)
        let sxx = rx.map { ($0 - mx) * ($0 - mx) }.reduce(0, +), syy = ry.map { ($0 - my) * ($0 - my) }.reduce(0, +)
        return sxy / (sxx * syy).squareRoot()
    }
}
