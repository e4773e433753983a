import CortexKit
import Foundation
import Testing

/// docs/formats.md: its Python examples write response, feature and checkpoint files with h5py
/// (plain Python for safetensors) and its `cortex` commands read them and print what it says —
/// including the refusals of files with a missing piece, which name it and point to the document.
@Suite("docs/formats.md examples")
struct FormatsDocumentTests {
    static let document = Walkthrough.directory.deletingLastPathComponent().appendingPathComponent("docs/formats.md")

    @Test("every example of docs/formats.md runs and the commands print what it says")
    func examples() throws {
        let document = try Walkthrough(url: Self.document)
        #expect(document.steps.filter { $0.command.hasPrefix("python3 - <<") }.count >= 5, "the document lost its Python examples")
        try WalkthroughTests.run(document)
    }

    @Test("the document lists every piece the readers require")
    func documentedPieces() throws {
        let text = try String(contentsOf: Self.document, encoding: .utf8)
        let names = ResponseFile.requiredAttributes.map(\.name) + FeatureFile.requiredAttributes.map(\.name)
        for name in names {
            #expect(text.contains("| `\(name)` |"), "docs/formats.md does not list the required attribute \(name)")
        }
        for name in ResponseFile.requiredAreaDatasets.map(\.name) {
            #expect(text.contains("`/<AREA>/\(name)`"), "docs/formats.md does not list the area dataset \(name)")
        }
        #expect(text.contains("`/<layer>/features`"))
    }
}
