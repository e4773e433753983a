/// An output format of `ReportDirectoryWriter`.
public enum ReportFormat: Sendable, Hashable, CaseIterable {
    /// `report.html`: one self-contained page.
    case html
    /// `report.md` plus one `.svg` per figure beside it.
    case markdown
}
