import CortexNumerics
import Foundation
import Testing
@testable import CortexIO

/// `.npy` reading and writing against files NumPy 2.4.6 wrote.
///
/// Fixtures come from `scripts/reference/make_npy_fixtures.py`; the expected values below
/// recompute the script's formulas (`np.arange(24).reshape(2, 3, 4) * 0.5` ↔ `Double(i) * 0.5`).
@Suite("NPY files")
struct NPYTests {
    // MARK: reading NumPy's files

    @Test("each dtype fixture reads back the values and dtype the script wrote", arguments: NPYDType.allCases)
    func readsEveryDType(_ dtype: NPYDType) throws {
        let (name, expected) = NPYExpected.fixture(for: dtype)
        let array = try NPYFile.read(from: NPYExpected.url(name))
        #expect(array.dtype == dtype)
        #expect(array == expected)
        let header = try NPYFile.header(of: NPYExpected.url(name))
        #expect(header.dtype == dtype && header.version == .v1 && !header.fortranOrder)
        #expect(header.shape == expected.shape && header.dataOffset == 128)
    }

    @Test("big-endian files are byte-swapped to the same values as their little-endian twins")
    func bigEndian() throws {
        let pairs: [(String, AnyNDArray)] = [
            ("be_float64.npy", NPYExpected.fixture(for: .float64).array),
            ("be_float32.npy", NPYExpected.fixture(for: .float32).array),
            ("be_int32.npy", .int32(NPYExpected.int32Ramp)),
            ("be_int64.npy", .int64(NPYExpected.extremes(Int64.self))),
            ("be_uint16.npy", .uint16(NPYExpected.extremes(UInt16.self))),
        ]
        for (name, expected) in pairs {
            #expect(try NPYFile.header(of: NPYExpected.url(name)).byteOrder == .big, "\(name)")
            #expect(try NPYFile.read(from: NPYExpected.url(name)) == expected, "\(name)")
        }
    }

    @Test("a 3-D array keeps its shape and row-major values")
    func threeDimensional() throws {
        let array = try NPYFile.read(from: NPYExpected.url("float64_3d.npy"))
        #expect(array == .float64(NPYExpected.ramp3D))
        #expect(array.array(of: Double.self)?[1, 2, 3] == 11.5)
    }

    @Test("a scalar has shape () and one element; an empty (0, 3) array has none")
    func scalarAndEmpty() throws {
        #expect(try NPYFile.read(from: NPYExpected.url("scalar.npy")) == .float64(NDArray(shape: [], scalars: [3.25])))
        let empty = try NPYFile.read(from: NPYExpected.url("empty.npy"))
        #expect(empty == .float32(NDArray(shape: [0, 3], scalars: [])))
        #expect(try NPYFile.read(from: NPYExpected.url("empty.npy"), as: Double.self).shape == [0, 3])
    }

    @Test("special float64 values keep their exact bit patterns")
    func specialValues() throws {
        let array = try NPYFile.read(from: NPYExpected.url("float64_special.npy"))
        let values = try #require(array.array(of: Double.self))
        #expect(values.scalars.map(\.bitPattern) == NPYExpected.specialValues.map(\.bitPattern))
    }

