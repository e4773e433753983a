import CHDF5
import CortexNumerics

/// Writing a dataset piece by piece: create it at its full extent first, then fill rows as they
/// are produced (hyperslab writes), so a frames × units matrix is written without ever being in
/// memory whole.
///
/// ```swift
/// let layer = try file.root.createDataset("sn1/features", shape: [900, 16_384], of: Float.self,
///                                         options: HDF5DatasetOptions(layout: .chunked([16, 2048])))
/// for chunk in stride(from: 0, to: 900, by: 16) { try layer.writeRows(chunk..<min(900, chunk + 16), rows(chunk)) }
/// ```
/// Rows never written read as 0 (HDF5's default fill value). With chunked storage whose chunks
/// span whole row ranges as written, every write fills whole chunks (no read-modify-write).
extension HDF5Group {
    /// Creates a dataset of `shape` and element type `T` without writing any element.
    /// - Throws: `.alreadyExists` (per `options.ifExists`), `.shapeMismatch` (bad chunk shape),
    ///   `.writeFailed`.
    @discardableResult
    public func createDataset<T: HDF5Element>(_ path: String, shape: [Int], of type: T.Type,
                                              options: HDF5DatasetOptions = HDF5DatasetOptions()) throws(HDF5Error)
        -> HDF5Dataset {
        let absolute = absolutePath(path)
        return try HDF5Library.guarded { () throws(HDF5Error) -> HDF5Dataset in
            let failure = { [file] (reason: String) in HDF5Error.writeFailed(file: file.path, path: absolute, reason: reason) }
            let elementType = try HDF5TypeFactory.elementType(T.self, failure: failure)
            let dataset = try createDataset(absolute, shape: shape, type: elementType,
                                            elementBytes: T.hdf5NativeType.byteCount, options: options)
            return try HDF5Dataset(file: file, path: absolute, handle: dataset)
        }
    }
}

extension HDF5Dataset {
    /// Writes rows `rows` of the first dimension (every other dimension whole) from `values`, in
    /// row-major order: `rows.count × shape.dropFirst().reduce(1, *)` elements.
    /// - Throws: `.shapeMismatch` for a scalar dataset, rows outside `0..<shape[0]` or a wrong
    ///   element count; `.writeFailed`.
    public func writeRows<T: HDF5Element>(_ rows: Range<Int>, _ values: [T]) throws(HDF5Error) {
        guard !shape.isEmpty, rows.lowerBound >= 0, rows.upperBound <= shape[0] else {
            throw .shapeMismatch(file: file.path, path: path, expected: "rows \(rows) of a dataset with rows", found: shape)
        }
        let rowShape = [rows.count] + shape.dropFirst()
        guard values.count == rowShape.reduce(1, *) else {
            throw .shapeMismatch(file: file.path, path: path,
                                 expected: "\(rowShape.reduce(1, *)) elements for rows \(rows), got \(values.count)",
                                 found: shape)
        }
        if values.isEmpty { return }
        try HDF5Library.guarded { () throws(HDF5Error) in
            let failure = { (reason: String) in HDF5Error.writeFailed(file: self.file.path, path: self.path, reason: reason) }
            guard file.isWritable else { throw failure("the file is open read-only") }
            let type = try HDF5TypeFactory.elementType(T.self, failure: failure)
            let fileSpace = try HDF5Handle.check(H5Dget_space(handle.id), kind: .dataspace, orThrow: failure)
            guard HDF5Dataspace.selectRows(rows, in: fileSpace.id, shape: shape) >= 0 else {
                throw failure(HDF5Library.takeErrorMessage())
            }
            let memory = try HDF5Handle.check(HDF5Dataspace.create(shape: rowShape), kind: .dataspace, orThrow: failure)
            let status = HDF5TypeFactory.withElements(values) {
                H5Dwrite(handle.id, type.id, memory.id, fileSpace.id, ck_h5p_default(), $0)
            }
            guard status >= 0 else { throw failure(HDF5Library.takeErrorMessage()) }
        }
    }
}
