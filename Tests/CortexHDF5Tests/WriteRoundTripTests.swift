import CortexHDF5
import CortexNumerics
import Foundation
import Testing

/// Everything our writer stores reads back exactly through our reader.
@Suite final class WriteRoundTripTests {
    let directory: URL

    init() throws { directory = try Fixtures.temporaryDirectory() }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Creates a file, lets `write` fill it, closes it (by dropping every reference) and reopens it
    /// read-only.
    func roundTrip(_ name: String, _ write: (HDF5File) throws -> Void) throws -> HDF5File {
        let url = directory.appendingPathComponent(name)
        do {
            let file = try HDF5File.create(url, mode: .exclusive)
            try write(file)
            try file.flush()
        }
        return try HDF5File.open(url)
    }

    @Test func everyNumericTypeRoundTripsIncludingExtremes() throws {
        let file = try roundTrip("numeric.h5") { file in
            let root = file.root
            try root.writeDataset("i8", NDArray(shape: [3], scalars: [Int8.min, 0, Int8.max]))
            try root.writeDataset("i16", NDArray(shape: [3], scalars: [Int16.min, -1, Int16.max]))
            try root.writeDataset("i32", NDArray(shape: [3], scalars: [Int32.min, 7, Int32.max]))
            try root.writeDataset("i64", NDArray(shape: [3], scalars: [Int64.min, -7, Int64.max]))
            try root.writeDataset("u8", NDArray(shape: [2], scalars: [UInt8.min, UInt8.max]))
            try root.writeDataset("u16", NDArray(shape: [2], scalars: [UInt16.min, UInt16.max]))
            try root.writeDataset("u32", NDArray(shape: [2], scalars: [UInt32.min, UInt32.max]))
            try root.writeDataset("u64", NDArray(shape: [2], scalars: [UInt64.min, UInt64.max]))
            try root.writeDataset("f32", NDArray(shape: [4], scalars: [Float.pi, -0.0, .infinity, .leastNonzeroMagnitude]))
            try root.writeDataset("f64", NDArray(shape: [4], scalars: [Double.pi, -1e300, -.infinity, .ulpOfOne]))
            try root.writeDataset("int", NDArray(shape: [2], scalars: [Int.min, Int.max]))
            try root.writeDataset("nan", NDArray(shape: [1], scalars: [Double.nan]))
        }
        #expect(try file.dataset("i8").readVector(as: Int8.self) == [Int8.min, 0, Int8.max])
        #expect(try file.dataset("i16").readVector(as: Int16.self) == [Int16.min, -1, Int16.max])
        #expect(try file.dataset("i32").readVector(as: Int32.self) == [Int32.min, 7, Int32.max])
        #expect(try file.dataset("i64").readVector(as: Int64.self) == [Int64.min, -7, Int64.max])
        #expect(try file.dataset("u8").readVector(as: UInt8.self) == [UInt8.min, UInt8.max])
        #expect(try file.dataset("u16").readVector(as: UInt16.self) == [UInt16.min, UInt16.max])
        #expect(try file.dataset("u32").readVector(as: UInt32.self) == [UInt32.min, UInt32.max])
        #expect(try file.dataset("u64").readVector(as: UInt64.self) == [UInt64.min, UInt64.max])
        let floats = try file.dataset("f32").readVector(as: Float.self)
        #expect(floats == [Float.pi, -0.0, .infinity, .leastNonzeroMagnitude])
        #expect(floats[1].sign == .minus)
        #expect(try file.dataset("f64").readVector(as: Double.self) == [Double.pi, -1e300, -.infinity, .ulpOfOne])
        #expect(try file.dataset("int").readVector(as: Int.self) == [Int.min, Int.max])
        #expect(try file.dataset("nan").readVector(as: Double.self)[0].isNaN)
        #expect(try file.dataset("u16").dataType == .integer(bytes: 2, signed: false))
        #expect(try file.dataset("i64").dataType == .integer(bytes: 8, signed: true))
        #expect(try file.dataset("f32").dataType == .float(bytes: 4))
    }

