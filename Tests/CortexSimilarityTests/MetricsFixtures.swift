import Foundation

/// Committed reference values from `scripts/reference/metrics_reference.py` (numpy 2.4.6, scipy
/// 1.17.1, scikit-learn 1.9.1, rsatoolbox 0.3.2), in `Fixtures/metrics.json`.
enum MetricsFixtures {
    struct Comparisons: Decodable {
        let spearman, kendallTauB, pearson, kendallTauA, rhoA, cosine: Double
    }
    struct CountsCase: Decodable {
        let name: String
        let repeats: Int
        let model, brain: [[Double]]
        let modelEuclidean, brainEuclidean: [Double]
        let distinctModel, distinctBrain: Int
        let euclidean: Comparisons
    }
    struct STSRSACase: Decodable {
        let name: String
        let model, brain: [[Double]]
        let modelRDM, brainRDM: [Double]
        let spearmanAverage: Double
        let studyOrdinal: Double?
    }
    struct RidgeStudyCase: Decodable {
        let name: String
        let model, brain: [[Double]]
        let pcaDims: Int
        let full, studyDefaultSolver, firstFrameDropped: Double
    }
    struct CCACase: Decodable {
        let name: String
        let x, y: [[Double]]
        let n, uncappedKx, uncappedKy, kx, ky, uncappedUnitCorrelations: Int
        let svcca, pwcca: Double
        let canonical: [Double]
    }
    struct Reference: Decodable {
        let sklearn: String
        let counts: [CountsCase]
        let stsrsa: [STSRSACase]
        let ridgeStudy: [RidgeStudyCase]
        let cca: [CCACase]
    }

    static func reference() throws -> Reference {
        try JSONDecoder().decode(Reference.self, from: Data(contentsOf: Fixtures.directory.appendingPathComponent("metrics.json")))
    }
}
