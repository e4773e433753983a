import CortexNumerics
import Testing
@testable import CortexIO

/// The raw-memory kernels behind `.npy` reading equal naive per-element references.
@Suite("NPY kernels")
struct NPYKernelTests {
    /// Naive Fortran → C: for each C-order multi-index, the Fortran offset `Σ iₖ·Πⱼ<ₖ shape[j]`.
    private func naiveFortranToC(_ source: [Int], shape: [Int]) -> [Int] {
        let c = NDArray<Int>(shape: shape, repeating: 0)
        return (0..<c.count).map { flat in
            var rest = flat, index = [Int](repeating: 0, count: shape.count)
            for axis in stride(from: shape.count - 1, through: 0, by: -1) {
                index[axis] = rest % shape[axis]
                rest /= shape[axis]
            }
            var offset = 0, step = 1
            for axis in 0..<shape.count { offset += index[axis] * step; step *= shape[axis] }
            return source[offset]
        }
    }

    @Test("fortranToC equals the naive index formula", arguments: [
        [6], [2, 3], [3, 2], [2, 3, 4], [1, 5], [5, 1], [3, 1, 2, 2], [2, 2, 2, 2, 3], [4, 0, 2], [],
    ])
    func fortranToC(_ shape: [Int]) {
        let count = shape.reduce(1, *)
        let source = (0..<count).map { $0 * 7 + 1 }
        let out = [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
            source.withUnsafeBufferPointer { src in
                if let base = buffer.baseAddress { NPYKernels.fortranToC(src, shape: shape, into: base) }
            }
            initialized = count
        }
        #expect(out == naiveFortranToC(source, shape: shape), "\(shape)")
    }

    @Test("swapBytes reverses each element's bytes", arguments: [1, 2, 4, 8])
    func swapBytes(_ itemSize: Int) {
        let bytes = (0..<(itemSize * 5)).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
        var swapped = bytes
        swapped.withUnsafeMutableBytes { NPYKernels.swapBytes($0, itemSize: itemSize) }
        let naive = stride(from: 0, to: bytes.count, by: itemSize).flatMap { bytes[$0..<($0 + itemSize)].reversed() }
        #expect(swapped == naive)
    }

    @Test("convert equals Double.init / Float.init per element, for every source dtype", arguments: NPYDType.allCases)
    func convert(_ dtype: NPYDType) throws {
        let array = NPYExpected.fixture(for: dtype).array
        let reference = NPYExpected.naiveDoubles(array)
        let bytes = NPYExpected.rawBytes(array)
        func converted<D>(_: D.Type, _ target: NPYDType) -> [D] {
            [D](unsafeUninitializedCapacity: array.count) { buffer, initialized in
                let destination = UnsafeMutableRawPointer(buffer.baseAddress!)
                bytes.withUnsafeBytes { NPYKernels.convert($0, from: dtype, into: destination, as: target) }
                initialized = array.count
            }
        }
        let doubles = converted(Double.self, .float64)
        let floats = converted(Float.self, .float32)
        #expect(doubles == reference.scalars)
        #expect(floats == reference.scalars.map { Float($0) })
    }

    @Test("normalizeBooleans maps every nonzero byte to 1")
    func normalizeBooleans() {
        var bytes: [UInt8] = [0, 1, 2, 127, 255, 0]
        bytes.withUnsafeMutableBytes { NPYKernels.normalizeBooleans($0) }
        #expect(bytes == [0, 1, 1, 1, 1, 0])
    }

    @Test("descr strings parse to dtype and byte order; others are rejected")
    func descrParsing() {
        let native = NPYByteOrder.native
        let good: [(String, NPYDType, NPYByteOrder)] = [
            ("<f8", .float64, .little), (">f4", .float32, .big), ("|b1", .bool, native), ("?", .bool, native),
            ("=i4", .int32, native), ("i8", .int64, native), ("|u1", .uint8, native), (">u2", .uint16, .big),
            ("<u4", .uint32, .little), (">u8", .uint64, .big), ("|i1", .int8, native), ("<i2", .int16, .little),
        ]
        for (descr, dtype, order) in good {
            let parsed = NPYDType.parse(descr: descr)
            #expect(parsed?.dtype == dtype && parsed?.byteOrder == order, "\(descr)")
        }
        for bad in ["<c16", "|O", "<f2", "<f16", "<i3", "<f+8", "<f", "", "<", "float64", "|S3", "<U3", "<M8[ns]"] {
            #expect(NPYDType.parse(descr: bad) == nil, "\(bad)")
        }
        for dtype in NPYDType.allCases {
            #expect(NPYDType.parse(descr: dtype.descr(byteOrder: .little))?.dtype == dtype)
        }
        #expect(NPYDType.float64.descr(byteOrder: .big) == ">f8" && NPYDType.uint8.descr(byteOrder: .big) == "|u1")
    }

    @Test("the literal parser follows Python: (x) is x, (x,) a tuple, nested containers, escapes")
    func pythonLiterals() throws {
        #expect(try PythonLiteralParser.parse("(5)") == .integer(5))
        #expect(try PythonLiteralParser.parse("(5,)") == .tuple([.integer(5)]))
        #expect(try PythonLiteralParser.parse(" () ") == .tuple([]))
        #expect(try PythonLiteralParser.parse("[1, -2, +3,]") == .list([.integer(1), .integer(-2), .integer(3)]))
        #expect(try PythonLiteralParser.parse("{'a': None, \"b\": (True, [False])}")
                == .dict([(.string("a"), .none), (.string("b"), .tuple([.boolean(true), .list([.boolean(false)])]))]))
        #expect(try PythonLiteralParser.parse(#"'it\'s\x41\n'"#) == .string("it'sA\n"))
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(throws: PythonLiteralParser.Failure(reason: "nesting deeper than 32", offset: 32)) {
            try PythonLiteralParser.parse(deep)
        }
        #expect(try PythonLiteralParser.parse(String(deep.dropFirst(8).dropLast(8))) != .none)
        for bad in ["Truex", "1.5", "(1 2)", "{'a' 1}", "'abc", "[1,,2]", "{1: 2", "1 2", "0x10", "-"] {
            #expect(throws: PythonLiteralParser.Failure.self, "\(bad)") { try PythonLiteralParser.parse(bad) }
        }
    }
}