    @Test func boolsAreWrittenAsH5pyEnumeration() throws {
        let values = [true, false, true, true, false, false]
        let file = try roundTrip("bool.h5") { file in
            try file.root.writeDataset("flags", NDArray(shape: [2, 3], scalars: values))
        }
        let dataset = try file.dataset("flags")
        #expect(dataset.dataType.isBoolean)
        #expect(dataset.dataType == .enumeration(base: .integer(bytes: 1, signed: true),
                                                 members: [.init(name: "FALSE", value: 0), .init(name: "TRUE", value: 1)]))
        #expect(try dataset.read(as: Bool.self) == NDArray(shape: [2, 3], scalars: values))
    }

    @Test func shapesScalarsAndEmptyArraysRoundTrip() throws {
        let cube = NDArray<Double>(shape: [2, 3, 4]) { Double($0) * 0.5 - 3 }
        let file = try roundTrip("shapes.h5") { file in
            try file.root.writeDataset("cube", cube)
            try file.root.writeDataset("scalar", NDArray(shape: [], scalars: [Int32(-9)]))
            try file.root.writeDataset("empty", NDArray<Float>(shape: [0, 5], scalars: []))
            try file.root.writeDataset("empty_gzip", NDArray<Float>(shape: [0], scalars: []), options: .gzip)
        }
        #expect(try file.dataset("cube").read(as: Double.self) == cube)
        #expect(try file.dataset("cube").readRows(1..<2, as: Double.self).scalars == Array(cube.scalars[12..<24]))
        #expect(try file.dataset("scalar").shape == [])
        #expect(try file.dataset("scalar").readScalar(as: Int64.self) == -9)
        #expect(try file.dataset("empty").read(as: Float.self) == NDArray(shape: [0, 5], scalars: []))
        #expect(try file.dataset("empty_gzip").shape == [0])
    }

    @Test func chunkingAndGzipAreAppliedAndReadBack() throws {
        let big = NDArray<Float>(shape: [1000, 7]) { Float($0 % 97) * 0.25 }
        let file = try roundTrip("chunked.h5") { file in
            try file.root.writeDataset("explicit", big, options: HDF5DatasetOptions(layout: .chunked([64, 7]),
                                                                                    compression: .gzip(level: 6)))
            try file.root.writeDataset("automatic", big, options: .gzip)
            try file.root.writeDataset("clamped", NDArray<Int16>(shape: [3, 2], repeating: 5),
                                       options: HDF5DatasetOptions(layout: .chunked([100, 100])))
            try file.root.writeDataset("plain", big)
        }
        let explicit = try file.dataset("explicit")
        #expect(explicit.chunkShape == [64, 7])
        #expect(explicit.isGzipCompressed)
        #expect(try explicit.read(as: Float.self) == big)
        #expect(try explicit.readRows(60..<130, as: Float.self).scalars == Array(big.scalars[60 * 7 ..< 130 * 7]))
        let automatic = try file.dataset("automatic")
        #expect(automatic.isGzipCompressed)
        #expect(automatic.chunkShape == [1000, 7])  // all 28 KB fit one 256 KiB chunk
        #expect(try automatic.read(as: Float.self) == big)
        #expect(try file.dataset("clamped").chunkShape == [3, 2])
        #expect(try file.dataset("plain").chunkShape == nil)
    }

    @Test func automaticChunksStayNearTheTargetSize() throws {
        // Target 256 KiB: whole trailing dimensions, as many rows as fit; a row over the target is halved.
        let file = try roundTrip("automatic.h5") { file in
            try file.root.writeDataset("long", NDArray<Double>(shape: [100_000], repeating: 1), options: .gzip)
            try file.root.writeDataset("wide", NDArray<Float>(shape: [2, 100_000], repeating: 2), options: .gzip)
            try file.root.writeDataset("small", NDArray<Int32>(shape: [5, 3], repeating: 3), options: .gzip)
        }
        #expect(try file.dataset("long").chunkShape == [32_768])
        #expect(try file.dataset("wide").chunkShape == [1, 50_000])
        #expect(try file.dataset("small").chunkShape == [5, 3])
        #expect(try file.dataset("wide").read(as: Float.self) == NDArray(shape: [2, 100_000], repeating: 2))
    }

    @Test func stringsRoundTripAsVariableLengthUTF8() throws {
        let words = ["VISp", "μm", "ünits", "", "CA1 – hippocampus"]
        let file = try roundTrip("strings.h5") { file in
            try file.root.writeStrings("words", words)
            try file.root.writeStrings("grid", NDArray(shape: [2, 2], scalars: ["a", "β", "", "dd"]))
            try file.root.writeString("note", "session μ")
            try file.root.writeStrings("none", [String]())
        }
        #expect(try file.dataset("words").dataType == .string(variable: true, encoding: .utf8, size: 0))
        #expect(try file.dataset("words").readStrings() == words)
        #expect(try file.dataset("words").readStringRows(1..<3) == ["μm", "ünits"])
        #expect(try file.dataset("grid").shape == [2, 2])
        #expect(try file.dataset("grid").readStrings() == ["a", "β", "", "dd"])
        #expect(try file.dataset("note").readString() == "session μ")
        #expect(try file.dataset("none").readStrings() == [])
    }

    @Test func attributesRoundTripOnFileGroupAndDataset() throws {
        let file = try roundTrip("attributes.h5") { file in
            try file.attributes.write("seed", scalar: Int64(42))
            try file.attributes.write("title", string: "résumé")
            try file.attributes.write("colnames", strings: ["a", "μ"])
            let group = try file.root.createGroup("results/rdm")
            try group.attributes.write("weights", array: NDArray(shape: [2, 2], scalars: [0.5, 1, 1.5, 2.0]))
            try group.attributes.write("valid", scalar: true)
            let dataset = try group.writeDataset("values", NDArray(shape: [2], scalars: [UInt16(3), 4]))
            try dataset.attributes.write("unit", string: "s")
            try dataset.attributes.write("empty", array: NDArray<Double>(shape: [0], scalars: []))
        }
        #expect(try file.attributes.scalar("seed", as: Int64.self) == 42)
        #expect(try file.attributes.string("title") == "résumé")
        #expect(try file.attributes.strings("colnames") == ["a", "μ"])
        #expect(try file.attributes.names() == ["colnames", "seed", "title"])
        let group = try file.group("results/rdm")
        #expect(try group.attributes.read("weights", as: Double.self) == NDArray(shape: [2, 2], scalars: [0.5, 1, 1.5, 2]))
        #expect(try group.attributes.scalar("valid", as: Bool.self))
        #expect(try group.attributes.open("valid").dataType.isBoolean)
        let dataset = try group.dataset("values")
        #expect(try dataset.readVector(as: UInt16.self) == [3, 4])
        #expect(try dataset.attributes.string("unit") == "s")
        #expect(try dataset.attributes.read("empty", as: Double.self).shape == [0])
    }

    @Test func existingObjectsAreProtectedUnlessReplacementIsAsked() throws {
        let url = directory.appendingPathComponent("overwrite.h5")
        let file = try HDF5File.create(url)
        try file.root.writeDataset("x", NDArray(shape: [2], scalars: [1.0, 2.0]))
        try file.attributes.write("a", scalar: Int32(1))
        let again = capturedError { try file.root.writeDataset("x", NDArray(shape: [1], scalars: [9.0])) }
        guard case .alreadyExists(url.path, "/x") = again else {
            Issue.record("expected alreadyExists, got \(String(describing: again))")
            return
        }
        let attributeAgain = capturedError { try file.attributes.write("a", scalar: Int32(2)) }
        guard case .alreadyExists(url.path, "/@a") = attributeAgain else {
            Issue.record("expected alreadyExists, got \(String(describing: attributeAgain))")
            return
        }
        #expect(try file.dataset("x").readVector(as: Double.self) == [1, 2])
        try file.root.writeDataset("x", NDArray(shape: [3], scalars: [7.0, 8, 9]),
                                   options: HDF5DatasetOptions(ifExists: .replace))
        try file.attributes.write("a", scalar: Int32(2), ifExists: .replace)
        #expect(try file.dataset("x").readVector(as: Double.self) == [7, 8, 9])
        #expect(try file.attributes.scalar("a", as: Int32.self) == 2)
        let strings = capturedError { try file.root.writeStrings("x", ["no"]) }
        guard case .alreadyExists = strings else {
            Issue.record("expected alreadyExists, got \(String(describing: strings))")
            return
        }
    }

    @Test func groupsAreCreatedWithIntermediatesAndRequiredIdempotently() throws {
        let file = try HDF5File.create(directory.appendingPathComponent("groups.h5"))
        let deep = try file.root.createGroup("a/b/c")
        #expect(deep.path == "/a/b/c")
        #expect(try file.root.kind(of: "a/b") == .group)
        let error = capturedError { try file.root.createGroup("a/b") }
        guard case .alreadyExists(_, "/a/b") = error else {
            Issue.record("expected alreadyExists, got \(String(describing: error))")
            return
        }
        #expect(try file.root.requireGroup("a/b").path == "/a/b")
        #expect(try file.group("a").requireGroup("x/y").path == "/a/x/y")
        try deep.writeDataset("d/values", NDArray(shape: [1], scalars: [Int8(1)]))
        #expect(try file.dataset("/a/b/c/d/values").readVector(as: Int8.self) == [1])
        let kind = capturedError { try file.root.requireGroup("a/b/c/d/values") }
        guard case .wrongKind(_, "/a/b/c/d/values", .group, .dataset) = kind else {
            Issue.record("expected wrongKind, got \(String(describing: kind))")
            return
        }
    }

    @Test func readOnlyFilesRefuseWrites() throws {
        let url = directory.appendingPathComponent("readonly.h5")
        do { _ = try HDF5File.create(url) }
        do {
            let file = try HDF5File.open(url, mode: .readOnly)
            let error = capturedError { try file.root.writeDataset("x", NDArray(shape: [1], scalars: [1.0])) }
            guard case .writeFailed(url.path, "/x", _) = error else {
                Issue.record("expected writeFailed, got \(String(describing: error))")
                return
            }
            let attribute = capturedError { try file.attributes.write("a", string: "b") }
            guard case .writeFailed(url.path, "/@a", _) = attribute else {
                Issue.record("expected writeFailed, got \(String(describing: attribute))")
                return
            }
        }
        // libhdf5 refuses to reopen for writing a file this process still has open read-only.
        let writable = try HDF5File.open(url, mode: .readWrite)
        try writable.root.writeDataset("x", NDArray(shape: [1], scalars: [1.0]))
        #expect(try writable.dataset("x").readVector(as: Double.self) == [1])
    }

    @Test func exclusiveCreationRefusesAnExistingFile() throws {
        let url = directory.appendingPathComponent("exclusive.h5")
        do { _ = try HDF5File.create(url) }
        let error = capturedError { try HDF5File.create(url, mode: .exclusive) }
        guard case .cannotCreateFile(url.path, _) = error else {
            Issue.record("expected cannotCreateFile, got \(String(describing: error))")
            return
        }
        #expect(try HDF5File.create(url, mode: .truncate).children() == [])
    }
}
