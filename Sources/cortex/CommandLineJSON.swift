import Foundation

/// How the command line writes JSON, in one place: `Codable` result values, keys in snake_case
/// (Swift's camelCase property names converted: `unitsA` → `units_a`, `pValue` → `p_value`), sorted,
/// slashes unescaped, and non-finite numbers as `null` (through ``JSONNumber``) so a NaN score
/// never fails the output.
enum CommandLineJSON {
    /// Style of the output.
    enum Layout { case oneLine, indented }

    /// The encoder every command uses.
    static func encoder(_ layout: Layout) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = layout == .oneLine ? [.sortedKeys, .withoutEscapingSlashes]
                                                 : [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return encoder
    }

    /// Prints `value` as JSON on stdout.
    static func print<T: Encodable>(_ value: T, layout: Layout = .oneLine) throws {
        Swift.print(String(decoding: try encoder(layout).encode(value), as: UTF8.self))
    }
}

/// A number in command-line JSON: finite values as numbers, NaN and infinities as `null`.
struct JSONNumber: Encodable {
    var value: Double
    init(_ value: Double) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
    }
}
