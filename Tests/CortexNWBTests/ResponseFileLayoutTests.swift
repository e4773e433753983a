import CortexHDF5
import CortexNumerics
import CortexNWB
import Foundation
import Testing

/// A file written by another tool that records the response format but lacks a required piece is
/// refused with that piece named (the first in the documented order) and a pointer to docs/formats.md.
@Suite struct ResponseFileLayoutTests {
    /// A file with every attribute up to (not including) `missingAttribute`, and area VISp with the
    /// datasets before `missingDataset`.
    static func partial(missingAttribute: String?, missingDataset: String?) throws -> URL {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("partial-\(UUID().uuidString).h5")
        try HDF5File.writeAtomically(to: url) { file in
            let a = file.attributes
            try a.write("format", string: "cortexkit-responses/1")
            for (name, _) in ResponseFile.requiredAttributes {
                if name == missingAttribute { break }
                switch name {
                case "areas", "source_files", "source_sha256": try a.write(name, strings: name == "areas" ? ["VISp"] : [])
                case "frames", "repeats": try a.write(name, scalar: Int64(3))
                case "bins_per_frame": try a.write(name, scalar: Int64(1))
                case "min_rate": try a.write(name, scalar: Double.nan)
                case "smoothing", "filter": try a.write(name, string: "none")
                default: try a.write(name, string: "x")
                }
            }
            let group = try file.root.createGroup("VISp")
            for (name, _) in ResponseFile.requiredAreaDatasets {
                if name == missingDataset { break }
                if name == "counts" { try group.writeDataset(name, NDArray(shape: [2, 3], scalars: [Double](repeating: 1, count: 6))) } else {
                    try group.writeDataset(name, NDArray(shape: [2], scalars: [Int64(0), 1]))
                }
            }
        }
        return url
    }

    @Test("each missing root attribute is named, in the documented order, with the document")
    func missingAttributes() throws {
        for (name, type) in ResponseFile.requiredAttributes {
            let url = try Self.partial(missingAttribute: name, missingDataset: nil)
            #expect(throws: NWBError.invalidData(file: url.path, path: "/@\(name)",
                                                 reason: "a cortexkit-responses/1 file needs the attribute \(name) (\(type)); the layout is in docs/formats.md")) {
                try ResponseFile.read(from: url)
            }
        }
    }

    @Test("a missing area dataset is named by its path; a complete file reads")
    func missingDatasets() throws {
        let url = try Self.partial(missingAttribute: nil, missingDataset: "unit_ids")
        do {
            _ = try ResponseFile.read(from: url)
            Issue.record("read a file without /VISp/unit_ids")
        } catch {
            #expect(error.path == "/VISp/unit_ids" && "\(error)".contains("docs/formats.md"), "\(error)")
        }
        let complete = try ResponseFile.read(from: try Self.partial(missingAttribute: nil, missingDataset: nil))
        #expect(complete.areas.map(\.name) == ["VISp"] && complete.areas[0].unitCount == 2 && complete.frameCount == 3)
    }

    @Test("a file without the format attribute points to the document")
    func noFormat() throws {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("plain.h5")
        try HDF5File.writeAtomically(to: url) { file in try file.attributes.write("stimulus", string: "x") }
        do {
            _ = try ResponseFile.read(from: url)
            Issue.record("read a file without a format")
        } catch {
            #expect("\(error)".contains("docs/formats.md"), "\(error)")
        }
    }
}
