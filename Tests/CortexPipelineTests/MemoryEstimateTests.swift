import CortexPipeline
import CortexSimilarity
import Testing

/// The memory a feature-file comparison needs is estimated before any layer is read and refused
/// over the plan's budget, naming the widest layer (issue 12: a memory estimate before work starts).
@Suite("memory estimate before a comparison")
struct MemoryEstimateTests {
    let layers = [FeatureFile.Layer(name: "conv1", depth: 0, unitShape: [8, 16, 16]),
                  FeatureFile.Layer(name: "fc", depth: 1, unitShape: [10])]

    @Test("a metric holding the layer needs frames × widest units × 16 bytes and more; refused over the budget")
    func holdsLayer() throws {
        let plan = ComparisonPlan(metric: MetricChoice(.ckaLinear).entry, budget: MemoryBudget(bytes: 16 << 20))
        // Grams (6 + 8) × 300² × 8 ≈ 10 MB, + 300 frames × 2048 units × 8 bytes × 2 ≈ 9.8 MB > 16 MB
        do {
            try plan.checkMemory(frames: 300, areas: 6, layers: layers, of: "f.h5")
            Issue.record("accepted")
        } catch let PipelineError.memoryBudgetExceeded(needed, budget, detail) {
            #expect(needed >= 14 * 300 * 300 * 8 + 300 * 2048 * 16 && budget == 16 << 20)
            #expect(detail.contains("conv1") && detail.contains("2048 units") && detail.contains("f.h5"), "\(detail)")
        }
        try ComparisonPlan(metric: MetricChoice(.ckaLinear).entry, budget: MemoryBudget(bytes: 32 << 20))
            .checkMemory(frames: 300, areas: 6, layers: layers, of: "f.h5")
    }

    @Test("TSRSA streams the layer: only the Gram matrices count, unless statistics hold the best layers")
    func streamed() throws {
        let budget = MemoryBudget(bytes: 24 << 20)       // Grams and a column block ≈ 19 MB fit; + the layer held twice does not
        try ComparisonPlan(metric: MetricChoice(.tsrsa).entry, budget: budget)
            .checkMemory(frames: 300, areas: 6, layers: layers, of: "f.h5")
        let withStatistics = ComparisonPlan(metric: MetricChoice(.tsrsa).entry,
                                            statistics: StatisticsOptions(bootstrap: 100), budget: budget)
        #expect(throws: PipelineError.self) {
            try withStatistics.checkMemory(frames: 300, areas: 6, layers: layers, of: "f.h5")
        }
    }

    @Test("an absurd layer shape cannot overflow the estimate into acceptance")
    func overflow() {
        let huge = [FeatureFile.Layer(name: "x", depth: 0, unitShape: [1 << 40, 1 << 40])]
        #expect(throws: PipelineError.self) {
            try ComparisonPlan(metric: MetricChoice(.ckaLinear).entry, budget: .standard)
                .checkMemory(frames: 899, areas: 1, layers: huge, of: "f.h5")
        }
    }
}
