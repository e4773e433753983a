import Foundation
import Testing
@testable import CortexReports

@Suite("Figure file names and writing report directories")
struct FileWritingTests {
    /// A fresh empty directory under the system temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "cortex-reports-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("hostile titles give plain, unique names that stay in the directory")
    func hostileNames() {
        let titles = ["../../etc/passwd", "a/b", "", "", "..", "Model A", "model a", "model-a", "\u{01}\u{1b}[31m",
                      "C:\\windows\\x", String(repeating: "long ", count: 40), "Model A"]
        let names = FigureFileNames.names(for: titles)
        #expect(names.count == titles.count)
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(name.hasSuffix(".svg"))
            #expect(!name.contains("/") && !name.contains("\\") && !name.contains(".."))
            #expect(name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." })
            #expect(name.count <= FigureFileNames.maximumStemLength + "figure-12-.svg".count)
            #expect(!name.hasPrefix(".") && !name.hasPrefix("-") && !name.contains("--"))
        }
        #expect(names[0] == "figure-01-etc-passwd.svg" && names[1] == "figure-02-a-b.svg" && names[2] == "figure-03.svg")
        #expect(names[5] == "figure-06-model-a.svg" && names[6] == "figure-07-model-a.svg" && names[7] == "figure-08-model-a.svg")
        // A long title is cut at a word boundary, never mid-word.
        #expect(names[10] == "figure-11-" + Array(repeating: "long", count: 20).joined(separator: "-") + ".svg")
        #expect(names == FigureFileNames.names(for: titles))
    }

    @Test("a long report title is cut before its metric and response set, which stay in the name")
    func cutKeepsComparison() {
        let stem = "lorafb-snet18-w8-discontinuous: frame RDMs, VISp and layer recurrent_layer1.sub_module.1"
        let names = FigureFileNames.names(for: [stem + " · tsrsa · neuropixels", stem + " · tsrsa · 2p"])
        #expect(names[0] == "figure-1-lorafb-snet18-w8-discontinuous-frame-rdms-visp-and-layer-recurrent-layer1-sub-tsrsa-neuropixels.svg")
        #expect(names[1] == "figure-2-lorafb-snet18-w8-discontinuous-frame-rdms-visp-and-layer-recurrent-layer1-sub-module-1-tsrsa-2p.svg")
        for name in names {
            #expect(name.count - "figure-1-.svg".count <= FigureFileNames.maximumStemLength)
        }
        // Titles that fit are not cut.
        #expect(FigureFileNames.stem(for: "Best layer per area · tsrsa · 2p") == "best-layer-per-area-tsrsa-2p")
    }

    @Test("the directory writer writes html, md and every linked SVG inside the directory")
    func writeDirectory() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var document = SampleReport.document
        let hostileFigure = Heatmap(title: "../../etc/passwd", rowLabels: ["a"], columnLabels: ["b"],
                                    values: .init(shape: [1, 1], scalars: [1]))
        document.blocks += [.figure(ReportFigure(hostileFigure)), .figure(ReportFigure(hostileFigure))]
        let files = try ReportDirectoryWriter(directory: directory + "/nested/out").write(document)
        let out = directory + "/nested/out"
        #expect(files.html == out + "/report.html" && files.markdown == out + "/report.md")
        #expect(files.figures.count == 8)
        let listing = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(listing.count == 10)
        #expect(!listing.contains { $0.hasPrefix(".") }, "temporary files left behind: \(listing)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/etc"))
        let markdown = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        let links = markdown.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("!["), let open = line.lastIndex(of: "("), line.hasSuffix(")") else { return nil }
            return String(line[line.index(after: open)..<line.index(before: line.endIndex)])
        }
        #expect(links.count == 8)
        for link in links {
            let path = out + "/" + link
            #expect(FileManager.default.fileExists(atPath: path), "missing \(link)")
            let svg = try String(contentsOfFile: path, encoding: .utf8)
            #expect(XMLInspection(svg) != nil, "\(link) is not well-formed")
        }
        #expect(links.contains("figure-7-etc-passwd.svg") && links.contains("figure-8-etc-passwd.svg"), "\(links)")
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html == HTMLDocument(document).html)
        let attributes = try FileManager.default.attributesOfItem(atPath: out + "/report.html")
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
    }

    @Test("atomic writes replace existing files and fail cleanly in a missing directory")
    func atomicWrite() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/x.txt"
        try AtomicFileWriter.write("first", to: path)
        try AtomicFileWriter.write("second", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["x.txt"])
        #expect(throws: ReportWriteError.self) { try AtomicFileWriter.write("x", to: directory + "/missing/x.txt") }
    }

    @Test("an output path blocked by a file gives a directory-creation error")
    func blockedDirectory() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try AtomicFileWriter.write("not a directory", to: directory + "/file")
        #expect(throws: ReportWriteError.self) {
            try ReportDirectoryWriter(directory: directory + "/file/report").write(SampleReport.document)
        }
    }

    @Test("the sample report renders completely (to CORTEX_REPORT_SAMPLE_DIR when set, to look at)")
    func sample() throws {
        let keep = ProcessInfo.processInfo.environment["CORTEX_REPORT_SAMPLE_DIR"]
        let target = try keep ?? Self.temporaryDirectory()
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: target) } }
        let files = try ReportDirectoryWriter(directory: target).write(SampleReport.document)
        let html = try String(contentsOfFile: try #require(files.html), encoding: .utf8)
        #expect(XMLInspection(html)?.named("svg").count == 6)
        #expect(files.figures.count == 6)
        for figure in files.figures { #expect(FileManager.default.fileExists(atPath: figure)) }
    }
}

@Suite("Figure sizes for journals")
struct FigureSizeTests {
    @Test("single, double and W×H parse; figure files are laid out again at the width, in millimetres, text as text")
    func sizes() throws {
        #expect(FigureSize(parsing: "single") == .single && FigureSize(parsing: "DOUBLE") == .double)
        #expect(FigureSize(parsing: "120x80") == .millimetres(width: 120, height: 80))
        #expect(FigureSize(parsing: "120") == .millimetres(width: 120, height: nil))
        for bad in ["", "x", "10x10", "120x", "wide", "120x80x3", "-90"] { #expect(FigureSize(parsing: bad) == nil, "\(bad)") }
        let heatmap = Heatmap(title: "m: layers × areas", rowLabels: ["a", "b"], columnLabels: ["VISp", "VISl"],
                              values: .init(shape: [2, 2], scalars: [0.1, 0.2, 0.3, 0.4]), colorBarLabel: "tsrsa")
        let document = ReportDocument(title: "t", blocks: [.figure(ReportFigure(heatmap))])
        let single = try #require(MarkdownDocument(document).figureFiles(size: .single).first?.svg)
        #expect(single.contains(#"width="89mm""#), "\(single.prefix(300))")
        // 640 × 400 px keeps its proportions: 89 mm × 55.63 mm; the layout units follow (336.38 px wide).
        #expect(single.contains(#"height="55.63mm""#) && single.contains(#"viewBox="0 0 336.38 210.24""#))
        #expect(single.contains(">VISp</text>") && single.contains(">tsrsa</text>"), "labels stay text")
        #expect(single.contains(#"font-size="10.67""#))
        let custom = try #require(MarkdownDocument(document).figureFiles(size: .millimetres(width: 120, height: 80)).first?.svg)
        #expect(custom.contains(#"width="120mm""#) && custom.contains(#"height="80mm""#))
        // The screen-size files are unchanged without a size.
        #expect(MarkdownDocument(document).figureFiles.first?.svg.contains(#"width="640""#) == true)
    }
}
