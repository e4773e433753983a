/// Stroke pattern of a line series (e.g. solid for feedforward, dashed for recurrent models).
public enum LineStyle: Sendable, Hashable, CaseIterable {
    case solid
    case dashed
    case dotted

    /// The SVG `stroke-dasharray` value, or `nil` for a solid line.
    var dashArray: String? {
        switch self {
        case .solid: return nil
        case .dashed: return "6 4"
        case .dotted: return "2 3"
        }
    }
}
