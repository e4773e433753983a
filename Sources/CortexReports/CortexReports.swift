/// CortexReports: self-contained figures (inline SVG) and documents (HTML, Markdown) for
/// similarity results. Knows nothing about NWB or models: it renders values it is given.
public enum CortexReports {}
