import Foundation

/// Locates the committed HDF5 fixtures, written by h5py from `scripts/reference/make_hdf5_fixtures.py`.
enum Fixtures {
    /// The `Fixtures/` folder beside this file.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures", isDirectory: true)

    /// A fixture file by name, e.g. `Fixtures.url("numeric.h5")`.
    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// The values the script wrote, decoded once.
    static let expected: ExpectedValues = {
        do {
            return try JSONDecoder().decode(ExpectedValues.self, from: Data(contentsOf: url("expected.json")))
        } catch {
            fatalError("Fixtures/expected.json cannot be decoded: \(error)")
        }
    }()

    /// A fresh temporary directory for a test's outputs.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("cortexkit-hdf5-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
