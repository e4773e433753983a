/// Horizontal alignment of a table column.
public enum ColumnAlignment: Sendable, Hashable, CaseIterable {
    case left
    case center
    case right

    /// The CSS `text-align` value.
    var css: String {
        switch self {
        case .left: return "left"
        case .center: return "center"
        case .right: return "right"
        }
    }

    /// The Markdown (GFM) delimiter-row cell.
    var markdownDelimiter: String {
        switch self {
        case .left: return ":---"
        case .center: return ":---:"
        case .right: return "---:"
        }
    }
}
