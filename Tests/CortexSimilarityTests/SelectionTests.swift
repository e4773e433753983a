import CortexNumerics
import Foundation
import Testing
@testable import CortexSimilarity

/// Held-out selection, the max-over-candidates permutation test, paired differences and
/// multiple-comparison corrections against `scripts/reference/selection_reference.py`
/// (numpy 2.4.6, scipy 1.17.1), `Fixtures/selection.json`.
@Suite("Selection-aware statistics and paired model comparisons")
struct SelectionTests {
    struct HeldOut: Decodable {
        let chosenOnFirst, chosenOnSecond: Int
        let scoreOnSecond, scoreOnFirst, score: Double
    }
    struct TSRSACase: Decodable {
        let name: String
        let layers: [[[Double]]]
        let brain: [[Double]]
        let lags: [Int]
        let comparison: String
        let blockLength: Int
        let shifts: [Int]
        let first, second, full: [Double]
        let heldOut: HeldOut
        let observed: Double
        let nullMaxima: [Double]
        let pValue: Double
    }
    struct CKACase: Decodable {
        let name: String
        let layers: [[[Double]]]
        let brain: [[Double]]
        let blockLength: Int
        let shifts: [Int]
        let first, second, full: [Double]
        let heldOut: HeldOut
        let observed: Double
        let nullMaxima: [Double]
        let pValue: Double
    }
    struct PairedCase: Decodable {
        let name: String
        let scoreA, scoreB: Double
        let replicatesA, replicatesB, blocksA, blocksB: [Double]
        let level, difference, lower, upper, pValue: Double
    }
    struct Corrections: Decodable {
        let p, holm, bh: [Double]
    }
    struct Reference: Decodable {
        let tsrsa: [TSRSACase]
        let cka: [CKACase]
        let paired: [PairedCase]
        let corrections: Corrections
    }

    static func reference() throws -> Reference {
        let url = Fixtures.directory.appendingPathComponent("selection.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    static func matrix(_ rows: [[Double]]) -> NDArray<Double> {
        NDArray(shape: [rows.count, rows[0].count], scalars: rows.flatMap { $0 })
    }

    static func close(_ a: [Double], _ b: [Double], tolerance: Double = 1e-9) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { ($0.isNaN && $1.isNaN) || abs($0 - $1) <= tolerance }
    }

    @Test("TSRSA held-out selection and max-null p-value equal the numpy reference (1e-9)")
    func tsrsaReference() throws {
        for c in try Self.reference().tsrsa {
            let comparison: RDMComparison = c.comparison == "ordinal" ? .spearman(ties: .ordinal) : .spearman(ties: .average)
            let options = TSRSAOptions(comparison: comparison, lags: c.lags.first!...c.lags.last!)
            let metric = TSRSAMetric(options: options)
            let layers = try c.layers.map { try metric.prepare(Self.matrix($0)) }
            let brain = try metric.prepare(Self.matrix(c.brain))
            let (h1, h2) = HeldOutSelection.frameHalves(frames: brain.frameCount, blockLength: c.blockLength)
            var first: [Double] = [], second: [Double] = [], full: [Double] = []
            var test = SelectionPermutation(orders: SelectionPermutation.circularShifts(c.shifts, frames: brain.frameCount))
            for layer in layers {
                first += try HeldOutSelection.tsrsaLagScores(model: layer, brain: brain, frames: h1, options: options)
                second += try HeldOutSelection.tsrsaLagScores(model: layer, brain: brain, frames: h2, options: options)
                full += try TSRSA.score(model: layer, brain: brain, options: options).lagScores.map(\.score)
                try test.include(tsrsa: layer, brain: brain, options: options)
            }
            #expect(Self.close(first, c.first), "\(c.name): first half")
            #expect(Self.close(second, c.second), "\(c.name): second half")
            #expect(Self.close(full, c.full), "\(c.name): all frames")
            let heldOut = try #require(HeldOutSelection.select(first: first, second: second))
            #expect(heldOut.chosenOnFirst == c.heldOut.chosenOnFirst && heldOut.chosenOnSecond == c.heldOut.chosenOnSecond, "\(c.name)")
            #expect(abs(heldOut.score - c.heldOut.score) < 1e-9, "\(c.name): \(heldOut.score) vs \(c.heldOut.score)")
            let result = try #require(test.result)
            #expect(abs(result.observed - c.observed) < 1e-9, "\(c.name)")
            #expect(Self.close(result.nullScores, c.nullMaxima), "\(c.name): \(result.nullScores) vs \(c.nullMaxima)")
            #expect(result.pValue == c.pValue, "\(c.name)")
            // All layers at once (one brain transform per permutation and lag) gives the same numbers.
            var shared = SelectionPermutation(orders: SelectionPermutation.circularShifts(c.shifts, frames: brain.frameCount))
            try shared.include(tsrsaLayers: layers, brain: brain, options: options)
            #expect(Self.close(try #require(shared.result).nullScores, c.nullMaxima), "\(c.name): shared brain transform")
            #expect(abs(try #require(shared.result).observed - c.observed) < 1e-9)
        }
    }

