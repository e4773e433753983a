/// The rectangle (in pixels) inside a figure where data are drawn.
struct PlotArea: Hashable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var right: Double { x + width }
    var bottom: Double { y + height }
}
