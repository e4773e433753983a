/// The content of a report, independent of output format: a title and a list of blocks.
///
/// `HTMLDocument` and `MarkdownDocument` both render this one model, so the two outputs cannot
/// drift apart; each writer does its own escaping. See `CortexReports` for a complete example.
public struct ReportDocument: Sendable {
    public var title: String
    public var blocks: [ReportBlock]

    public init(title: String, blocks: [ReportBlock] = []) {
        self.title = title
        self.blocks = blocks
    }

    /// Every figure in document order, depth-first through sections.
    public var figures: [ReportFigure] {
        func collect(_ blocks: [ReportBlock]) -> [ReportFigure] {
            blocks.flatMap { block -> [ReportFigure] in
                switch block {
                case .figure(let figure): return [figure]
                case .section(let section): return collect(section.blocks)
                default: return []
                }
            }
        }
        return collect(blocks)
    }
}
