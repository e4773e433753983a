@testable import CortexSimilarity
import Testing

@Suite("BestScore: the one best-layer rule")
struct BestScoreTests {
    @Test("highest finite score wins; first on ties; NaN and infinities never win; none finite gives nil")
    func rule() {
        #expect(BestScore.index(of: [0.2, .nan, 0.5, 0.5]) == 2)
        #expect(BestScore.index(of: [.nan, 0.1]) == 1)
        #expect(BestScore.index(of: [-0.3, -0.1, -0.2]) == 1)
        #expect(BestScore.index(of: [.infinity, 0.4]) == 1)
        #expect(BestScore.index(of: [Double.nan, .nan]) == nil)
        #expect(BestScore.index(of: [Double]()) == nil)
    }

    @Test("TSRSA's best lag follows the rule")
    func lagsAgree() {
        let lags = TSRSAResult(lagScores: [.init(lag: 0, score: .nan, frameCount: 9), .init(lag: 1, score: 0.2, frameCount: 9),
                                           .init(lag: 2, score: 0.2, frameCount: 9)],
                               zeroVarianceModelFrames: [], zeroVarianceBrainFrames: [])
        #expect(lags.best.lag == 1)
    }
}
