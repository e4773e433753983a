import CortexKit

/// How the command line spells the library's ``ErrorHint``s: library option names become flags and
/// case names become flag values — the one place that knows both vocabularies, so commands never
/// edit a library error's text.
///
/// ```
/// .option(name: "ZeroVariancePolicy", values: ["dropFrame", "propagate"])
///     → "use --zero-variance drop-frame or propagate"
/// .omitOption(name: "MatrixOrientation")   (with ["MatrixOrientation": "--transpose-b"])
///     → "drop --transpose-b"
/// ```
enum HintSpelling {
    /// A library option's flag and how its case names are written as flag values.
    struct Flag {
        var name: String
        var value: @Sendable (String) -> String
    }

    /// Library options with one flag whatever the command.
    static let flags: [String: Flag] = [
        String(describing: ZeroVariancePolicy.self): flag("--zero-variance", values: ZeroVariancePolicy.self),
    ]

    /// A flag whose values are the raw values of a CLI enum with the library's case names.
    static func flag<Values: CaseIterable & RawRepresentable<String>>(_ name: String, values: Values.Type) -> Flag {
        let spellings = Dictionary(Values.allCases.map { ("\($0)", $0.rawValue) }, uniquingKeysWith: { first, _ in first })
        return Flag(name: name) { caseName in spellings[caseName] ?? caseName }
    }

    /// The hint as the command line says it. `overrides` names flags that depend on the command
    /// (e.g. `MatrixOrientation` → `--transpose-b` for the second matrix); options without a
    /// flag keep the library's wording.
    static func text(_ hint: ErrorHint, overrides: [String: String] = [:]) -> String {
        func flag(_ option: String) -> Flag? {
            overrides[option].map { Flag(name: $0) { $0 } } ?? flags[option]
        }
        switch hint {
        case let .option(name, values):
            guard let flag = flag(name) else { return hint.description }
            let spelled = values.map(flag.value)
            let list = spelled.count > 1 ? spelled.dropLast().joined(separator: ", ") + " or " + spelled.last! : spelled.joined()
            return "use \(flag.name) \(list)"
        case let .omitOption(name):
            guard let flag = flag(name) else { return hint.description }
            return "drop \(flag.name)"
        }
    }

    /// An error's one-line message with its hint, if any, in parentheses: `message (hint)`.
    static func message(for error: any Error, overrides: [String: String] = [:]) -> String {
        let text = FoundationErrorText.message(for: error) ?? String(describing: error).replacingOccurrences(of: "\n", with: " ")
        guard let hinted = error as? any HintedError, let hint = hinted.hint else { return text }
        // An override of "" means the command has no such option (e.g. --zero-variance is TSRSA's
        // only): no advice rather than advice the command would refuse.
        if case let .option(name, _) = hint, overrides[name] == "" { return text }
        return "\(text) (\(Self.text(hint, overrides: overrides)))"
    }
}
