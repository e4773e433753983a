import CortexNumerics

extension NDArray where Scalar == Double {
    /// The rows `rows` of a matrix, in that order (repeats allowed): halves of frames, shifted frames.
    func pickingRows(_ rows: [Int]) -> NDArray<Double> {
        let c = columns
        return withUnsafeBufferPointer { p in
            NDArray(shape: [rows.count, c], generating: { i in p[rows[i / c] * c + i % c] })
        }
    }

    /// The columns `columns` of a matrix, in that order (repeats allowed): resampled neurons.
    func pickingColumns(_ columns: [Int]) -> NDArray<Double> {
        let (r, c, k) = (rows, self.columns, columns.count)
        return withUnsafeBufferPointer { p in
            NDArray(shape: [r, k], generating: { i in p[(i / k) * c + columns[i % k]] })
        }
    }
}
