/// How `MatrixImage` draws its cells.
public enum MatrixRendering: Sendable, Hashable {
    /// SVG rectangles up to `maximumRectangles` cells per panel, an embedded PNG above.
    case automatic(maximumRectangles: Int)
    /// One `<rect class="pixel">` per cell (crisp, inspectable, large for big matrices).
    case rectangles
    /// One `<image class="matrix-png">` per panel holding a PNG data URI, one pixel per cell.
    case embeddedPNG

    /// The default: rectangles up to 48 × 48 cells.
    public static let standard = MatrixRendering.automatic(maximumRectangles: 48 * 48)

    /// Whether a panel of `cellCount` cells is drawn as a PNG.
    func usesPNG(cellCount: Int) -> Bool {
        switch self {
        case .automatic(let maximum): return cellCount > maximum
        case .rectangles: return false
        case .embeddedPNG: return true
        }
    }
}
