import CortexNumerics
import Foundation
import Testing
@testable import CortexSimilarity

/// frames × units responses driven by a shared latent: unit u = z·wᵤ + noise·εᵤ.
func planted(frames: Int, units: Int, latent: Int = 3, noise: Double, seed: UInt64) -> NDArray<Double> {
    var rng = SplittableRandom(seed: seed)
    let z = NDArray<Double>.normal(shape: [frames, latent], using: &rng)
    let w = NDArray<Double>.normal(shape: [latent, units], using: &rng)
    let e = NDArray<Double>.normal(shape: [frames, units], using: &rng)
    return NDArray(shape: [frames, units], generating: { index in
        let (f, u) = (index / units, index % units)
        var s = 0.0
        for l in 0..<latent { s += z[f, l] * w[l, u] }
        return s + noise * e.scalars[index]
    })
}

/// A metric that is TSRSA but not `TSRSAMetric`, so the generic split-half path runs.
struct WrappedTSRSA: SimilarityMetric {
    var inner = TSRSAMetric()
    var name: String { "wrapped " + inner.name }
    func prepare(_ representation: NDArray<Double>) throws -> FrameCorrelations { try inner.prepare(representation) }
    func score(prepared a: FrameCorrelations, _ b: FrameCorrelations) throws -> Double { try inner.score(prepared: a, b) }
}

@Suite("Noise ceilings")
struct CeilingTests {
    @Test("two halves of a population sharing a latent give a high ceiling; pure noise gives about 0")
    func plantedAndNoise() throws {
        let shared = try NoiseCeiling.splitHalfNeurons(planted(frames: 40, units: 60, noise: 1, seed: 1),
                                                       metric: TSRSAMetric(), splits: 20, seed: 5)
        #expect(shared.mean > 0.6, "\(shared.mean)")
        let noise = try NoiseCeiling.splitHalfNeurons(gaussian(40, 60, seed: 2), metric: TSRSAMetric(), splits: 20, seed: 5)
        #expect(abs(noise.mean) < 0.05, "\(noise.mean)")
        #expect(shared.splitScores.count == 20 && shared.standardError > 0 && shared.standardError < 0.05)
        let cka = try NoiseCeiling.splitHalfNeurons(planted(frames: 40, units: 60, noise: 1, seed: 1),
                                                    metric: CKAMetric(), splits: 10, seed: 5)
        #expect(cka.mean > 0.8, "\(cka.mean)")
    }

    @Test("split results are reproducible from the seed and independent of the worker count")
    func reproducible() throws {
        let x = planted(frames: 30, units: 41, noise: 2, seed: 3)
        let one = try NoiseCeiling.splitHalfNeurons(x, metric: TSRSAMetric(), splits: 9, seed: 11, workers: 1)
        let two = try NoiseCeiling.splitHalfNeurons(x, metric: TSRSAMetric(), splits: 9, seed: 11, workers: 2)
        let again = try NoiseCeiling.splitHalfNeurons(x, metric: TSRSAMetric(), splits: 9, seed: 11, workers: 3)
        let other = try NoiseCeiling.splitHalfNeurons(x, metric: TSRSAMetric(), splits: 9, seed: 12, workers: 2)
        #expect(one == two && two == again)
        #expect(one != other)
        let cka1 = try NoiseCeiling.splitHalfNeurons(x, metric: CKAMetric(), splits: 5, seed: 4, workers: 1)
        let cka2 = try NoiseCeiling.splitHalfNeurons(x, metric: CKAMetric(), splits: 5, seed: 4, workers: 2)
        #expect(cka1 == cka2)
    }

    @Test("the fast TSRSA split-half path equals preparing each half from scratch", arguments: [
        TSRSAOptions(), TSRSAOptions(dropsFirstFrame: false, comparison: .spearman(ties: .average)),
        TSRSAOptions(comparison: .pearson), TSRSAOptions(lags: -1...1),
    ])
    func fastEqualsGeneric(options: TSRSAOptions) throws {
        // Offset counts-like data with a duplicated frame (exact ties must survive the fast path).
        var x = planted(frames: 35, units: 50, noise: 1.5, seed: 8).map { ($0 + 10).rounded() }
        x.withUnsafeMutableBufferPointer { p in for u in 0..<50 { p[7 * 50 + u] = p[3 * 50 + u] } }
        let fast = try NoiseCeiling.splitHalfNeurons(x, metric: TSRSAMetric(options: options), splits: 6, seed: 2)
        let slow = try NoiseCeiling.splitHalfNeurons(x, metric: WrappedTSRSA(inner: TSRSAMetric(options: options)),
                                                     splits: 6, seed: 2)
        // Rank comparisons: tied distances of the duplicated frame may differ by an ulp between the
        // two Gram routes, which moves a few ranks; Pearson is compared tightly.
        let tolerance = options.comparison == .pearson ? 1e-9 : 1e-4
        #expect(maxAbsDifference(fast.splitScores, slow.splitScores) < tolerance, "\(fast.splitScores) vs \(slow.splitScores)")
    }

