import CortexNumerics
import Foundation

/// Committed reference values from `scripts/reference/similarity_reference.py`
/// (numpy 2.4.6, scipy 1.17.1, rsatoolbox 0.3.2), in `Fixtures/similarity.json`.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures", isDirectory: true)

    struct RDMCase: Decodable {
        let name: String
        let x: [[Double]]
        let squaredEuclideanPerChannel, correlation, euclidean, cosine: [Double]
    }
    struct ComparisonCase: Decodable {
        let name: String
        let a, b: [Double]
        let spearmanAverage, pearson, kendallTauB, kendallTauA, rhoA, cosine: Double
        let scipySpearman, scipyKendallTauB, bruteTauA, spearmanOrdinal: Double
    }
    struct TSRSACase: Decodable {
        let name: String
        let model, brain: [[Double]]
        let studyOrdinal, spearmanAverage, pearson, kendallTauB: Double
        let studyOrdinalTiesSnapped, spearmanAverageTiesSnapped, kendallTauBTiesSnapped: Double
    }
    struct CKACase: Decodable {
        let name: String
        let x, y: [[Double]]
        let linear, linearFeatureSpace, rbf1, rbf05, debiasedLinear, debiasedRbf1: Double
    }
    struct CCACase: Decodable {
        let name: String
        let x, y: [[Double]]
        let k: Int
        let svccaK, svccaAll, pwccaK, pwccaAll, procrustesSimilarity, procrustesDistance: Double
        let ridgeCV5, ridgeCV3Alpha10, ridgeInSampleR2: Double
    }
    struct CrossnobisCase: Decodable {
        let name: String
        let partitions: [[[Double]]]
        let precision: [[Double]]
        let identity, withPrecision: [Double]
    }
    struct Reference: Decodable {
        let rsatoolbox: String
        let rdms: [RDMCase]
        let comparisons: [ComparisonCase]
        let tsrsa: [TSRSACase]
        let cka: [CKACase]
        let cca: [CCACase]
        let crossnobis: [CrossnobisCase]
    }

    static func reference() throws -> Reference {
        try JSONDecoder().decode(Reference.self, from: Data(contentsOf: directory.appendingPathComponent("similarity.json")))
    }

    /// A fresh temporary directory for a test's files.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("cortexkit-similarity-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Test helpers.
func matrix(_ rows: [[Double]]) -> NDArray<Double> { NDArray(rowArrays: rows) }

func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

/// n × p standard normal matrix from a seed.
func gaussian(_ n: Int, _ p: Int, seed: UInt64) -> NDArray<Double> {
    var rng = SplittableRandom(seed: seed)
    return NDArray<Double>.normal(shape: [n, p], using: &rng)
}

/// Random orthogonal p × p matrix (Q of a Gaussian matrix via SVD: U·Vᵀ).
func randomOrthogonal(_ p: Int, seed: UInt64) throws -> NDArray<Double> {
    let svd = try LinearAlgebra.svd(gaussian(p, p, seed: seed))
    return LinearAlgebra.matmul(svd.u!, svd.vt!)
}
