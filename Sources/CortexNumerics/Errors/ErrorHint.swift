/// What a user can do about an error, as data rather than prose: the library names its *own*
/// option (a type and its case names), and each front end spells the hint its own way — the
/// command line as a flag (`--zero-variance drop-frame`), a script as the Swift value.
///
/// ```swift
/// let hint = ErrorHint.option(name: "ZeroVariancePolicy", values: ["dropFrame", "propagate"])
/// hint.description   // "choose ZeroVariancePolicy.dropFrame or .propagate"
/// ```
public enum ErrorHint: Sendable, Hashable, CustomStringConvertible {
    /// Set the library option `name` (a type, e.g. `ZeroVariancePolicy`) to one of `values`
    /// (its case names, e.g. `dropFrame`).
    case option(name: String, values: [String])
    /// Leave the library option `name` at its default: it does not apply to this input.
    case omitOption(name: String)

    /// The hint in the library's own terms, e.g. "choose ZeroVariancePolicy.dropFrame or .propagate".
    public var description: String {
        switch self {
        case let .option(name, values):
            let cases = values.enumerated().map { index, value in index == 0 ? "\(name).\(value)" : ".\(value)" }
            return "choose " + Self.list(cases, conjunction: "or")
        case let .omitOption(name):
            return "leave \(name) at its default"
        }
    }

    /// "a", "a or b", "a, b or c".
    static func list(_ items: [String], conjunction: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
    }
}