    @Test("the shared-brain kernel equals per-layer rescoring for every comparison with ties in the data", arguments: [
        RDMComparison.spearman(ties: .ordinal), .spearman(ties: .average), .pearson, .cosine, .rhoA, .kendallTauB,
    ])
    func sharedKernelEqualsRescoring(comparison: RDMComparison) throws {
        let options = TSRSAOptions(comparison: comparison, lags: -2...3)
        let metric = TSRSAMetric(options: options)
        // Integer counts: many tied distances on both sides.
        let counts = { (seed: UInt64, units: Int) in
            planted(frames: 31, units: units, noise: 2, seed: seed).map { ($0 * 1.5).rounded() }
        }
        let layers = try [(1, 6), (2, 9), (3, 4)].map { try metric.prepare(counts(UInt64($0.0), $0.1)) }
        let brain = try metric.prepare(counts(9, 7))
        // The kernel path, not the fallback: no zero-variance frame, and tied distances on both sides.
        try #require((layers + [brain]).allSatisfy { $0.zeroVarianceFrames.isEmpty })
        for side in [layers[0], brain] {
            let d = TSRSA.distances(side.correlations, frames: Array(0..<30))
            #expect(Set(d).count < d.count)
        }
        let orders = try SelectionPermutation.orders(scheme: .circularShift(minimumShift: 4), frames: 30, permutations: 25, seed: 2)
        var perLayer = SelectionPermutation(orders: orders), shared = SelectionPermutation(orders: orders)
        for layer in layers { try perLayer.include(tsrsa: layer, brain: brain, options: options) }
        try shared.include(tsrsaLayers: layers, brain: brain, options: options)
        let (a, b) = (try #require(perLayer.result), try #require(shared.result))
        #expect(a.observed == b.observed)
        #expect(Self.close(a.nullScores, b.nullScores, tolerance: 1e-12), "\(comparison)")
    }

    @Test("layers with silent frames take the rescoring path, the others the shared kernel: same maxima as rescoring all")
    func silentFramesMixed() throws {
        let options = TSRSAOptions(zeroVariance: .dropFrame, lags: 0...2)
        let metric = TSRSAMetric(options: options)
        var silent = planted(frames: 31, units: 6, noise: 1, seed: 4)
        for u in 0..<6 { silent[7, u] = 0; silent[19, u] = 0 }
        let layers = try [planted(frames: 31, units: 8, noise: 1, seed: 5), silent, planted(frames: 31, units: 5, noise: 3, seed: 6)]
            .map { try metric.prepare($0) }
        #expect(layers[1].zeroVarianceFrames.count == 2)
        let brain = try metric.prepare(planted(frames: 31, units: 7, noise: 1, seed: 5))
        let orders = try SelectionPermutation.orders(scheme: .circularShift(minimumShift: 4), frames: 30, permutations: 30, seed: 8)
        var perLayer = SelectionPermutation(orders: orders), shared = SelectionPermutation(orders: orders)
        for layer in layers { try perLayer.include(tsrsa: layer, brain: brain, options: options) }
        try shared.include(tsrsaLayers: layers, brain: brain, options: options)
        #expect(try #require(perLayer.result).observed == (try #require(shared.result)).observed)
        #expect(Self.close(try #require(perLayer.result).nullScores, try #require(shared.result).nullScores, tolerance: 1e-12))
    }

    @Test("CKA held-out selection and max-null p-value (brain rows shifted) equal the numpy reference (1e-9)")
    func ckaReference() throws {
        for c in try Self.reference().cka {
            let metric = CKAMetric()
            let brain = Self.matrix(c.brain)
            let layers = c.layers.map(Self.matrix)
            let (h1, h2) = HeldOutSelection.frameHalves(frames: brain.rows, blockLength: c.blockLength)
            let first = try layers.map { try metric.score($0.selectingRows(h1), brain.selectingRows(h1)) }
            let second = try layers.map { try metric.score($0.selectingRows(h2), brain.selectingRows(h2)) }
            #expect(Self.close(first, c.first) && Self.close(second, c.second), "\(c.name)")
            let heldOut = try #require(HeldOutSelection.select(first: first, second: second))
            #expect(abs(heldOut.score - c.heldOut.score) < 1e-9, "\(c.name)")
            var test = SelectionPermutation(orders: SelectionPermutation.circularShifts(c.shifts, frames: brain.rows))
            for layer in layers { try test.include(metric: metric, layer: try metric.prepare(layer), brain: brain) }
            let result = try #require(test.result)
            #expect(abs(result.observed - c.observed) < 1e-9)
            #expect(Self.close(result.nullScores, c.nullMaxima), "\(result.nullScores) vs \(c.nullMaxima)")
            #expect(result.pValue == c.pValue)
        }
    }

    @Test("paired differences: percentile interval of paired replicates and exact sign-flip p equal numpy (1e-9)")
    func pairedReference() throws {
        for c in try Self.reference().paired {
            let d = PairedDifference.compute(
                first: .init(score: c.scoreA, replicates: c.replicatesA, blockScores: c.blocksA),
                second: .init(score: c.scoreB, replicates: c.replicatesB, blockScores: c.blocksB), level: c.level, seed: 0)
            #expect(abs(d.difference - c.difference) < 1e-12)
            #expect(abs(d.lower! - c.lower) < 1e-9 && abs(d.upper! - c.upper) < 1e-9, "\(c.name)")
            #expect(abs(d.pValue! - c.pValue) < 1e-12, "\(c.name): \(d.pValue!) vs \(c.pValue)")
            #expect(d.flips == 1 << c.blocksA.count)
        }
    }

    @Test("Holm equals numpy's step-down and Benjamini–Hochberg equals scipy.stats.false_discovery_control (1e-12)")
    func correctionsReference() throws {
        let c = try Self.reference().corrections
        #expect(Self.close(MultipleComparisonCorrection.holm.adjusted(c.p), c.holm, tolerance: 1e-12))
        #expect(Self.close(MultipleComparisonCorrection.benjaminiHochberg.adjusted(c.p), c.bh, tolerance: 1e-12))
        let withMissing = MultipleComparisonCorrection.holm.adjusted([nil, 0.01, 0.04] as [Double?])
        #expect(withMissing[0] == nil && withMissing[1] == 0.02 && withMissing[2] == 0.04)
    }

    // MARK: properties

    @Test("adding candidates never lowers the max-null p-value, and one candidate gives the plain brain-shift test")
    func moreCandidatesRaiseP() throws {
        let metric = TSRSAMetric()
        let brainMatrix = planted(frames: 41, units: 10, noise: 4, seed: 11)
        let brain = try metric.prepare(brainMatrix)
        let layers = try (1...4).map { try metric.prepare(planted(frames: 41, units: 8, noise: Double($0) * 2, seed: 11)) }
        let orders = try SelectionPermutation.orders(scheme: .circularShift(minimumShift: 5), frames: 40, permutations: 199, seed: 5)
        var all = SelectionPermutation(orders: orders)
        for layer in layers { try all.include(tsrsa: layer, brain: brain, options: metric.options) }
        let scores = try layers.map { try metric.score(prepared: $0, brain) }
        let bestLayer = try #require(BestScore.index(of: scores))
        var one = SelectionPermutation(orders: orders)
        try one.include(tsrsa: layers[bestLayer], brain: brain, options: metric.options)
        let (pAll, pOne) = (try #require(all.result).pValue, try #require(one.result).pValue)
        #expect(pOne <= pAll)
        #expect(try #require(all.result).observed == scores[bestLayer])
        // One candidate: the null is the layer's score against the shifted brain, recomputed from the data.
        for (k, order) in orders.prefix(5).enumerated() {
            let shifted = brainMatrix.selectingRows([0] + order.map { $0 + 1 })
            let direct = try metric.score(prepared: try metric.prepare(planted(frames: 41, units: 8, noise: Double(bestLayer + 1) * 2, seed: 11)),
                                          try metric.prepare(shifted))
            #expect(abs(try #require(one.result).nullScores[k] - direct) < 1e-12)
        }
    }

    @Test("held-out selection with equal halves is the in-sample best; frame halves partition the frames")
    func heldOutProperties() throws {
        let scores = [0.1, 0.4, .nan, 0.3]
        let s = try #require(HeldOutSelection.select(first: scores, second: scores))
        #expect(s.score == 0.4 && s.chosenOnFirst == 1)
        #expect(HeldOutSelection.select(first: [.nan], second: [0.2]) == nil)
        for (n, l) in [(898, 30), (10, 3), (7, 1)] {
            let (a, b) = HeldOutSelection.frameHalves(frames: n, blockLength: l)
            #expect((a + b).sorted() == Array(0..<n) && Set(a).isDisjoint(with: b))
        }
        #expect(HeldOutSplit.defaultBlockLength(comparedFrames: 898) == 30)
        for split in [HeldOutSplit.frameBlocks(length: 12), .frameBlocks(length: nil), .repeats, .off] {
            #expect(HeldOutSplit(label: split.label) == split)
        }
    }

    @Test("sign flips: zero differences give p = 1, p is invariant to flipping every sign, and random flips approach the exact p")
    func signFlipProperties() throws {
        #expect(PairedDifference.signFlip([0, 0, 0], seed: 1)?.p == 1)
        let d = [0.03, -0.01, 0.05, 0.02, 0.04, -0.02, 0.01, 0.03]
        let exact = try #require(PairedDifference.signFlip(d, seed: 1)).p
        #expect(exact == PairedDifference.signFlip(d.map { -$0 }, seed: 1)?.p)
        // 20 blocks: beyond the exact limit, so random flips.
        let long = d + d.map { $0 * 0.9 } + [0.02, -0.03, 0.01, 0.0]
        let random = try #require(PairedDifference.signFlip(long, flips: 20_000, seed: 3))
        #expect(random.count == 20_000 && random.p > 0 && random.p < 0.05)
    }

    @Test("Holm is never below Benjamini–Hochberg and both are never below the raw p-values", arguments: [1, 2, 3])
    func correctionOrdering(seed: UInt64) {
        var rng = SplittableRandom(seed: seed)
        let p = (0..<12).map { _ in rng.uniformDouble() * (rng.uniformInt(below: 2) == 0 ? 0.05 : 1) }
        let holm = MultipleComparisonCorrection.holm.adjusted(p)
        let bh = MultipleComparisonCorrection.benjaminiHochberg.adjusted(p)
        for i in p.indices {
            #expect(holm[i] >= bh[i] - 1e-15 && bh[i] >= p[i] - 1e-15 && holm[i] <= 1)
        }
    }
}
