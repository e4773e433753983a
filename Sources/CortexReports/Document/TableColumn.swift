/// A table column: header, alignment, and the format of its numeric cells.
public struct TableColumn: Sendable, Hashable {
    public var header: String
    public var alignment: ColumnAlignment
    public var format: NumberFormat

    /// Numeric columns default to right alignment and three decimals.
    public init(_ header: String, alignment: ColumnAlignment = .left, format: NumberFormat = .fixed(digits: 3)) {
        self.header = header
        self.alignment = alignment
        self.format = format
    }

    /// A right-aligned numeric column.
    public static func numeric(_ header: String, format: NumberFormat = .fixed(digits: 3)) -> TableColumn {
        TableColumn(header, alignment: .right, format: format)
    }
}
