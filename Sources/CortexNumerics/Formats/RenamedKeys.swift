/// Decoding a keyed container whose keys were renamed: each key is looked up under its current
/// name and, when absent, under its old name, so files written before the rename still load.
///
/// Keep `CodingKeys` with the current names only (encoding writes those) and decode through this
/// in `init(from:)`:
///
/// ```swift
/// public init(from decoder: Decoder) throws {
///     let c = try RenamedKeys(decoder, CodingKeys.self, renamed: [.standardError: "standardError"])
///     standardError = try c.decodeIfPresent(Double.self, forKey: .standardError)
///     …
/// }
/// ```
public struct RenamedKeys<Key: CodingKey & Hashable> {
    private let container: KeyedDecodingContainer<AnyCodingKey>
    private let oldNames: [Key: String]

    /// - Parameters:
    ///   - renamed: the old name of each renamed key (keys not listed were never renamed).
    /// - Throws: `DecodingError` when the value is not a keyed container.
    public init(_ decoder: any Decoder, _ keys: Key.Type, renamed: [Key: String]) throws {
        container = try decoder.container(keyedBy: AnyCodingKey.self)
        oldNames = renamed
    }

    /// The name under which `key` is present: its current one, else its old one, else nil.
    private func present(_ key: Key) -> AnyCodingKey? {
        let current = AnyCodingKey(key.stringValue)
        if container.contains(current) { return current }
        if let old = oldNames[key].map(AnyCodingKey.init), container.contains(old) { return old }
        return nil
    }

    /// Whether `key` is present under either name.
    public func contains(_ key: Key) -> Bool { present(key) != nil }

    /// The value under the current or the old name.
    /// - Throws: `DecodingError.keyNotFound` naming the current key when neither is present, or the
    ///   value's decoding error.
    public func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try container.decode(type, forKey: present(key) ?? AnyCodingKey(key.stringValue))
    }

    /// The value under the current or the old name, or nil when neither is present (or it is null).
    public func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let name = present(key) else { return nil }
        return try container.decodeIfPresent(type, forKey: name)
    }
}
