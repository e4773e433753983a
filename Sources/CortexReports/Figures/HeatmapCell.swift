/// One cell of a ``Heatmap``, by row and column (from 0).
public struct HeatmapCell: Sendable, Hashable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}
