import Testing
@testable import CortexNumerics

@Suite("NDArray")
struct NDArrayTests {
    @Test("row-major layout and strides match NumPy's C order")
    func rowMajor() {
        let x = NDArray<Double>(shape: [2, 3, 4], generating: { Double($0) })
        #expect(x.strides == [12, 4, 1])
        #expect(x[1, 2, 3] == 23)
        #expect(x[[0, 1, 2]] == 6)
        #expect(x.flatIndex([1, 0, 1]) == 13)
    }

    @Test("transpose twice is the identity; element (i, j) moves to (j, i)")
    func transpose() {
        let m = NDArray<Float>(rows: 3, columns: 5, scalars: (0..<15).map(Float.init))
        let t = m.transposed()
        #expect(t.shape == [5, 3])
        for i in 0..<3 { for j in 0..<5 { #expect(t[j, i] == m[i, j]) } }
        #expect(t.transposed() == m)
    }

    @Test("reshape infers one extent and keeps element order")
    func reshape() {
        let x = NDArray<Int>(shape: [6], scalars: Array(0..<6))
        let y = x.reshaped([-1, 3])
        #expect(y.shape == [2, 3])
        #expect(y[1, 0] == 3)
    }

    @Test("value semantics: mutating a copy leaves the original")
    func valueSemantics() {
        let a = NDArray<Double>(rows: 2, columns: 2, repeating: 1)
        var b = a
        b[0, 0] = 5
        #expect(a[0, 0] == 1)
        #expect(b[0, 0] == 5)
    }

    @Test("rows, columns and row slices")
    func matrixConveniences() {
        let m = NDArray<Double>(rowArrays: [[1, 2], [3, 4], [5, 6]])
        #expect(m.rows == 3 && m.columns == 2)
        #expect(m.row(1) == [3, 4])
        #expect(m.column(1) == [2, 4, 6])
        #expect(m.rows(1..<3) == NDArray(rowArrays: [[3, 4], [5, 6]]))
        #expect(NDArray<Double>.identity(3)[2, 2] == 1 && NDArray<Double>.identity(3)[0, 2] == 0)
    }
}
