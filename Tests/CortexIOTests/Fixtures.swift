import Foundation

/// Locates committed test fixtures (the `.npy` files `scripts/reference/make_npy_fixtures.py` writes).
enum Fixtures {
    /// The `Fixtures/` folder beside this file.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures", isDirectory: true)

    /// A fixture file by name, e.g. `Fixtures.url("npy/float64_c.npy")`.
    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// A fresh temporary directory for a test's outputs.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("cortexkit-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
