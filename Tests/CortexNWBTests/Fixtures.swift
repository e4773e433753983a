import Foundation

/// Locates the committed NWB fixtures (written by pynwb, `scripts/make_nwb_fixtures.py`) and the
/// expected values computed from them with h5py + numpy (`scripts/reference/nwb_reference_counts.py`).
enum Fixtures {
    /// The `Fixtures/` folder beside this file.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures", isDirectory: true)

    /// A fixture file by name.
    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// The NWB 2.x layout session (per-stimulus presentation tables).
    static var sessionA: URL { url("session-a.nwb") }
    /// The old layout session (one epochs table, manual_structure_acronym, units/electrodes region).
    static var sessionB: URL { url("session-b-epochs.nwb") }

    /// The reference values, decoded once.
    static let reference: NWBReference = {
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(NWBReference.self, from: Data(contentsOf: url("nwb_reference.json")))
        } catch {
            fatalError("Fixtures/nwb_reference.json cannot be decoded: \(error)")
        }
    }()

    /// A fresh temporary directory for files written by a test.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("cortexkit-nwb-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// `nwb_reference.json`.
struct NWBReference: Decodable {
    let sessionA: SessionReference
    let sessionB: SessionReference
    let ophysNWB1: OphysReference
    let ophysNWB2: OphysReference

    enum CodingKeys: String, CodingKey {
        case sessionA = "session-a.nwb"
        case sessionB = "session-b-epochs.nwb"
        case ophysNWB1 = "ophys-nwb1.nwb"
        case ophysNWB2 = "ophys-nwb2.nwb"
    }
}

/// The expected values of one session (natural_movie_one, every unit, half-open bins).
struct SessionReference: Decodable {
    struct Bins: Decodable {
        /// units × bins: counts summed over repeats.
        let trialSum: [[Int]]
        /// repeats × 3 × bins: the counts of the first three units.
        let trialsFirstUnits: [[[Int]]]
    }

    let unitIds: [Int64]
    let areas: [String]
    let repeatCount: Int
    let frameCount: Int
    let totalTime: Double
    let bins1: Bins
    let bins2: Bins
    let movieSpikeTotals: [Int]
    let rates: [Double]
    let allenDefaultIds: [Int64]
    let minRateIds: [Int64]
    let minRate: Double
    let idsByArea: [String: [Int64]]
    let boundarySpikes: Int
}

/// Expected per-frame mean dF/F: repeats × ROIs × frames and its trial average.
struct OphysReference: Decodable {
    let trials: [[[Double]]]
    let average: [[Double]]
}
