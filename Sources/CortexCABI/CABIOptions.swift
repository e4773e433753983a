import CortexKit
import Foundation

/// The keyword options of a call, from the JSON object the caller passes (`{"ties": "average",
/// "lags": "-3...3", "permutations": 99}`): typed reads that name the option on a wrong type or
/// value, and a final check that every option given was used, so a misspelt keyword is an error.
struct CABIOptions {
    /// One option's JSON value.
    enum Value: Decodable, CustomStringConvertible {
        case bool(Bool), int(Int), double(Double), text(String), null, other

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let i = try? c.decode(Int.self) { self = .int(i) }
            else if let d = try? c.decode(Double.self) { self = .double(d) }
            else if let t = try? c.decode(String.self) { self = .text(t) }
            else { self = .other }
        }

        var description: String {
            switch self {
            case .bool(let b): b ? "True" : "False"
            case .int(let i): String(i)
            case .double(let d): String(d)
            case .text(let t): "\"\(t)\""
            case .null: "None"
            case .other: "a list or mapping"
            }
        }
    }

    private var values: [String: Value]
    private var used: Set<String> = []

    /// Parses `json` (NULL or empty: no options).
    init(json: String?) throws {
        guard let json, !json.isEmpty else { values = [:]; return }
        guard let object = try? JSONDecoder().decode([String: Value].self, from: Data(json.utf8)) else {
            throw CABIError("options: not a JSON object: \(json)")
        }
        values = object.filter { if case .null = $0.value { false } else { true } }
    }

    mutating func string(_ key: String) throws -> String? {
        guard let value = take(key) else { return nil }
        guard case .text(let text) = value else { throw CABIError("\(key): expected text, got \(value)") }
        return text
    }

    mutating func bool(_ key: String) throws -> Bool? {
        guard let value = take(key) else { return nil }
        guard case .bool(let flag) = value else { throw CABIError("\(key): expected True or False, got \(value)") }
        return flag
    }

    mutating func int(_ key: String) throws -> Int? {
        guard let value = take(key) else { return nil }
        switch value {
        case .int(let i): return i
        case .double(let d) where Int(exactly: d) != nil: return Int(exactly: d)!
        default: throw CABIError("\(key): expected an integer, got \(value)")
        }
    }

    mutating func double(_ key: String) throws -> Double? {
        guard let value = take(key) else { return nil }
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: throw CABIError("\(key): expected a number, got \(value)")
        }
    }

    /// A value spelled as one of an enum's raw values, naming the allowed ones when it is not.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) throws -> T? where T.RawValue == String {
        guard let text = try string(key) else { return nil }
        guard let value = T(rawValue: text) else {
            throw CABIError("\(key): unknown value \"\(text)\" (one of " + T.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        return value
    }

    /// Throws when an option was given that no read used.
    func requireAllUsed(known: String) throws {
        let unused = Set(values.keys).subtracting(used).sorted()
        guard unused.isEmpty else {
            throw CABIError("unknown option" + (unused.count > 1 ? "s " : " ") + unused.joined(separator: ", ") + " (\(known))")
        }
    }

    private mutating func take(_ key: String) -> Value? {
        used.insert(key)
        return values[key]
    }
}
