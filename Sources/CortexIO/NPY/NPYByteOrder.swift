/// The order of bytes within one element of a `.npy` file.
///
/// Files written by NumPy on x86 and ARM machines are little-endian (`'<'`); big-endian files
/// (`'>'`) come from `astype('>f8')` or old big-endian machines and are byte-swapped on read.
public enum NPYByteOrder: Sendable, Hashable, CaseIterable {
    /// Least significant byte first (`'<'`).
    case little
    /// Most significant byte first (`'>'`).
    case big

    /// The byte order of the machine running this code.
    public static var native: NPYByteOrder {
        1.littleEndian == 1 ? .little : .big
    }

    /// Whether data in this order must be byte-swapped to be used on this machine.
    var needsSwap: Bool { self != .native }
}
