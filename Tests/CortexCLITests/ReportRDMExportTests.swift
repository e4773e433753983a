import CortexKit
import Foundation
import Testing

/// `cortex report` exports every area's frame RDM and each model's best layer's into `rdms/`,
/// listed in `rdms/index.csv`, each equal to the RDM of the same frames computed independently.
@Suite("cortex report: rdms/ export")
struct ReportRDMExportTests {
    @Test("rdms/: area and best-layer RDMs as float32 upper triangles equal to 1 − Pearson r of the same frames by the textbook formula; index.csv lists them")
    func export() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-rdms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (responses, copycat, _) = try CompareCommandTests.inputs(in: dir)
        try """
        title: RDM export
        responses: [r.h5]
        models:
          - name: copycat
            features: copycat.h5
          - name: noise
            features: noise.h5
        metrics:
          - kind: tsrsa
            zero-variance: drop-frame
          - kind: cka-linear
        """.write(to: dir.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try CLIRunner.run(["report", dir.appendingPathComponent("spec.yaml").path, "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let index = try String(contentsOf: out.appendingPathComponent("rdms/index.csv"), encoding: .utf8)
            .split(separator: "\n").map { Self.fields(of: String($0)) }
        #expect(index.first?.prefix(11) == ["file", "metric", "response_set", "kind", "area", "model", "layer", "frames",
                                            "source_frames", "downsampled", "first_frame"])
        let rows = index.dropFirst()
        #expect(rows.filter { $0[3] == "area" }.map { $0[4] } == ["VISp", "VISl", "VISam"], "areas once, not once per model")
        #expect(rows.filter { $0[3] == "layer" }.count == 6, "each model's best layer for each of the 3 areas")
        #expect(rows.allSatisfy { $0[7] == "59" && $0[8] == "59" && $0[9] == "false" && $0[10] == "1" && $0[11] == "correlation" })
        let noiseFiles = Set(rows.filter { $0[5] == "noise" }.map { $0[0] })
        #expect(noiseFiles.count == 1, "one layer, best for every area: one file listed three times")
        let files = Set(rows.map { $0[0] }).count
        #expect(r.stdout.contains("frame RDMs: \(files) file(s)"), "\(r.stdout)")

        func triangle(_ path: String) throws -> [Float] {
            try NPYFile.read(from: out.appendingPathComponent("rdms").appendingPathComponent(path), as: Float.self).scalars
        }
        // 1 − Pearson r of frames i < j (from 1: the first frame is dropped), by the textbook formula;
        // NaN when a frame has zero variance.
        func reference(_ matrix: NDArray<Double>) throws -> [Double] {
            let p = matrix.columns
            let rows = (1..<matrix.rows).map { i -> [Double] in
                let row = Array(matrix.scalars[(i * p)..<((i + 1) * p)])
                let mean = row.reduce(0, +) / Double(p)
                return row.map { $0 - mean }
            }
            var out: [Double] = []
            for i in rows.indices {
                for j in (i + 1)..<rows.count {
                    let xy = zip(rows[i], rows[j]).map(*).reduce(0, +)
                    let xx = rows[i].map { $0 * $0 }.reduce(0, +), yy = rows[j].map { $0 * $0 }.reduce(0, +)
                    out.append(xx > 0 && yy > 0 ? 1 - xy / (xx * yy).squareRoot() : .nan)
                }
            }
            return out
        }
        func same(_ a: Float, _ b: Double, _ tolerance: Double) -> Bool {
            a.isNaN ? b.isNaN : abs(Double(a) - b) <= tolerance * max(1, abs(b))
        }
        let file = try ResponseFile.read(from: responses)
        for area in file.areas {
            let row = try #require(rows.first { $0[3] == "area" && $0[4] == area.name })
            let got = try triangle(row[0]), want = try reference(area.matrix)
            #expect(got.count == 59 * 58 / 2 && got.count == want.count)
            #expect(zip(got, want).allSatisfy { same($0, $1, 1e-6) }, "\(area.name)")
        }
        // copycat's best layer for VISp is "mix" (a mixing of VISp's responses).
        let visp = try #require(rows.first { $0[5] == "copycat" && $0[4] == "VISp" })
        #expect(visp[6] == "mix")
        let mix = try FeatureFile(url: copycat).features(of: "mix")
        let got = try triangle(visp[0]), want = try reference(mix)
        #expect(zip(got, want).allSatisfy { same($0, $1, 1e-5) })
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("rdms/ holds \(files) file(s)"))

        // cortex compare --report exports the same files, byte for byte.
        let single = dir.appendingPathComponent("single")
        let c = try CLIRunner.run(["compare", "--responses", responses.path, "--features", copycat.path,
                                   "--features", dir.appendingPathComponent("noise.h5").path, "--zero-variance", "drop-frame",
                                   "--report", single.path])
        #expect(c.status == 0, "\(c.stderr)")
        let singleIndex = try String(contentsOf: single.appendingPathComponent("rdms/index.csv"), encoding: .utf8)
            .split(separator: "\n").map { Self.fields(of: String($0)) }.dropFirst()
        #expect(Set(singleIndex.map { $0[0] }) == Set(rows.map { $0[0] }), "same files as the batch report's")
        for path in Set(rows.map { $0[0] }) {
            #expect(try Data(contentsOf: single.appendingPathComponent("rdms/" + path))
                    == Data(contentsOf: out.appendingPathComponent("rdms/" + path)), "\(path)")
        }
    }

    /// The fields of one CSV line (RFC 4180 quoting; no line breaks inside fields).
    static func fields(of line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false, previousQuote = false
        for ch in line {
            if quoted {
                if ch == "\"" { quoted = false; previousQuote = true } else { field.append(ch) }
            } else if ch == "\"" {
                if previousQuote { field.append("\"") }
                quoted = true
            } else if ch == "," {
                fields.append(field); field = ""
            } else {
                field.append(ch)
            }
            if ch != "\"" { previousQuote = false }
        }
        fields.append(field)
        return fields
    }
}
