/// A floating-point type that any numeric `.npy` file can be converted to on read: `Float` or
/// `Double`.
///
/// `NPYFile.read(from:as:)` and `readRows(_:from:as:)` convert every supported dtype to it as
/// NumPy's `astype` does: integers are rounded to the nearest representable value (exact for
/// `Double` up to 2⁵³, for `Float` up to 2²⁴), `float64 → Float` rounds to nearest, and `bool`
/// becomes 0 or 1 — so a boolean mask or spike raster loads directly as numbers.
public protocol NPYFloatingPoint: NPYElement, BinaryFloatingPoint {}

extension Float: NPYFloatingPoint {}
extension Double: NPYFloatingPoint {}