    @Test("the split-half distance triangles (half A from G_A, half B from G − G_A) equal FrameCorrelations' distances of the centred Grams bit for bit; nil for a silent frame")
    func distanceTriangle() throws {
        var x = planted(frames: 12, units: 9, noise: 1, seed: 4)
        x.withUnsafeMutableBufferPointer { p in for u in 0..<9 { p[5 * 9 + u] = p[2 * 9 + u] } }
        let y = x.rowCentred()
        let (a, b) = ([0, 2, 3, 7], [1, 4, 5, 6, 8])
        let full = LinearAlgebra.gram(y, of: .rows)
        let ga = LinearAlgebra.gram(y.selectingColumns(a), of: .rows)
        let (statsA, statsB) = (TSRSASplitHalf.rowStatistics(y: y, columns: a, n: 12, p: 9),
                                TSRSASplitHalf.rowStatistics(y: y, columns: b, n: 12, p: 9))
        var gb = full.scalars
        for i in gb.indices { gb[i] -= ga.scalars[i] }
        for (triangle, gram) in [
            (TSRSASplitHalf.distanceTriangle(ga, minus: nil, statsA, count: a.count, n: 12),
             TSRSASplitHalf.centredGram(ga.scalars, statsA, count: a.count, n: 12)),
            (TSRSASplitHalf.distanceTriangle(full, minus: ga, statsB, count: b.count, n: 12),
             TSRSASplitHalf.centredGram(gb, statsB, count: b.count, n: 12)),
        ] {
            let r = FrameCorrelations(centredGram: NDArray(shape: [12, 12], scalars: gram), firstFrame: 0,
                                      snapTolerance: TSRSASplitHalf.snapTolerance)
            #expect(try #require(triangle) == TSRSA.distances(r.correlations, frames: Array(0..<12)))
        }
        var silent = statsA
        silent.diagonal[3] = 0
        #expect(TSRSASplitHalf.distanceTriangle(ga, minus: nil, silent, count: a.count, n: 12) == nil)
    }

    @Test("a silent frame within a half is handled as the policy says, like the generic path")
    func silentFrameInHalf() throws {
        var x = planted(frames: 20, units: 6, noise: 1, seed: 6)
        // Frame 4 is constant over units 0–2 and varies over 3–5: silent in some halves only.
        x.withUnsafeMutableBufferPointer { p in for u in 0..<3 { p[4 * 6 + u] = 1 } }
        let options = TSRSAOptions(zeroVariance: .dropFrame)
        let fast = try NoiseCeiling.splitHalfNeurons(x, metric: TSRSAMetric(options: options), splits: 12, seed: 3)
        let slow = try NoiseCeiling.splitHalfNeurons(x, metric: WrappedTSRSA(inner: TSRSAMetric(options: options)),
                                                     splits: 12, seed: 3)
        #expect(maxAbsDifference(fast.splitScores, slow.splitScores) < 1e-4)
        #expect(throws: SimilarityError.self) {
            try NoiseCeiling.splitHalfNeurons(x, metric: TSRSAMetric(), splits: 12, seed: 3)
        }
    }

    @Test("Spearman–Brown: r_SB = 2r/(1 + r)")
    func spearmanBrown() {
        #expect(NoiseCeiling.spearmanBrown(0.5) == 2.0 / 3.0)
        #expect(NoiseCeiling.spearmanBrown(0) == 0 && NoiseCeiling.spearmanBrown(1) == 1)
        #expect(abs(NoiseCeiling.spearmanBrown(0.6) - 0.75) < 1e-15)
        #expect(NoiseCeiling.spearmanBrown(0.3) > 0.3)
    }

    @Test("split-half trials: corrected scores are r_SB of the uncorrected ones; shared signal gives a high ceiling")
    func trials() throws {
        // 8 repeats × 30 units × 25 frames: a fixed response per unit and frame plus trial noise.
        let mean = planted(frames: 25, units: 30, noise: 0.5, seed: 4)
        var rng = SplittableRandom(seed: 9)
        let noise = NDArray<Double>.normal(shape: [8, 30, 25], using: &rng)
        let trials = NDArray<Double>(shape: [8, 30, 25], generating: { index in
            let (u, f) = ((index / 25) % 30, index % 25)
            return mean[f, u] + noise.scalars[index]
        })
        let raw = try NoiseCeiling.splitHalfTrials(trials, metric: TSRSAMetric(), splits: 10, seed: 1, spearmanBrown: false)
        let corrected = try NoiseCeiling.splitHalfTrials(trials, metric: TSRSAMetric(), splits: 10, seed: 1, spearmanBrown: true)
        #expect(corrected.spearmanBrownCorrected && !raw.spearmanBrownCorrected)
        #expect(maxAbsDifference(corrected.splitScores, raw.splitScores.map { 2 * $0 / (1 + $0) }) < 1e-15)
        #expect(raw.mean > 0.5 && corrected.mean > raw.mean, "\(raw.mean) \(corrected.mean)")
        #expect(throws: SimilarityError.tooFewRepeats(found: 1, minimum: 2)) {
            try NoiseCeiling.splitHalfTrials(NDArray<Double>(shape: [1, 3, 5], repeating: 1), metric: TSRSAMetric(),
                                             seed: 1, spearmanBrown: true)
        }
    }

    @Test("a ceiling needs at least two units")
    func tooFewUnits() {
        #expect(throws: SimilarityError.tooFewColumns(found: 1, minimum: 2)) {
            try NoiseCeiling.splitHalfNeurons(gaussian(10, 1, seed: 1), metric: TSRSAMetric(), seed: 1)
        }
    }
}
