import CortexNumerics
import Foundation
import Testing
@testable import CortexSimilarity

@Suite("TSRSA with RDMs ranked once per side")
struct RankedDistancesTests {
    /// Frames × units with repeated frames (ties in the RDM) and optionally a silent frame.
    static func matrix(_ frames: Int, _ units: Int, seed: UInt64, silentFrame: Int? = nil) -> NDArray<Double> {
        var x = gaussian(frames, units, seed: seed)
        for u in 0..<units { x[5, u] = x[2, u] }                 // frame 5 duplicates frame 2: tied distances
        if let f = silentFrame { for u in 0..<units { x[f, u] = 1 } }
        return x
    }

    @Test("scores with ranked preparations equal the per-pair ranking bit for bit (both tie policies, lags, silent frames)",
          arguments: [TiePolicy.ordinal, .average])
    func equalsPerPairRanking(_ ties: TiePolicy) throws {
        for (lags, silent) in [(0...0, nil), (-2...2, nil), (0...0, 9), (-1...1, 9)] as [(ClosedRange<Int>, Int?)] {
            var options = TSRSAOptions()
            options.comparison = .spearman(ties: ties)
            options.lags = lags
            options.zeroVariance = .dropFrame
            let model = Self.matrix(40, 30, seed: 3, silentFrame: silent), brain = Self.matrix(40, 12, seed: 4)
            let m = try FrameCorrelations(source: model, dropsFirstFrame: true)
            let b = try FrameCorrelations(source: brain, dropsFirstFrame: true)
            let plain = try TSRSA.score(model: m, brain: b, options: options)
            let rm = m.ranked(for: options.comparison), rb = b.ranked(for: options.comparison)
            #expect((rm.fullRanks != nil) == (silent == nil) && rb.fullRanks?.ties == ties)
            let fast = try TSRSA.score(model: rm, brain: rb, options: options)
            #expect(fast.lagScores.map(\.score) == plain.lagScores.map(\.score), "lags \(lags) silent \(String(describing: silent))")
            #expect(fast.lagScores.allSatisfy { $0.score.isFinite })
        }
    }

    @Test("the metric prepares ranked values; ranks under another tie policy or comparison are not used")
    func metricPreparesRanks() throws {
        let x = Self.matrix(30, 20, seed: 8), y = Self.matrix(30, 9, seed: 9)
        let metric = TSRSAMetric()
        let (a, b) = (try metric.prepare(x), try metric.prepare(y))
        #expect(a.fullRanks?.ties == .ordinal && a.fullRanks?.ranks.count == 29 * 28 / 2)
        var average = TSRSAOptions()
        average.comparison = .spearman(ties: .average)
        var pearson = TSRSAOptions()
        pearson.comparison = .pearson
        for options in [average, pearson] {
            let unranked = try TSRSA.score(model: try FrameCorrelations(source: x, dropsFirstFrame: true),
                                           brain: try FrameCorrelations(source: y, dropsFirstFrame: true), options: options)
            #expect(try TSRSA.score(model: a, brain: b, options: options).score == unranked.score)
        }
        #expect(a.ranked(for: .pearson) == a)
    }
}
