import CortexHDF5
import CortexNumerics
import Foundation
import Testing

/// Numbers written by h5py (`numeric.h5`) read back exactly, converted to any requested type.
@Suite struct NumericReadTests {
    let file: HDF5File
    let expected = Fixtures.expected.numeric

    init() throws { file = try HDF5File.open(Fixtures.url("numeric.h5")) }

    @Test func everyIntegerWidthReadsExactlyAsItsOwnType() throws {
        let ints = expected.integers
        #expect(try file.dataset("integers/int8").readVector(as: Int8.self) == ints.int8)
        #expect(try file.dataset("integers/int16").readVector(as: Int16.self) == ints.int16)
        #expect(try file.dataset("integers/int32").readVector(as: Int32.self) == ints.int32)
        #expect(try file.dataset("integers/int64").readVector(as: Int64.self) == ints.int64)
        #expect(try file.dataset("integers/uint8").readVector(as: UInt8.self) == ints.uint8)
        #expect(try file.dataset("integers/uint16").readVector(as: UInt16.self) == ints.uint16)
        #expect(try file.dataset("integers/uint32").readVector(as: UInt32.self) == ints.uint32)
        #expect(try file.dataset("integers/uint64").readVector(as: UInt64.self) == ints.uint64)
    }

    @Test func integerWidthsConvertToInt64AndDouble() throws {
        let ints = expected.integers
        let widened: [(String, [Int64])] = [
            ("int8", ints.int8.map(Int64.init)), ("int16", ints.int16.map(Int64.init)),
            ("int32", ints.int32.map(Int64.init)), ("int64", ints.int64),
            ("uint8", ints.uint8.map(Int64.init)), ("uint16", ints.uint16.map(Int64.init)),
            ("uint32", ints.uint32.map(Int64.init)),
        ]
        for (name, values) in widened {
            let dataset = try file.dataset("/integers/\(name)")
            #expect(try dataset.readVector(as: Int64.self) == values, "\(name) as Int64")
            #expect(try dataset.readVector(as: Int.self) == values.map(Int.init), "\(name) as Int")
            #expect(try dataset.readVector(as: Double.self) == values.map(Double.init), "\(name) as Double")
        }
    }

    @Test func outOfRangeIntegersSaturate() throws {
        // uint64 max does not fit Int64: libhdf5's conversion clamps to Int64.max.
        let values = try file.dataset("integers/uint64").readVector(as: Int64.self)
        #expect(values == [0, 1, 2, 100, Int64.max, Int64.max])
        let bytes = try file.dataset("integers/int16").readVector(as: Int8.self)
        #expect(bytes == [Int8.min, -1, 0, 1, 2, Int8.max])
    }

    @Test func dataTypesDescribeWidthAndSign() throws {
        #expect(try file.dataset("integers/int8").dataType == .integer(bytes: 1, signed: true))
        #expect(try file.dataset("integers/uint16").dataType == .integer(bytes: 2, signed: false))
        #expect(try file.dataset("integers/uint64").dataType == .integer(bytes: 8, signed: false))
        #expect(try file.dataset("floats/float32").dataType == .float(bytes: 4))
        #expect(try file.dataset("floats/float64_be").dataType == .float(bytes: 8))
        #expect(try file.dataset("integers/int32").dataType.description == "int32")
    }

    @Test func floatsReadAsFloatAndDoubleInEitherByteOrder() throws {
        let floats = expected.floats
        #expect(try file.dataset("floats/float32").readVector(as: Float.self) == floats.float32)
        #expect(try file.dataset("floats/float32").readVector(as: Double.self) == floats.float32.map(Double.init))
        #expect(try file.dataset("floats/float64").readVector(as: Double.self) == floats.float64)
        #expect(try file.dataset("floats/float64_be").readVector(as: Double.self) == floats.float64)
        #expect(try file.dataset("floats/float64").readVector(as: Float.self) == floats.float64.map(Float.init))
        #expect(try file.dataset("floats/int32_be").readVector(as: Int32.self) == floats.int32_be)
    }

    @Test func h5pyBoolEnumerationReadsAsBool() throws {
        let dataset = try file.dataset("bool")
        #expect(dataset.dataType.isBoolean)
        guard case .enumeration(base: .integer(bytes: 1, signed: true), let members) = dataset.dataType else {
            Issue.record("bool stored as \(dataset.dataType)")
            return
        }
        #expect(Set(members) == [.init(name: "FALSE", value: 0), .init(name: "TRUE", value: 1)])
        #expect(try dataset.readVector(as: Bool.self) == expected.bool)
        #expect(try dataset.readVector(as: UInt8.self) == expected.bool.map { $0 ? 1 : 0 })
        #expect(try dataset.readVector(as: Double.self) == expected.bool.map { $0 ? 1 : 0 })
    }

