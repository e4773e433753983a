/// A Python literal value, as found in a `.npy` header (`ast.literal_eval` subset).
///
/// Only what headers use is modelled: strings, integers, booleans, `None`, tuples, lists and
/// dicts. Floats, bytes and complex literals are rejected by `PythonLiteralParser`.
enum PythonLiteral: Equatable, Sendable {
    case string(String)
    /// An integer that fits in `Int` (larger ones are a parse error).
    case integer(Int)
    case boolean(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    /// Key–value pairs in source order (keys may repeat; the last one wins, as in Python).
    case dict([(key: PythonLiteral, value: PythonLiteral)])

    /// Python's `repr`-like rendering, used in error messages.
    var pythonDescription: String {
        switch self {
        case .string(let s): return "'\(s)'"
        case .integer(let i): return String(i)
        case .boolean(let b): return b ? "True" : "False"
        case .none: return "None"
        case .tuple(let items):
            let inner = items.map(\.pythonDescription).joined(separator: ", ")
            return items.count == 1 ? "(\(inner),)" : "(\(inner))"
        case .list(let items): return "[" + items.map(\.pythonDescription).joined(separator: ", ") + "]"
        case .dict(let pairs):
            return "{" + pairs.map { "\($0.key.pythonDescription): \($0.value.pythonDescription)" }
                .joined(separator: ", ") + "}"
        }
    }

    static func == (lhs: PythonLiteral, rhs: PythonLiteral) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.boolean(let a), .boolean(let b)): a == b
        case (.none, .none): true
        case (.tuple(let a), .tuple(let b)), (.list(let a), .list(let b)): a == b
        case (.dict(let a), .dict(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }
}
