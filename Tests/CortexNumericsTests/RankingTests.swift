import Foundation
import Testing
@testable import CortexNumerics

/// Reference ranks come from `scipy.stats.rankdata` via `scripts/reference/stats_reference.py`
/// (fixture `Fixtures/stats/rankdata.json`).
@Suite("Ranking")
struct RankingTests {
    struct Case: Decodable {
        let name: String
        let values: [Double]
        let average: [Double]
        let ordinal: [Double]
    }
    struct NaNCase: Decodable {
        let values: [Double]
        let average: [Double]
        let ordinal: [Double]
        let averagePropagate: [Double]
    }
    struct Fixture: Decodable {
        let cases: [Case]
        let nanCase: NaNCase
    }

    @Test("average and ordinal ranks match scipy.stats.rankdata, including ties, ±0 and ±∞")
    func matchesScipy() throws {
        let fixture = try Fixtures.statsJSON("rankdata.json", as: Fixture.self)
        #expect(fixture.cases.count >= 7)
        for item in fixture.cases {
            #expect(try Statistics.ranks(item.values, ties: .average) == item.average, "\(item.name)")
            #expect(try Statistics.ranks(item.values, ties: .ordinal) == item.ordinal, "\(item.name)")
            // Float input (all fixture values are exact in Float) ranks identically.
            #expect(try Statistics.ranks(item.values.map { Float($0) }, ties: .average) == item.average, "\(item.name)")
        }
    }