    @Test func integersReadAsBoolAreNonZero() throws {
        #expect(try file.dataset("integers/int16").readVector(as: Bool.self) == [true, true, false, true, true, true])
    }

    @Test func matrixAndCubeKeepTheirShapeInRowMajorOrder() throws {
        let matrix = try file.dataset("matrix_3x4").read(as: Double.self)
        #expect(matrix.shape == [3, 4])
        #expect(matrix.scalars == expected.matrix_3x4)
        #expect(matrix[2, 1] == expected.matrix_3x4[2 * 4 + 1])
        let cube = try file.dataset("cube_2x3x4").read(as: Int32.self)
        #expect(cube.shape == [2, 3, 4])
        #expect(cube.scalars == expected.cube_2x3x4)
        #expect(cube[1, 2, 3] == expected.cube_2x3x4[1 * 12 + 2 * 4 + 3])
    }

    @Test func chunkedGzipDatasetReadsExactly() throws {
        let dataset = try file.dataset("chunked_gzip")
        #expect(dataset.shape == [50, 6])
        #expect(dataset.chunkShape == [8, 6])
        #expect(dataset.isGzipCompressed)
        #expect(try dataset.read(as: Float.self).scalars == expected.chunked_gzip)
        let contiguous = try file.dataset("matrix_3x4")
        #expect(contiguous.chunkShape == nil)
        #expect(!contiguous.isGzipCompressed)
    }

    @Test(arguments: [0..<1, 0..<8, 5..<13, 7..<9, 16..<50, 49..<50, 0..<50, 20..<20])
    func rowReadsEqualSlicesOfTheFullRead(rows: Range<Int>) throws {
        let dataset = try file.dataset("chunked_gzip")
        let full = try dataset.read(as: Double.self)
        let part = try dataset.readRows(rows, as: Double.self)
        #expect(part.shape == [rows.count, 6])
        #expect(part.scalars == Array(full.scalars[rows.lowerBound * 6 ..< rows.upperBound * 6]))
    }

    @Test func rowReadsOfThreeDimensionalAndOneDimensionalData() throws {
        let cube = try file.dataset("cube_2x3x4")
        let second = try cube.readRows(1..<2, as: Int64.self)
        #expect(second.shape == [1, 3, 4])
        #expect(second.scalars == expected.cube_2x3x4[12..<24].map(Int64.init))
        let vector = try file.dataset("floats/float64")
        #expect(try vector.readRows(2..<5, as: Double.self).scalars == Array(expected.floats.float64[2..<5]))
    }

    @Test func emptyDatasetsReadAsEmptyArrays() throws {
        let empty = try file.dataset("empty")
        #expect(empty.shape == [0])
        #expect(try empty.read(as: Double.self) == NDArray(shape: [0], scalars: []))
        #expect(try empty.readRows(0..<0, as: Double.self).count == 0)
        let empty2D = try file.dataset("empty_2d")
        #expect(empty2D.shape == [0, 3])
        #expect(try empty2D.read(as: Int64.self).shape == [0, 3])
    }

    @Test func scalarDatasetsReadAsRankZero() throws {
        let scalar = try file.dataset("scalar_float")
        #expect(scalar.shape == [])
        #expect(scalar.rank == 0 && scalar.count == 1)
        #expect(try scalar.readScalar(as: Double.self) == expected.scalar_float)
        #expect(try scalar.read(as: Double.self) == NDArray(shape: [], scalars: [expected.scalar_float]))
        #expect(try file.dataset("scalar_int").readScalar(as: Int16.self) == expected.scalar_int)
        #expect(try file.dataset("scalar_int").readScalar(as: Double.self) == Double(expected.scalar_int))
    }

    @Test func integersAreNotReadFromFloatingPointData() throws {
        let error = capturedError { try file.dataset("floats/float64").read(as: Int64.self) }
        guard case .typeMismatch(let path, let objectPath, _, let found) = error else {
            Issue.record("expected typeMismatch, got \(String(describing: error))")
            return
        }
        #expect(path == Fixtures.url("numeric.h5").path)
        #expect(objectPath == "/floats/float64")
        #expect(found == .float(bytes: 8))
    }

    @Test func readVectorAndReadScalarCheckTheShape() throws {
        let error = capturedError { try file.dataset("matrix_3x4").readVector(as: Double.self) }
        guard case .shapeMismatch(_, "/matrix_3x4", _, let found) = error, found == [3, 4] else {
            Issue.record("expected shapeMismatch, got \(String(describing: error))")
            return
        }
        let scalarError = capturedError { try file.dataset("floats/float64").readScalar(as: Double.self) }
        guard case .shapeMismatch = scalarError else {
            Issue.record("expected shapeMismatch, got \(String(describing: scalarError))")
            return
        }
    }
}
