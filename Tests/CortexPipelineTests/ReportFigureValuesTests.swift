import Testing
@testable import CortexPipeline

/// Values the report's figures show.
@Suite("Report figure values")
struct ReportFigureValuesTests {
    @Test("RDM percentiles: average ranks of the finite values scaled to 0…100 (scipy.stats.rankdata, method average)")
    func percentiles() {
        // rankdata([3, 1, 2, 2]) = [4, 1, 2.5, 2.5] → (rank − 1) / (n − 1) × 100
        #expect(ComparisonReport.percentiles([3, 1, 2, 2]) == [100, 0, 50, 50])
        let withMissing = ComparisonReport.percentiles([nil, 0.5, .nan, 0.25])
        #expect(withMissing[0].isNaN && withMissing[2].isNaN && withMissing[1] == 100 && withMissing[3] == 0)
        #expect(ComparisonReport.percentiles([7]) == [50])
    }

    @Test("one score scale: viridis over the range without negatives, symmetric blue–white–red with any")
    func scoreScale() {
        let positive = ComparisonReport.scoreScale([0.1, 0.4, .nan])
        #expect(positive.map == .viridis && positive.lower == 0.1 && positive.upper == 0.4)
        let mixed = ComparisonReport.scoreScale([-0.05, 0.3])
        #expect(mixed.map == .blueWhiteRed && mixed.lower == -0.3 && mixed.upper == 0.3)
    }

    @Test("model families from the recorded network, else the label")
    func families() {
        #expect(ModelFamily.of(network: "sew-resnet18-w8", label: "x") == .feedforward)
        #expect(ModelFamily.of(network: "lorafb-snet18-w16", label: "sew") == .recurrent)
        #expect(ModelFamily.of(network: nil, label: "Spikformer-2-64") == .transformer)
        #expect(ModelFamily.of(network: "my-net", label: "mine") == .other)
    }
}
