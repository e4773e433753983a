/// A titled group of blocks; the heading level is its nesting depth (the document title is level 1,
/// top-level sections level 2, down to level 6).
public struct ReportSection: Sendable {
    public var title: String
    public var blocks: [ReportBlock]

    public init(title: String, blocks: [ReportBlock]) {
        self.title = title
        self.blocks = blocks
    }
}
