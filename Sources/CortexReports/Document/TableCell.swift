/// One cell of a `Table`: text, a number (formatted by its column) or nothing.
public enum TableCell: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByFloatLiteral,
                       ExpressibleByIntegerLiteral {
    case text(String)
    case number(Double)
    /// No value (written as an em dash).
    case missing

    public init(stringLiteral value: String) { self = .text(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }

    /// The cell's plain text in a column with `format`.
    func text(format: NumberFormat) -> String {
        switch self {
        case .text(let text): return text
        case .number(let value): return format.string(value)
        case .missing: return "—"
        }
    }
}
