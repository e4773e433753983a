/// One piece of a report. Text is plain (never markup): writers escape it for their format.
public enum ReportBlock: Sendable {
    /// A titled section containing further blocks; nesting sets the heading level.
    case section(ReportSection)
    /// A paragraph of plain text.
    case paragraph(String)
    /// A bulleted list of plain-text items.
    case list([String])
    /// A table of values.
    case table(Table)
    /// A figure with a caption.
    case figure(ReportFigure)
    /// How the results were produced (inputs, versions, options, seeds, command).
    case provenance(Provenance)
}
