/// Size and typography shared by every figure type. Sizes are in pixels (SVG user units).
///
/// ```swift
/// let options = FigureOptions(width: 800, height: 500, fontSize: 13)
/// ```
public struct FigureOptions: Sendable, Hashable {
    /// Total image width.
    public var width: Double
    /// Total image height.
    public var height: Double
    /// Base font size; titles are 1.25×, tick labels 0.9×.
    public var fontSize: Double
    /// Blank border around the whole figure.
    public var padding: Double

    /// - Precondition: width and height ≥ 120 px, font size > 0, padding ≥ 0.
    public init(width: Double = 640, height: Double = 400, fontSize: Double = 12, padding: Double = 10) {
        precondition(width >= 120 && height >= 120, "FigureOptions: figures need at least 120 × 120 px")
        precondition(fontSize > 0 && padding >= 0, "FigureOptions: invalid font size or padding")
        self.width = width
        self.height = height
        self.fontSize = fontSize
        self.padding = padding
    }

    /// Font size of tick labels.
    var tickFontSize: Double { fontSize * 0.9 }
    /// Font size of the figure title.
    var titleFontSize: Double { fontSize * 1.25 }
}
