/// The CSS inlined in every HTML report (no external fonts or files). Kept free of `<` and `&`
/// so the page also parses as XML.
enum HTMLStyleSheet {
    static let css = """
    body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; background: #fff;
           margin: 0; line-height: 1.45; }
    main { max-width: 1000px; margin: 0 auto; padding: 1.5em 2em 4em; }
    h1 { font-size: 1.8em; border-bottom: 2px solid #ddd; padding-bottom: 0.2em; }
    h2 { font-size: 1.4em; margin-top: 1.6em; border-bottom: 1px solid #eee; }
    h3, h4, h5, h6 { margin-top: 1.3em; }
    table { border-collapse: collapse; margin: 1em 0; font-size: 0.92em; }
    caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 0.3em; }
    th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; }
    th { background: #f3f3f3; }
    tbody tr:nth-child(even) { background: #fafafa; }
    td.number { font-variant-numeric: tabular-nums; }
    figure { margin: 1.5em 0; }
    figure svg { max-width: 100%; height: auto; }
    figcaption { font-size: 0.92em; color: #444; margin-top: 0.4em; }
    .provenance { background: #f7f7f7; border: 1px solid #e3e3e3; padding: 0.6em 1em; margin: 1em 0; }
    .provenance-label { font-weight: bold; margin-bottom: 0.2em; }
    pre { background: #272822; color: #f8f8f2; padding: 0.6em 0.8em; overflow-x: auto;
          white-space: pre-wrap; word-break: break-all; }
    .provenance td { font-family: "DejaVu Sans Mono", Menlo, monospace; font-size: 0.9em; word-break: break-all; }
    """
}
