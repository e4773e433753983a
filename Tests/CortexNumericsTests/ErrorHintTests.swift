import Testing
import CortexNumerics

@Suite("Error hints in the library's own terms")
struct ErrorHintTests {
    @Test("an option hint lists the type's cases: one, two, or several")
    func optionDescriptions() {
        #expect(ErrorHint.option(name: "Policy", values: ["a"]).description == "choose Policy.a")
        #expect(ErrorHint.option(name: "Policy", values: ["a", "b"]).description == "choose Policy.a or .b")
        #expect(ErrorHint.option(name: "Policy", values: ["a", "b", "c"]).description == "choose Policy.a, .b or .c")
        #expect(ErrorHint.omitOption(name: "MatrixOrientation").description == "leave MatrixOrientation at its default")
    }

    struct Failure: HintedError {
        var hint: ErrorHint?
        var description: String { "it failed" }
    }

    @Test("hintedDescription is the description, then the hint in parentheses when there is one")
    func hintedDescription() {
        #expect(Failure(hint: nil).hintedDescription == "it failed")
        #expect(Failure(hint: .omitOption(name: "X")).hintedDescription == "it failed (leave X at its default)")
    }
}
