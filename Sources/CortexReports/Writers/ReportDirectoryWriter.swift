import Foundation

/// Writes a report into a directory: `report.html`, `report.md` and the figures' `.svg` files,
/// each atomically (`AtomicFileWriter`). Creates the directory if needed. Figure files are
/// written before the Markdown that links them. Files from earlier runs are not removed.
///
/// ```swift
/// let files = try ReportDirectoryWriter(directory: "/tmp/report").write(document)
/// files.html   // "/tmp/report/report.html"
/// ```
public struct ReportDirectoryWriter: Sendable {
    public var directory: String
    public var formats: Set<ReportFormat>
    /// Base name of the report files (`report` → `report.html`, `report.md`).
    public var baseName: String
    /// The size the standalone `.svg` figure files are laid out at (nil: the screen size of the
    /// HTML report).
    public var figureSize: FigureSize?

    /// - Precondition: `baseName` is a plain file name (no `/`, not `.` or `..`, not empty).
    public init(directory: String, formats: Set<ReportFormat> = Set(ReportFormat.allCases), baseName: String = "report",
                figureSize: FigureSize? = nil) {
        self.figureSize = figureSize
        precondition(!baseName.isEmpty && !baseName.contains("/") && baseName != "." && baseName != "..",
                     "ReportDirectoryWriter: base name must be a plain file name")
        self.directory = directory
        self.formats = formats
        self.baseName = baseName
    }

    /// Renders and writes `document`.
    /// - Throws: `ReportWriteError` when the directory cannot be created or a file not written.
    @discardableResult
    public func write(_ document: ReportDocument) throws -> ReportFiles {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportWriteError.directoryCreation(path: directory, message: "\(error)")
        }
        var files = ReportFiles(html: nil, markdown: nil, figures: [])
        if formats.contains(.markdown) {
            let markdown = MarkdownDocument(document)
            for figure in markdown.figureFiles(size: figureSize) {
                precondition(!figure.fileName.contains("/") && !figure.fileName.hasPrefix("."),
                             "ReportDirectoryWriter: unsafe figure file name \(figure.fileName)")
                let path = join(figure.fileName)
                try AtomicFileWriter.write(figure.svg, to: path)
                files.figures.append(path)
            }
            let path = join("\(baseName).md")
            try AtomicFileWriter.write(markdown.markdown, to: path)
            files.markdown = path
        }
        if formats.contains(.html) {
            let path = join("\(baseName).html")
            try AtomicFileWriter.write(HTMLDocument(document).html, to: path)
            files.html = path
        }
        return files
    }

    private func join(_ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
