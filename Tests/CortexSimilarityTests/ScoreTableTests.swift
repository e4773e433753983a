import Foundation
import Testing
@testable import CortexSimilarity

@Suite("Score tables")
struct ScoreTableTests {
    let table = ScoreTable(model: "net", metric: "TSRSA", layers: ["l1", "l2", "l3"], areas: ["VISp", "VISl"],
                           scores: [[0.2, 0.6], [0.5, 0.4], [0.5, .nan]], ceilings: [0.8, 0.75])

    @Test("best layer = max over layers (first on ties, NaN never wins); headline = mean over areas")
    func summaries() throws {
        #expect(table.best(area: "VISp")?.layer == "l2" && table.best(area: "VISp")?.score == 0.5)
        #expect(table.best(area: "VISl")?.layer == "l1" && table.best(area: "VISl")?.score == 0.6)
        #expect(table.meanOverAreas == 0.55)
        #expect(abs(try #require(table.percentOfCeiling(area: "VISp")) - 62.5) < 1e-12)
        #expect(abs(try #require(table.percentOfCeiling(area: "VISl")) - 80) < 1e-12)
        #expect(abs(try #require(table.meanPercentOfCeiling) - 71.25) < 1e-12)
        #expect(table[layer: "l3", area: "VISp"] == 0.5 && table[layer: "x", area: "VISp"] == nil)
        #expect(table.best(area: "VISam") == nil)
    }

    @Test("JSON round-trips and carries the derived summaries")
    func json() throws {
        let clean = ScoreTable(model: "net", metric: "CKA", layers: ["a", "b"], areas: ["VISp"], scores: [[0.1], [0.3]])
        let data = try JSONEncoder().encode(clean)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["mean_over_areas"] as? Double == 0.3)
        #expect((object["best"] as? [[String: Any]])?.first?["layer"] as? String == "b")
        #expect(try JSONDecoder().decode(ScoreTable.self, from: data) == clean)
    }
}
