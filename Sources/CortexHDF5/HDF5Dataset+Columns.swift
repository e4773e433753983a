import CHDF5
import CortexNumerics

extension HDF5Dataset {
    /// Reads columns `columns` of a two-dimensional dataset (every row): a hyperslab, so only those
    /// columns are read from disk — how a frames × units layer too big for memory is streamed into
    /// Gram matrices, one block of units at a time.
    ///
    /// `readColumns(a..<b, as: T.self)` equals columns `a..<b` of `read(as: T.self)`; its shape is
    /// `[rows, b - a]`. (With a row-major layout, HDF5 reads `rows` runs of `b - a` elements; chunk
    /// the dataset by columns when it is written for the fastest streaming.)
    /// - Throws: `.shapeMismatch` unless the rank is 2 and `columns` lies within `0..<shape[1]`.
    public func readColumns<T: HDF5Element>(_ columns: Range<Int>, as type: T.Type) throws(HDF5Error) -> NDArray<T> {
        try HDF5Library.guarded { () throws(HDF5Error) -> NDArray<T> in
            let reader = try columnReader(columns)
            return NDArray(shape: reader.shape, scalars: try reader.numeric(as: T.self))
        }
    }

    private func columnReader(_ columns: Range<Int>) throws(HDF5Error) -> HDF5Reader {
        guard shape.count == 2 else {
            throw .shapeMismatch(file: file.path, path: path, expected: "a two-dimensional dataset for columns \(columns)",
                                 found: shape)
        }
        guard columns.lowerBound >= 0, columns.upperBound <= shape[1] else {
            throw .shapeMismatch(file: file.path, path: path, expected: "columns \(columns) within 0..<\(shape[1])",
                                 found: shape)
        }
        try checkStorageCoverage()
        let failure = { (reason: String) in HDF5Error.readFailed(file: self.file.path, path: self.path, reason: reason) }
        let space = try HDF5Handle.check(H5Dget_space(handle.id), kind: .dataspace, orThrow: failure)
        let blockShape = [shape[0], columns.count]
        if blockShape.contains(0) {
            return HDF5Reader(file: file, path: path, source: .dataset(handle), type: typeHandle,
                              dataType: dataType, shape: blockShape, memorySpace: space, fileSpace: nil)
        }
        let start: [hsize_t] = [0, hsize_t(columns.lowerBound)]
        let count: [hsize_t] = [hsize_t(shape[0]), hsize_t(columns.count)]
        guard H5Sselect_hyperslab(space.id, H5S_SELECT_SET, start, nil, count, nil) >= 0 else {
            throw failure(HDF5Library.takeErrorMessage())
        }
        let memory = try HDF5Handle.check(HDF5Dataspace.create(shape: blockShape), kind: .dataspace, orThrow: failure)
        return HDF5Reader(file: file, path: path, source: .dataset(handle), type: typeHandle,
                          dataType: dataType, shape: blockShape, memorySpace: memory, fileSpace: space)
    }
}
