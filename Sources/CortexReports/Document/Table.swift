/// A table: columns (header, alignment, number format) and rows of cells.
///
/// ```swift
/// let table = Table(caption: "Best layer per area",
///                   columns: [TableColumn("area"), TableColumn("layer"), .numeric("score")],
///                   rows: [["V1", "conv3", 0.412], ["LM", "conv4", .missing]])
/// ```
public struct Table: Sendable, Hashable {
    public var caption: String?
    public var columns: [TableColumn]
    public var rows: [[TableCell]]

    /// - Precondition: at least one column, and every row has one cell per column.
    public init(caption: String? = nil, columns: [TableColumn], rows: [[TableCell]]) {
        precondition(!columns.isEmpty, "Table: needs at least one column")
        for (index, row) in rows.enumerated() {
            precondition(row.count == columns.count,
                         "Table: row \(index) has \(row.count) cells for \(columns.count) columns")
        }
        self.caption = caption
        self.columns = columns
        self.rows = rows
    }

    /// The formatted plain text of every cell, row by row.
    public var formattedRows: [[String]] {
        rows.map { row in zip(row, columns).map { cell, column in cell.text(format: column.format) } }
    }
}
