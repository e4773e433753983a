/// Paths written by `ReportDirectoryWriter`.
public struct ReportFiles: Sendable, Hashable {
    /// The HTML page, if written.
    public var html: String?
    /// The Markdown file, if written.
    public var markdown: String?
    /// The figure files (Markdown format only), in document order.
    public var figures: [String]
}