    @Test("NaN policies: .omit matches scipy, .propagate gives all NaN, .error names the first NaN")
    func nanPolicies() throws {
        let item = try Fixtures.statsJSON("rankdata.json", as: Fixture.self).nanCase
        #expect(sameIncludingNaN(try Statistics.ranks(item.values, ties: .average, nans: .omit), item.average))
        #expect(sameIncludingNaN(try Statistics.ranks(item.values, ties: .ordinal, nans: .omit), item.ordinal))
        #expect(sameIncludingNaN(try Statistics.ranks(item.values, nans: .propagate), item.averagePropagate))
        #expect(throws: StatisticsError.nanEncountered(index: 1)) { try Statistics.ranks(item.values) }
        #expect(throws: StatisticsError.nanEncountered(index: 1)) {
            try Statistics.ranks(item.values, ties: .ordinal, nans: .error)
        }
        let big = (0..<2000).map { $0 % 97 == 5 ? Double.nan : Double($0 % 13) }
        let omitted = try Statistics.ranks(big, nans: .omit)
        let kept = big.filter { !$0.isNaN }
        #expect(omitted.filter { !$0.isNaN } == (try Statistics.ranks(kept)))
        #expect(zip(big, omitted).allSatisfy { $0.isNaN == $1.isNaN })
    }

    @Test("the buffer form writes the same ranks into caller storage")
    func bufferForm() throws {
        let values: [Float] = [2, 9, -1, 2, 2, 0]
        var output = [Double](repeating: -1, count: values.count)
        try values.withUnsafeBufferPointer { input in
            try output.withUnsafeMutableBufferPointer { out in
                try Statistics.ranks(of: input, into: out, ties: .average)
            }
        }
        #expect(output == [4, 6, 1, 4, 4, 2])
        #expect(try Statistics.ranks(values, ties: .ordinal) == [3, 6, 1, 4, 5, 2])
        #expect(try Statistics.ranks([Double]()) == [])
    }

    @Test("radix and comparison sorts agree with the O(n²) definition of rank", arguments: [40, 600, 1500])
    func fastPathEqualsDefinition(n: Int) throws {
        var rng = SplittableRandom(seed: UInt64(n))
        let specials: [Double] = [0, -0.0, .infinity, -.infinity, 4 * .leastNonzeroMagnitude, -1e300]
        let values = (0..<n).map { i -> Double in
            i % 10 == 0 ? specials[rng.uniformInt(below: specials.count)] : Double(rng.uniformInt(below: n / 4)) - 50
        }
        for ties in TiePolicy.allCases {
            let expected = naiveRanks(values, ties: ties)
            #expect(try Statistics.ranks(values, ties: ties) == expected, "\(ties)")
        }
        for useRadix in [false, true] {
            var entries = values.enumerated().map {
                RankOrder.Entry(key: RankOrder.orderedBits($0.element), index: $0.offset)
            }
            RankOrder.sort(&entries, useRadix: useRadix)
            #expect(entries.map(\.index) == naiveOrder(values), "useRadix \(useRadix)")
        }
    }

    @Test("the radix sort finishes runs that share the top key bits: short runs, one long run, ties inside runs",
          arguments: [1e-7, 1e-15, 3e-6])
    func runsBelowTheRadixDigits(step: Double) throws {
        var rng = SplittableRandom(seed: 77)
        // 1 + k·step: step 1e-7 gives runs of ≈ 19 values per 2⁻¹⁹ bin (insertion sort), 1e-15 one
        // run of all values (comparison sort), 3e-6 mostly single entries; k repeats give equal keys.
        let values = (0..<2000).map { _ in 1 + Double(rng.uniformInt(below: 700)) * step }
        for ties in TiePolicy.allCases {
            #expect(try Statistics.ranks(values, ties: ties) == naiveRanks(values, ties: ties), "\(ties)")
        }
        var entries = values.enumerated().map { RankOrder.Entry(key: RankOrder.orderedBits($0.element), index: $0.offset) }
        RankOrder.sort(&entries, useRadix: true)
        #expect(entries.map(\.index) == naiveOrder(values))
    }

    @Test("ordered keys preserve numeric order and tie the two zeros")
    func orderedBits() {
        let ascending: [Double] = [-.infinity, -1e308, -1, -Double.leastNonzeroMagnitude, 0,
                                   Double.leastNonzeroMagnitude, 1, 1e308, .infinity]
        let keys = ascending.map(RankOrder.orderedBits)
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 })
        #expect(RankOrder.orderedBits(-0.0) == RankOrder.orderedBits(0.0))
    }

    @Test("ranks of a permutation are the permutation + 1, and the sorting order is its inverse")
    func permutationRanks() throws {
        var rng = SplittableRandom(seed: 21)
        for n in [1, 2, 10, 700] {
            let pi = rng.permutation(n)
            let values = pi.map { Double($0) * 0.37 - 5 }
            let r = try Statistics.ranks(values, ties: .ordinal)
            #expect(r == pi.map { Double($0 + 1) })
            #expect(try Statistics.ranks(values, ties: .average) == r)   // no ties
            var argsort = [Int](repeating: -1, count: n)
            for i in 0..<n { argsort[Int(r[i]) - 1] = i }
            var inverse = [Int](repeating: -1, count: n)
            for i in 0..<n { inverse[pi[i]] = i }
            #expect(argsort == inverse)
        }
    }

    @Test("average ranks sum to n(n+1)/2; ordinal ranks are a permutation of 1…n")
    func rankSums() throws {
        var rng = SplittableRandom(seed: 22)
        for n in [1, 5, 100, 1001, 5000] {
            let values = (0..<n).map { _ in Double(rng.uniformInt(below: 17)) }
            let average = try Statistics.ranks(values)
            #expect(average.reduce(0, +) == Double(n * (n + 1)) / 2)
            let ordinal = try Statistics.ranks(values, ties: .ordinal)
            #expect(ordinal.sorted() == (1...n).map(Double.init))
        }
    }

    @Test("ranks are invariant under strictly increasing transforms")
    func monotoneInvariance() throws {
        var rng = SplittableRandom(seed: 23)
        let values = (0..<3000).map { _ in Double(rng.uniformInt(below: 60)) - 30 }
        for ties in TiePolicy.allCases {
            let base = try Statistics.ranks(values, ties: ties)
            #expect(try Statistics.ranks(values.map { 2 * $0 + 1 }, ties: ties) == base)
            #expect(try Statistics.ranks(values.map { $0 * $0 * $0 }, ties: ties) == base)
            #expect(try Statistics.ranks(values.map { exp($0 / 10) }, ties: ties) == base)
            #expect(try Statistics.ranks(values.map { -$0 }, ties: ties) != base)   // decreasing: must differ
        }
    }

    @Test("400 000 values: ordinal ranks order the data and average ranks keep the tie sum")
    func largeInput() throws {
        var rng = SplittableRandom(seed: 24)
        let values = (0..<400_000).map { _ in Double(rng.uniformInt(below: 50_000)) * 0.25 }
        let ordinal = try Statistics.ranks(values, ties: .ordinal)
        var byRank = [Double](repeating: .nan, count: values.count)
        for (i, r) in ordinal.enumerated() { byRank[Int(r) - 1] = values[i] }
        #expect(zip(byRank, byRank.dropFirst()).allSatisfy { $0 <= $1 })
        let average = try Statistics.ranks(values)
        let n = Double(values.count)
        #expect(average.reduce(0, +) == n * (n + 1) / 2)
    }
}

// MARK: Independent references

/// rank(xᵢ) = 1 + #{x_j < xᵢ} + tie share, straight from the definition.
private func naiveRanks(_ x: [Double], ties: TiePolicy) -> [Double] {
    x.indices.map { i in
        var less = 0, equal = 0, equalBefore = 0
        for j in x.indices {
            if x[j] < x[i] { less += 1 }
            if x[j] == x[i] {
                equal += 1
                if j < i { equalBefore += 1 }
            }
        }
        switch ties {
        case .average: return Double(less + 1) + Double(equal - 1) / 2
        case .ordinal: return Double(less + equalBefore + 1)
        }
    }
}

/// Indices ordered by (value, index).
private func naiveOrder(_ x: [Double]) -> [Int] {
    x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
}

private func sameIncludingNaN(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
}
