/// A figure placed in a report: the SVG figure and a caption.
///
/// HTML output inlines the SVG; Markdown output writes it to a file named from the figure's
/// title (see `FigureFileNames`) and links it.
public struct ReportFigure: Sendable {
    public var figure: any SVGFigure
    public var caption: String

    public init(_ figure: any SVGFigure, caption: String = "") {
        self.figure = figure
        self.caption = caption
    }

    /// The figure's title.
    public var title: String { figure.title }
}
