import Foundation

/// Locates committed test fixtures (reference values written by `scripts/reference/*.py`).
enum Fixtures {
    /// The `Fixtures/` folder beside this file.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures", isDirectory: true)

    /// A fixture file by name, e.g. `Fixtures.url("linalg/reference.json")`.
    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// A fresh temporary directory for a test's outputs.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("cortexkit-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Decodes a JSON fixture.
    static func json<T: Decodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: url(name)))
    }
}