    @Test("Fortran-order files give the same logical array as NumPy (transposed into row-major)")
    func fortranOrder() throws {
        let header = try NPYFile.header(of: NPYExpected.url("fortran_float64_3d.npy"))
        #expect(header.fortranOrder && header.shape == [2, 3, 4])
        #expect(try NPYFile.read(from: NPYExpected.url("fortran_float64_3d.npy")) == .float64(NPYExpected.ramp3D))
        #expect(try NPYFile.read(from: NPYExpected.url("fortran_int32_2d.npy"))
                == .int32(NDArray(shape: [3, 4], scalars: (0..<12).map(Int32.init))))
        #expect(try NPYFile.read(from: NPYExpected.url("fortran_be_int16.npy"))
                == .int16(NDArray(shape: [4, 3], scalars: (0..<12).map(Int16.init))))
        #expect(try NPYFile.read(from: NPYExpected.url("fortran_float64_3d.npy"), as: Float.self)
                == NPYExpected.ramp3D.map { Float($0) })
    }

    @Test("format versions 2.0 and 3.0 read like 1.0")
    func versions() throws {
        let v2 = try NPYFile.header(of: NPYExpected.url("v2_float64.npy"))
        #expect(v2.version == .v2 && v2.dataOffset == 128)
        #expect(try NPYFile.read(from: NPYExpected.url("v2_float64.npy")) == NPYExpected.fixture(for: .float64).array)
        #expect(try NPYFile.header(of: NPYExpected.url("v3_int32.npy")).version == .v3)
        #expect(try NPYFile.read(from: NPYExpected.url("v3_int32.npy")) == .int32(NPYExpected.int32Ramp))
    }

    // MARK: conversion to Float / Double

    @Test("read(as: Double) equals per-element conversion of the stored values, for every dtype",
          arguments: NPYDType.allCases)
    func convertsToDouble(_ dtype: NPYDType) throws {
        let url = NPYExpected.url(NPYExpected.fixture(for: dtype).file)
        let reference = NPYExpected.naiveDoubles(try NPYFile.read(from: url))
        #expect(try NPYFile.read(from: url, as: Double.self) == reference)
        #expect(try NPYFile.read(from: url, as: Float.self) == reference.map { Float($0) })
    }

    @Test("bool converts to 0 and 1 (allowed, like numpy astype)")
    func boolToDouble() throws {
        let x = try NPYFile.read(from: NPYExpected.url("bool.npy"), as: Double.self)
        #expect(x == NDArray(shape: [2, 3], scalars: [1, 0, 0, 1, 0, 0]))
    }

    @Test("big-endian integers convert to the right doubles")
    func bigEndianConversion() throws {
        #expect(try NPYFile.read(from: NPYExpected.url("be_int64.npy"), as: Double.self)
                == NPYExpected.extremes(Int64.self).map { Double($0) })
        #expect(try NPYFile.read(from: NPYExpected.url("be_float64.npy"), as: Float.self)
                == NPYExpected.float64Ramp.map { Float($0) })
    }

    // MARK: writing

    @Test("our writer's bytes equal NumPy's file for the same array (header padding included)",
          arguments: NPYDType.allCases)
    func writerMatchesNumPyBytes(_ dtype: NPYDType) throws {
        let (name, array) = NPYExpected.fixture(for: dtype)
        try expectWrittenBytes(array, equal: name, version: .smallest)
    }

    @Test("writer matches NumPy for 3-D, scalar, empty, an already aligned header, special values, versions 2.0/3.0")
    func writerMatchesNumPyShapesAndVersions() throws {
        try expectWrittenBytes(.int32(NPYExpected.int32Ramp), equal: "int32_2x3.npy", version: .smallest)
        try expectWrittenBytes(.float64(NPYExpected.ramp3D), equal: "float64_3d.npy", version: .smallest)
        try expectWrittenBytes(.float64(NDArray(shape: [], scalars: [3.25])), equal: "scalar.npy", version: .smallest)
        try expectWrittenBytes(.float32(NDArray(shape: [0, 3], scalars: [])), equal: "empty.npy", version: .smallest)
        let aligned = NDArray<UInt8>(shape: [3] + [Int](repeating: 1, count: 35), scalars: [0, 1, 2])
        try expectWrittenBytes(.uint8(aligned), equal: "aligned_header.npy", version: .smallest)
        #expect(try NPYFile.header(of: NPYExpected.url("aligned_header.npy")).dataOffset == 256)
        try expectWrittenBytes(.float64(NPYExpected.float64Ramp), equal: "v2_float64.npy", version: .exactly(.v2))
        try expectWrittenBytes(.int32(NPYExpected.int32Ramp), equal: "v3_int32.npy", version: .exactly(.v3))
        try expectWrittenBytes(.float64(NDArray(shape: [7], scalars: NPYExpected.specialValues)),
                               equal: "float64_special.npy", version: .smallest)
    }

    @Test("round trip preserves values, shape and dtype for every element type")
    func roundTrips() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arrays: [AnyNDArray] = NPYDType.allCases.map { NPYExpected.fixture(for: $0).array } + [
            .float64(NPYExpected.ramp3D), .bool(NDArray(shape: [], scalars: [true])),
            .uint16(NDArray(shape: [0, 4, 2], scalars: [])),
            .float32(NDArray(shape: [3, 1, 2], scalars: [1.5, -2, .pi, 0, 1e-30, -1e30])),
        ]
        for (i, array) in arrays.enumerated() {
            for version in [NPYWriteVersion.smallest, .exactly(.v2), .exactly(.v3)] {
                let url = directory.appendingPathComponent("a\(i).npy")
                try NPYFile.write(array, to: url, version: version)
                #expect(try NPYFile.read(from: url) == array, "\(array) \(version)")
            }
        }
        let typed = NDArray<UInt64>(shape: [2, 2], scalars: [0, 1, .max, 1 << 63])
        let url = directory.appendingPathComponent("typed.npy")
        try NPYFile.write(typed, to: url)
        #expect(try NPYFile.read(from: url).array(of: UInt64.self) == typed)
        #expect(try NPYFile.read(from: url).array(of: Int64.self) == nil)
    }

    @Test("data starts at a multiple of 64 bytes and the header ends in a newline, for many shapes")
    func alignment() throws {
        for rank in 0..<7 {
            for dtype in [NPYDType.bool, .float64] {
                let shape = (0..<rank).map { [1, 10, 123_456][$0 % 3] }
                let (bytes, header) = try NPYHeader.encode(dtype: dtype, byteOrder: .little, shape: shape,
                                                           version: .smallest, path: "x")
                #expect(bytes.count % 64 == 0 && bytes.count == header.dataOffset && bytes.last == 0x0A)
            }
        }
    }

    @Test("a header too long for 1.0 is written as 2.0, and .exactly(.v1) refuses it")
    func largeHeaderVersion() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let array = NDArray<Int8>(shape: [Int](repeating: 1, count: 22_000), scalars: [7])
        let url = directory.appendingPathComponent("deep.npy")
        try NPYFile.write(array, to: url)
        #expect(try NPYFile.header(of: url).version == .v2)
        #expect(try NPYFile.read(from: url) == .int8(array))
        let error = #expect(throws: NPYError.self) { try NPYFile.write(array, to: url, version: .exactly(.v1)) }
        guard case .headerTooLarge(_, .v1, let byteCount, 65_535)? = error else {
            Issue.record("expected headerTooLarge, got \(String(describing: error))")
            return
        }
        #expect(byteCount > 65_535)
    }

    @Test("writing replaces an existing file atomically and leaves no temporary files")
    func atomicReplace() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("x.npy")
        try NPYFile.write(NDArray<Double>(shape: [3], scalars: [1, 2, 3]), to: url)
        try NPYFile.write(NDArray<Int16>(shape: [2], scalars: [4, 5]), to: url)
        #expect(try NPYFile.read(from: url) == .int16(NDArray(shape: [2], scalars: [4, 5])))
        // A failed write leaves the old file intact.
        let deep = NDArray<Int8>(shape: [Int](repeating: 1, count: 22_000), scalars: [0])
        #expect(throws: NPYError.self) { try NPYFile.write(deep, to: url, version: .exactly(.v1)) }
        #expect(try NPYFile.read(from: url) == .int16(NDArray(shape: [2], scalars: [4, 5])))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["x.npy"])
    }

    // MARK: header-only open and row reads

    @Test("header(of:) reports dtype, byte order, shape, layout and data offset")
    func headerOnly() throws {
        let header = try NPYFile.header(of: NPYExpected.url("rows_be_int16.npy"))
        #expect(header == NPYHeader(version: .v1, dtype: .int16, byteOrder: .big, fortranOrder: false,
                                    shape: [10, 3], dataOffset: 128))
        #expect(header.count == 30 && header.dataByteCount == 60)
    }

    @Test("readRows equals the same rows sliced from a full read")
    func readRowsMatchesSlices() throws {
        let url = NPYExpected.url("rows_be_int16.npy")
        let full = try NPYFile.read(from: url, as: Double.self)
        let fullTyped = try #require(try NPYFile.read(from: url).array(of: Int16.self))
        #expect(full == NDArray(shape: [10, 3], scalars: (0..<30).map { Double($0 - 15) }))
        for range in [0..<10, 0..<1, 3..<7, 9..<10, 5..<5] {
            #expect(try NPYFile.readRows(range, from: url, as: Double.self) == full.rows(range), "\(range)")
            #expect(try NPYFile.readRows(range, from: url, as: Float.self) == full.rows(range).map { Float($0) })
            #expect(try NPYFile.readRows(range, from: url) == .int16(fullTyped.rows(range)), "\(range)")
        }
        let cube = NPYExpected.url("float64_3d.npy")
        let slab = try NPYFile.readRows(1..<2, from: cube, as: Double.self)
        #expect(slab == NDArray(shape: [1, 3, 4], scalars: Array(NPYExpected.ramp3D.scalars[12..<24])))
        #expect(try NPYFile.readRows(2..<5, from: NPYExpected.url("int64.npy"))
                == .int64(NDArray(shape: [3], scalars: Array(NPYExpected.extremes(Int64.self).scalars[2..<5]))))
    }

    @Test("readRows rejects rows outside the array, rank-0 arrays and Fortran order")
    func readRowsErrors() throws {
        let url = NPYExpected.url("rows_be_int16.npy")
        for range in [8..<11, -1..<2] {
            let error = #expect(throws: NPYError.self) { try NPYFile.readRows(range, from: url, as: Double.self) }
            guard case .shapeMismatch(url.path, _, [10, 3])? = error else {
                Issue.record("expected shapeMismatch, got \(String(describing: error))")
                continue
            }
        }
        let scalar = NPYExpected.url("scalar.npy")
        #expect(throws: NPYError.shapeMismatch(path: scalar.path, expected: "rank ≥ 1 for readRows", found: [])) {
            try NPYFile.readRows(0..<1, from: scalar, as: Double.self)
        }
        let fortran = NPYExpected.url("fortran_int32_2d.npy")
        #expect(throws: NPYError.fortranOrderUnsupported(path: fortran.path, operation: "readRows")) {
            try NPYFile.readRows(0..<1, from: fortran)
        }
    }

    // MARK: helpers

    /// Writes `array` with our writer and expects its bytes to equal the NumPy fixture `name`.
    private func expectWrittenBytes(_ array: AnyNDArray, equal name: String, version: NPYWriteVersion,
                                    sourceLocation: SourceLocation = #_sourceLocation) throws {
        let written = try NPYExpected.writtenBytes(array, version: version)
        let numpy = try Data(contentsOf: NPYExpected.url(name))
        #expect(written == numpy, "\(name): ours \(written.count) bytes, NumPy's \(numpy.count)",
                sourceLocation: sourceLocation)
    }
}
