import CortexHDF5
import Testing

/// Strings written by h5py (`strings.h5`): variable- and fixed-length, ASCII and UTF-8, every padding.
@Suite struct StringReadTests {
    let file: HDF5File
    let expected = Fixtures.expected.strings

    init() throws { file = try HDF5File.open(Fixtures.url("strings.h5")) }

    @Test func variableLengthUTF8KeepsNonASCIICharacters() throws {
        let dataset = try file.dataset("vlen_utf8")
        #expect(dataset.dataType == .string(variable: true, encoding: .utf8, size: 0))
        let values = try dataset.readStrings()
        #expect(values == expected.vlen_utf8)
        #expect(values.contains("μm") && values.contains("ünits") && values.contains("VISp"))
    }

    @Test func variableLengthASCII() throws {
        let dataset = try file.dataset("vlen_ascii")
        #expect(dataset.dataType == .string(variable: true, encoding: .ascii, size: 0))
        #expect(try dataset.readStrings() == expected.vlen_ascii)
    }

    @Test func fixedLengthNullPaddedASCII() throws {
        let dataset = try file.dataset("fixed_nullpad")
        #expect(dataset.dataType == .string(variable: false, encoding: .ascii, size: 5))
        #expect(try dataset.readStrings() == expected.fixed_nullpad)
    }

    @Test func fixedLengthSpacePaddedASCII() throws {
        let dataset = try file.dataset("fixed_spacepad")
        #expect(dataset.dataType == .string(variable: false, encoding: .ascii, size: 6))
        #expect(try dataset.readStrings() == expected.fixed_spacepad)
    }

    @Test func fixedLengthUTF8() throws {
        let dataset = try file.dataset("fixed_utf8")
        #expect(dataset.dataType == .string(variable: false, encoding: .utf8, size: 8))
        #expect(try dataset.readStrings() == expected.fixed_utf8)
    }

    @Test func twoDimensionalStringsReadRowMajorAndByRows() throws {
        let dataset = try file.dataset("vlen_2x2")
        #expect(dataset.shape == [2, 2])
        #expect(try dataset.readStrings() == expected.vlen_2x2)
        #expect(try dataset.readStringRows(1..<2) == Array(expected.vlen_2x2[2..<4]))
        #expect(try file.dataset("vlen_utf8").readStringRows(1..<3) == Array(expected.vlen_utf8[1..<3]))
    }

    @Test func scalarStringDatasets() throws {
        #expect(try file.dataset("scalar_vlen").readString() == expected.scalar_vlen)
        #expect(try file.dataset("scalar_fixed").readString() == expected.scalar_fixed)
        #expect(try file.dataset("scalar_fixed").shape == [])
    }

    @Test func stringsRequestedFromFloatsAreATypeMismatchNamingFileAndPath() throws {
        let error = capturedError { try file.dataset("not_strings").readStrings() }
        guard case .typeMismatch(_, "/not_strings", "strings", .float(bytes: 8)) = error else {
            Issue.record("expected typeMismatch, got \(String(describing: error))")
            return
        }
        let line = error?.description ?? ""
        #expect(line.contains(Fixtures.url("strings.h5").path))
        #expect(line.contains("/not_strings"))
        #expect(line.contains("float64"))
    }

    @Test func numbersRequestedFromStringsAreATypeMismatch() throws {
        let error = capturedError { try file.dataset("vlen_utf8").read(as: Double.self) }
        guard case .typeMismatch(_, "/vlen_utf8", _, .string) = error else {
            Issue.record("expected typeMismatch, got \(String(describing: error))")
            return
        }
    }
}
