/// A file format's name and major version, as CortexKit files record them: `"<name>/<major>"`,
/// e.g. `cortexkit-responses/1`.
///
/// A reader knows the newest major version it understands; files of that or any older major
/// version are readable, a newer major version is refused with a message naming both versions
/// (a newer CortexKit wrote the file), and a different name is not this format at all.
///
/// ```swift
/// let responses = FormatVersion("cortexkit-responses", major: 1)
/// responses.compatibility(of: "cortexkit-responses/1")   // .readable(major: 1)
/// responses.compatibility(of: "cortexkit-responses/2")   // .newer(major: 2)
/// responses.compatibility(of: "something-else/1")        // .otherFormat
/// ```
public struct FormatVersion: Sendable, Hashable, CustomStringConvertible {
    /// The format's name, e.g. `cortexkit-features`.
    public let name: String
    /// The newest major version this CortexKit writes and reads.
    public let major: Int

    public init(_ name: String, major: Int) {
        precondition(major >= 1 && !name.contains("/"), "FormatVersion: bad format \(name)/\(major)")
        self.name = name
        self.major = major
    }

    /// `"<name>/<major>"`, as written into files.
    public var description: String { "\(name)/\(major)" }

    /// How a reader of this version treats a file that records `recorded`.
    public enum Compatibility: Sendable, Hashable {
        /// This format at `major` ≤ the reader's: read it (older majors stay readable).
        case readable(major: Int)
        /// This format at a newer major version than the reader knows.
        case newer(major: Int)
        /// Not this format (another name, or no `/<integer>` suffix).
        case otherFormat
    }

    /// Classifies a recorded format string.
    /// - Complexity: O(length of `recorded`).
    public func compatibility(of recorded: String) -> Compatibility {
        guard let slash = recorded.lastIndex(of: "/"), recorded[..<slash] == name,
              let found = Int(recorded[recorded.index(after: slash)...]), found >= 1 else { return .otherFormat }
        return found <= major ? .readable(major: found) : .newer(major: found)
    }
}
