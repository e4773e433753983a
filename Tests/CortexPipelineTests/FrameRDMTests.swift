import CortexNumerics
import CortexSimilarity
import Foundation
import Testing
@testable import CortexPipeline

/// The RDMs a report exports (`rdms/`): upper triangles in numpy's order, equal to the RDM type's
/// correlation distances, block-averaged above the limit exactly as stated.
@Suite("Exported frame RDMs")
struct FrameRDMTests {
    func data(frames: Int, units: Int, seed: UInt64) -> NDArray<Double> {
        var rng = SplittableRandom(seed: seed)
        return NDArray<Double>.normal(shape: [frames, units], using: &rng)
    }

    @Test("the triangle is the RDM type's 1 − Pearson distances over frames 1…, in triu_indices order, as float32")
    func equalsRDM() throws {
        let x = data(frames: 40, units: 25, seed: 5)
        let c = try TSRSAMetric().prepare(x)                                   // drops frame 0
        let rdm = FrameRDM(correlations: c, area: "VISp", layer: nil, file: "a.npy")
        let kept = NDArray<Double>(shape: [39, 25], scalars: Array(x.scalars[25...]))
        let reference = try RDM(responses: kept, distance: .correlation)          // the independent path (rsatoolbox-checked)
        #expect(rdm.entry.frames == 39 && rdm.entry.sourceFrames == 39 && !rdm.entry.isDownsampled && rdm.entry.firstFrame == 1)
        #expect(rdm.triangle.count == 39 * 38 / 2)
        for (k, d) in reference.dissimilarities.enumerated() {
            #expect(abs(Double(rdm.triangle[k]) - d) <= 1e-6 * max(1, abs(d)), "pair \(k)")
        }
        // The order: entry k of row i (i < j) — check one pair by hand.
        let (i, j) = (3, 17)
        let k = i * 39 - i * (i + 1) / 2 + (j - i - 1)
        let r = c.correlations[i, j]
        #expect(rdm.triangle[k] == Float(1 - r))
    }

    @Test("above the limit: frame f goes to bin ⌊f·n/N⌋ and each cell is the mean of its finite distances")
    func blockAverage() throws {
        let x = data(frames: 11, units: 6, seed: 9)
        var rows = x.scalars
        for u in 0..<6 { rows[4 * 6 + u] = 2 }                                 // kept frame 3 (row 4): zero variance
        let c = try TSRSAMetric(options: TSRSAOptions(zeroVariance: .dropFrame)).prepare(NDArray(shape: [11, 6], scalars: rows))
        let n = 10, size = 4
        let rdm = FrameRDM(correlations: c, area: "VISl", layer: "block.1", file: "l.npy", maximumFrames: size)
        #expect(rdm.entry.frames == size && rdm.entry.sourceFrames == n && rdm.entry.isDownsampled)
        var k = 0
        for bi in 0..<size {
            for bj in (bi + 1)..<size {
                var sum = 0.0, count = 0
                for a in 0..<n where a * size / n == bi {
                    for b in 0..<n where b * size / n == bj {
                        let d = 1 - c.correlations[a, b]
                        if d.isFinite { sum += d; count += 1 }
                    }
                }
                #expect(count > 0)
                #expect(abs(Double(rdm.triangle[k]) - sum / Double(count)) < 1e-6, "cell \(bi), \(bj)")
                k += 1
            }
        }
        // Without downsampling, the silent frame's distances are NaN.
        let full = FrameRDM(correlations: c, area: "VISl", layer: nil, file: "f.npy")
        #expect(full.triangle.filter(\.isNaN).count == n - 1)
    }
}
