import CortexPipeline
import Foundation
import Testing

@Suite("OptionLimits: one validation of numbers for the CLI and specs")
struct OptionLimitsTests {
    func spec(_ body: String) throws -> BatchSpec {
        try BatchSpec(yaml: "responses: [r.h5]\nmodels:\n  - {name: m, features: f.h5}\n" + body, file: "spec.yaml",
                      directory: URL(fileURLWithPath: "/tmp"))
    }

    func reason(_ body: String) -> String {
        do { _ = try spec(body); return "accepted" } catch { return "\(error)" }
    }

    @Test("integers are decimal (YAML 1.2): 010 and 0-3 are errors, not octal 8 and −3")
    func decimalIntegers() throws {
        #expect(OptionLimits.decimalInteger("010") == nil && OptionLimits.decimalInteger("0-3") == nil)
        #expect(OptionLimits.decimalInteger("-12") == -12 && OptionLimits.decimalInteger("0") == 0)
        #expect(OptionLimits.decimalInteger("0x1F") == nil && OptionLimits.decimalInteger("1e3") == nil)
        #expect(reason("seed: 010\n").contains("seed: expected a decimal integer ≥ 0, got \"010\""))
        #expect(try spec("seed: 10\n").seed == 10)
    }

    @Test("lags have one syntax everywhere: k or a...b; 0-3 is rejected with the expected form")
    func lags() throws {
        #expect(try OptionLimits.lags(parsing: "0...3") == 0...3)
        #expect(try OptionLimits.lags(parsing: "-2") == -2 ... -2)
        for bad in ["0-3", "3...1", "0..3", "a...b", "-9223372036854775808...9223372036854775807", "0...10001"] {
            #expect(throws: OptionLimits.Violation.self) { try OptionLimits.lags(parsing: bad) }
        }
        let message = reason("metrics:\n  - {kind: tsrsa, lags: 0-3}\n")
        #expect(message.contains("metrics[0].lags") && message.contains("a...b") && message.contains("got 0-3"), "\(message)")
        #expect(try spec("metrics:\n  - {kind: tsrsa, lags: 0...3}\n").metrics[0].lags == 0...3)
    }

    @Test("out-of-range numbers in specs are errors naming the key, not traps")
    func bounds() {
        #expect(reason("metrics:\n  - {kind: cka-rbf, rbf-threshold: -1}\n").contains("metrics[0].rbf-threshold"))
        #expect(reason("metrics:\n  - {kind: ridge, ridge-alpha: -1}\n").contains("metrics[0].ridge-alpha"))
        #expect(reason("statistics:\n  bootstrap: 9223372036854775807\n").contains("statistics.bootstrap"))
        #expect(reason("statistics:\n  permutations: 9223372036854775807\n").contains("statistics.permutations"))
        #expect(reason("statistics:\n  ceiling-splits: 9223372036854775807\n").contains("statistics.ceiling-splits"))
        let t = "models:\n  - {name: m, checkpoint: c.safetensors, movie: m.npy, T: 1000000000}\n"
        #expect(((try? BatchSpec(yaml: "responses: [r.h5]\n" + t, file: "spec.yaml", directory: URL(fileURLWithPath: "/tmp"))) == nil))
    }
}
