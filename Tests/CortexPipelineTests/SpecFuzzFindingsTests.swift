import CortexPipeline
import Foundation
import Testing

/// Spec inputs found by `cortex-fuzz spec` that trapped: each is now an invalid-spec error.
@Suite("Batch specs: fuzzing findings")
struct SpecFuzzFindingsTests {
    static let directory = FileManager.default.temporaryDirectory

    /// YAML 1.1 base-60 numbers overflowing Int trapped inside Yams' constructor.
    @Test("a base-60 number is not an integer, even one that overflows", arguments: [
        "seed: 184467440737095516:15", "seed: 1:30", "metrics: [{kind: tsrsa, lags: 99999999999999999:1}]",
    ])
    func sexagesimal(line: String) {
        let yaml = "responses: [responses.h5]\nmodels:\n  - features: f.h5\nmetrics: [{kind: rsa}]\n\(line)\n"
            .replacingOccurrences(of: "metrics: [{kind: rsa}]\nmetrics", with: "metrics")
        do {
            _ = try BatchSpec(yaml: yaml, file: "fuzz.yaml", directory: Self.directory)
            Issue.record("accepted \(line)")
        } catch let PipelineError.invalidSpec(file, _, key, reason) {
            #expect(file == "fuzz.yaml" && !key.isEmpty && !reason.isEmpty)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
