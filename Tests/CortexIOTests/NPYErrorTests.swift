import CortexNumerics
import Foundation
import Testing
@testable import CortexIO

/// Bad `.npy` input throws a typed `NPYError` with the path and expected-vs-found, never traps;
/// and odd-but-valid headers parse.
@Suite("NPY errors and header parsing")
final class NPYErrorTests {
    /// A fresh directory per test for crafted files, removed afterwards.
    let directory: URL

    init() throws { directory = try Fixtures.temporaryDirectory() }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The bytes of a committed fixture.
    private func fixtureBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: NPYExpected.url(name)))
    }

    /// The error reading `bytes` throws (an issue is recorded if it does not throw).
    private func readError(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> NPYError? {
        let url = try NPYExpected.file(bytes, in: directory)
        return #expect(throws: NPYError.self, sourceLocation: sourceLocation) { try NPYFile.read(from: url) }
    }

    private var craftedPath: String { directory.appendingPathComponent("crafted.npy").path }

    // MARK: bad files

    @Test("a file shorter than shape × itemsize is truncated, with expected and found sizes")
    func truncatedData() throws {
        let bytes = try fixtureBytes("float64.npy")   // 128 + 6 × 8 = 176 bytes
        let error = try readError(Array(bytes.dropLast()))
        #expect(error == .truncatedFile(path: craftedPath, expectedBytes: 176, foundBytes: 175))
        let url = try NPYExpected.file(Array(bytes.dropLast()), in: directory)
        #expect(throws: NPYError.truncatedFile(path: craftedPath, expectedBytes: 176, foundBytes: 175)) {
            try NPYFile.read(from: url, as: Float.self)
        }
        #expect(throws: NPYError.self) { try NPYFile.header(of: url) }
    }

    @Test("a file cut inside the header or the prefix is truncated")
    func truncatedHeader() throws {
        let bytes = try fixtureBytes("float64.npy")
        for (kept, expected) in [(40, 128), (9, 10), (3, 10)] {
            #expect(try readError(Array(bytes.prefix(kept)))
                    == .truncatedFile(path: craftedPath, expectedBytes: expected, foundBytes: kept))
        }
    }

    @Test("wrong magic reports the bytes found; an empty file too")
    func wrongMagic() throws {
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00]
        #expect(try readError(zip) == .badMagic(path: craftedPath, found: Array(zip.prefix(8))))
        #expect(try readError([]) == .badMagic(path: craftedPath, found: []))
        var lowercase = try fixtureBytes("float64.npy")
        lowercase[1] = UInt8(ascii: "n")
        #expect(try readError(lowercase) == .badMagic(path: craftedPath, found: Array(lowercase.prefix(8))))
    }

    @Test("unknown format versions are rejected with the version found")
    func unsupportedVersion() throws {
        var bytes = try fixtureBytes("float64.npy")
        bytes[6] = 4
        #expect(try readError(bytes) == .unsupportedVersion(path: craftedPath, major: 4, minor: 0))
        bytes[6] = 1
        bytes[7] = 1
        #expect(try readError(bytes) == .unsupportedVersion(path: craftedPath, major: 1, minor: 1))
    }

    @Test("complex, object and structured dtypes are unsupported, naming the descr")
    func unsupportedDTypes() throws {
        let cases = [("complex128.npy", "<c16"), ("object.npy", "|O"),
                     ("structured.npy", "[('a', '<f4'), ('b', '<i2')]")]
        for (name, descr) in cases {
            let url = NPYExpected.url(name)
            #expect(throws: NPYError.unsupportedDType(path: url.path, descr: descr)) { try NPYFile.read(from: url) }
            #expect(throws: NPYError.unsupportedDType(path: url.path, descr: descr)) {
                try NPYFile.read(from: url, as: Double.self)
            }
        }
        let float16 = NPYExpected.handMade(header: "{'descr': '<f2', 'fortran_order': False, 'shape': (1,), }",
                                           data: [0, 0x3C])
        #expect(try readError(float16) == .unsupportedDType(path: craftedPath, descr: "<f2"))
    }

    @Test("garbage headers are unparsable, with the reason", arguments: [
        ("not a dict", "['descr', '<f8']"),
        ("unclosed tuple", "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3}"),
        ("missing key", "{'descr': '<f8', 'shape': (2, 3), }"),
        ("extra key", "{'descr': '<f8', 'fortran_order': False, 'shape': (6,), 'x': 1}"),
        ("int shape", "{'descr': '<f8', 'fortran_order': False, 'shape': (6)}"),
        ("negative extent", "{'descr': '<f8', 'fortran_order': False, 'shape': (-1, 3)}"),
        ("float extent", "{'descr': '<f8', 'fortran_order': False, 'shape': (2.0, 3)}"),
        ("int fortran_order", "{'descr': '<f8', 'fortran_order': 0, 'shape': (6,)}"),
        ("int descr", "{'descr': 8, 'fortran_order': False, 'shape': (6,)}"),
        ("unterminated string", "{'descr': '<f8, 'fortran_order': False, 'shape': (6,)}"),
        ("overflowing extent", "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}"),
        ("overflowing product", "{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296)}"),
        ("deep nesting", "{'descr': '<f8', 'fortran_order': False, 'shape': " + String(repeating: "(", count: 99)),
        ("binary junk", "\u{01}\u{02}garbage\u{FF}"),
        ("empty", ""),
    ])
    func garbageHeader(_ label: String, _ header: String) throws {
        let error = try readError(NPYExpected.handMade(header: header, data: [UInt8](repeating: 0, count: 48)))
        guard case .unparsableHeader(let path, let reason, _)? = error else {
            Issue.record("\(label): expected unparsableHeader, got \(String(describing: error))")
            return
        }
        #expect(path == craftedPath && !reason.isEmpty, "\(label)")
    }

    @Test("a missing file is an I/O error with errno ENOENT")
    func missingFile() throws {
        let url = directory.appendingPathComponent("nope.npy")
        let error = #expect(throws: NPYError.self) { try NPYFile.read(from: url) }
        guard case .io(url.path, "open for reading", ENOENT, _)? = error else {
            Issue.record("expected io ENOENT, got \(String(describing: error))")
            return
        }
    }

    @Test("writing into a missing directory is an I/O error and creates nothing")
    func unwritableDestination() throws {
        let url = directory.appendingPathComponent("missing/x.npy")
        let error = #expect(throws: NPYError.self) {
            try NPYFile.write(NDArray<Double>(shape: [1], scalars: [1]), to: url)
        }
        guard case .io(url.path, "create temporary file", ENOENT, _)? = error else {
            Issue.record("expected io ENOENT on create, got \(String(describing: error))")
            return
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test("error descriptions are one line naming the file and the expected and found values")
    func descriptions() throws {
        let truncated = NPYError.truncatedFile(path: "/d/x.npy", expectedBytes: 176, foundBytes: 175)
        #expect(truncated.description == "/d/x.npy: truncated .npy file: expected at least 176 bytes, file has 175")
        #expect(truncated.errorDescription == truncated.description)
        let magic = NPYError.badMagic(path: "/d/x.npy", found: [0x50, 0x4B, 0x03])
        #expect(magic.description
                == "/d/x.npy: not a .npy file: expected magic 93 4E 55 4D 50 59 (\\x93NUMPY), found 50 4B 03")
        let all: [NPYError] = [
            truncated, magic, .unsupportedVersion(path: "/p", major: 9, minor: 1),
            .unparsableHeader(path: "/p", reason: "expected a dict", header: "[1,\n2]"),
            .unsupportedDType(path: "/p", descr: "<c16"), .shapeMismatch(path: "/p", expected: "rank ≥ 1", found: []),
            .fortranOrderUnsupported(path: "/p", operation: "readRows"),
            .headerTooLarge(path: "/p", version: .v1, byteCount: 70_000, limit: 65_535),
            .io(path: "/p", operation: "read", code: 5, message: "Input/output error"),
        ]
        for error in all {
            #expect(error.description.hasPrefix(error.path + ": ") && !error.description.contains("\n"), "\(error)")
        }
    }

    // MARK: valid but unusual headers

    @Test("headers parse with any spacing, quotes, key order, trailing comma, list shape and 3L integers",
          arguments: [
              "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
              "{\"shape\":(2,3),\"descr\":\"<f8\",\"fortran_order\":False}",
              "  {  'fortran_order' : False ,\n 'shape' : ( 2 , 3 , ) , 'descr' : '<f8' }  \n",
              "{'descr': '<f8', 'fortran_order': False, 'shape': [2, 3]}",
              "{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 3L), }",
              "{'descr': '=f8', 'fortran_order': False, 'shape': (2, 3), }",
              "{'descr': '|f8', 'fortran_order': False, 'shape': (2, 3), }",
              "{'descr': 'f8', 'fortran_order': False, 'shape': (2, 3), }",
          ])
    func robustHeaders(_ header: String) throws {
        let data = NPYExpected.float64Ramp.withUnsafeBufferPointer { [UInt8](UnsafeRawBufferPointer($0)) }
        let url = try NPYExpected.file(NPYExpected.handMade(header: header, data: data), in: directory)
        #expect(try NPYFile.read(from: url) == .float64(NPYExpected.float64Ramp))
    }

    @Test("scalar () and 1-D (n,) shapes; bool bytes > 1 read as true")
    func shapesAndBooleans() throws {
        let scalar = NPYExpected.handMade(header: "{'descr': '<i2', 'fortran_order': False, 'shape': ()}", data: [5, 1])
        #expect(try NPYFile.read(from: NPYExpected.file(scalar, in: directory))
                == .int16(NDArray(shape: [], scalars: [261])))
        let oneD = NPYExpected.handMade(header: "{'descr': '|b1', 'fortran_order': False, 'shape': (3,)}",
                                        data: [0, 2, 255])
        #expect(try NPYFile.read(from: NPYExpected.file(oneD, in: directory))
                == .bool(NDArray(shape: [3], scalars: [false, true, true])))
    }

    @Test("version 3.0 headers are UTF-8, 1.0 headers latin-1; invalid UTF-8 is unparsable")
    func headerEncodings() throws {
        let v3 = NPYExpected.handMade(header: "{'descr': '>u2', 'fortran_order': True, 'shape': (2,), }",
                                      version: .v3, data: [1, 2, 3, 4])
        #expect(try NPYFile.read(from: NPYExpected.file(v3, in: directory))
                == .uint16(NDArray(shape: [2], scalars: [258, 772])))
        // A structured dtype with a non-ASCII field name: unsupported, but the name decodes.
        let named = "{'descr': [('é', '<f4')], 'fortran_order': False, 'shape': (1,), }"
        #expect(try readError(NPYExpected.handMade(header: named, version: .v3, data: [0, 0, 0, 0]))
                == .unsupportedDType(path: craftedPath, descr: "[('é', '<f4')]"))
        var latin1 = NPYExpected.handMade(header: named.replacingOccurrences(of: "é", with: "#"), data: [0, 0, 0, 0])
        latin1[latin1.firstIndex(of: UInt8(ascii: "#"))!] = 0xE9   // 'é' in latin-1
        #expect(try readError(latin1) == .unsupportedDType(path: craftedPath, descr: "[('é', '<f4')]"))
        // The same bytes as version 3.0 (4-byte length field): a lone 0xE9 is not UTF-8.
        latin1[6] = 3
        latin1.insert(contentsOf: [0, 0], at: 10)
        guard case .unparsableHeader(_, "header is not valid UTF-8", _)? = try readError(latin1) else {
            Issue.record("expected invalid UTF-8 to be unparsable")
            return
        }
    }

    @Test("trailing bytes after the data are ignored, as NumPy does")
    func trailingBytes() throws {
        let bytes = try fixtureBytes("int32_2x3.npy") + [1, 2, 3]
        #expect(try NPYFile.read(from: NPYExpected.file(bytes, in: directory)) == .int32(NPYExpected.int32Ramp))
    }
}
