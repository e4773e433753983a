/// A version of the `.npy` container format.
///
/// The versions differ only in the header prefix (NEP 1, numpy.lib.format):
///
/// | version | header length field | header text encoding |
/// |---------|---------------------|----------------------|
/// | 1.0     | 2-byte little-endian (≤ 65 535 bytes) | latin-1 |
/// | 2.0     | 4-byte little-endian  | latin-1 |
/// | 3.0     | 4-byte little-endian  | UTF-8   |
public enum NPYVersion: Sendable, Hashable, CaseIterable, Comparable {
    /// Format 1.0, written by NumPy whenever the header fits.
    case v1
    /// Format 2.0, for headers longer than 65 535 bytes.
    case v2
    /// Format 3.0, for headers that need UTF-8 (structured field names).
    case v3

    /// The major and minor numbers stored in bytes 6 and 7 of the file.
    public var number: (major: UInt8, minor: UInt8) {
        switch self {
        case .v1: (1, 0)
        case .v2: (2, 0)
        case .v3: (3, 0)
        }
    }

    /// The version with the given major and minor numbers, or `nil` if unknown.
    public init?(major: UInt8, minor: UInt8) {
        switch (major, minor) {
        case (1, 0): self = .v1
        case (2, 0): self = .v2
        case (3, 0): self = .v3
        default: return nil
        }
    }

    /// Bytes in the header-length field: 2 for version 1.0, 4 otherwise.
    var lengthFieldSize: Int { self == .v1 ? 2 : 4 }

    /// The largest header (text plus padding) this version can describe.
    var maximumHeaderLength: Int { self == .v1 ? Int(UInt16.max) : Int(UInt32.max) }
}
