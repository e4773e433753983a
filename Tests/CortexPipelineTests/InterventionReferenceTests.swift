import CortexNumerics
import CortexSimilarity
import Foundation
import Testing
@testable import CortexPipeline

/// Layer outputs given directly (a test double of the kept outputs of a network run).
struct GivenLayers: KeptLayers {
    var matrices: [String: CompactRowMatrix]
    func matrix(of name: String) throws -> CompactRowMatrix { matrices[name]! }
}

@Suite("Clip intervention against the study's rule (numpy reference)")
struct InterventionReferenceTests {
    struct Fixture: Decodable {
        var layers: [String: [[Double]]]
        var layerOrder: [String]
        var areaOrder: [String]
        var areas: [String: [[Double]]]
        var length: Int
        var starts: [Int]
        var expected: [[Double]]
        enum CodingKeys: String, CodingKey {
            case layers, areas, length, starts, expected, layerOrder = "layer_order", areaOrder = "area_order"
        }
    }

    static func fixture() throws -> Fixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/intervention_clips.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    @Test("clips: frame 0 dropped, clip j = scored frames s_j … s_j + L − 1, TSRSA averaged over clips (study: ordinal ties)")
    func clipsMatchReference() throws {
        let f = try Self.fixture()
        var matrices: [String: CompactRowMatrix] = [:]
        for (name, rows) in f.layers {
            var m = CompactRowMatrix(columns: rows[0].count, expectedRows: rows.count)
            m.append(rows: rows.count, contentsOf: rows.flatMap { $0.map(Float.init) })
            matrices[name] = m
        }
        let brain = f.areaOrder.map { name in
            let rows = f.areas[name]!
            return NDArray<Double>(shape: [rows.count, rows[0].count], scalars: rows.flatMap { $0 })
        }
        let plan = ComparisonPlan(metric: MetricChoice.studyTSRSA.entry)
        #expect(plan.metricDropsFirstFrame)
        let table = try plan.clipsTable(GivenLayers(matrices: matrices), starts: f.starts, length: f.length,
                                        layers: f.layerOrder, brain: brain)
        for (mine, reference) in zip(table.flatMap { $0 }, f.expected.flatMap { $0 }) {
            #expect(abs(mine - reference) <= 1e-12, "\(mine) vs \(reference)")
        }
        // A metric that keeps frame 0 takes the clips from frame 0 on: a different table.
        var keep = MetricChoice.studyTSRSA
        keep.dropFirstFrame = false
        let shifted = try ComparisonPlan(metric: keep.entry).clipsTable(GivenLayers(matrices: matrices), starts: f.starts,
                                                                        length: f.length, layers: f.layerOrder, brain: brain)
        #expect(shifted != table)
    }
}
