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
            #expect(name.count <= FigureFileNames.maximumStemLength + 8)
            #expect(!name.hasPrefix(".") && !name.hasPrefix("-"))
        }
        #expect(names[0] == "etc-passwd.svg" && names[1] == "a-b.svg" && names[2] == "figure.svg" && names[3] == "figure-2.svg")
        #expect(names[5] == "model-a.svg" && names[6] == "model-a-2.svg" && names[7] == "model-a-3.svg")
        #expect(names == FigureFileNames.names(for: titles))
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
        #expect(links.contains("etc-passwd.svg") && links.contains("etc-passwd-2.svg"))
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
