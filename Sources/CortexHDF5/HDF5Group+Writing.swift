import CHDF5
import CortexNumerics

/// Writing: groups (with intermediate groups), numeric datasets from `NDArray` and variable-length
/// UTF-8 string datasets. The file must be open for writing. Paths are absolute or relative to this
/// group; missing intermediate groups are created.
extension HDF5Group {
    /// Creates the group at `path`, with any missing intermediate groups.
    /// - Throws: `.alreadyExists` when something is linked at `path`; `.writeFailed`.
    @discardableResult
    public func createGroup(_ path: String) throws(HDF5Error) -> HDF5Group {
        let absolute = absolutePath(path)
        return try HDF5Library.guarded { () throws(HDF5Error) -> HDF5Group in
            let failure = writeFailure(absolute)
            guard file.isWritable else { throw failure("the file is open read-only") }
            guard absolute != "/", !linkChainExists(absolute) else {
                throw .alreadyExists(file: file.path, path: absolute)
            }
            let linkList = try intermediateGroupLinkList(failure: failure)
            // No modification times in object headers: identical content is written as identical bytes.
            let createList = try HDF5Handle.check(H5Pcreate(ck_h5p_group_create()), kind: .propertyList, orThrow: failure)
            guard H5Pset_obj_track_times(createList.id, false) >= 0 else { throw failure(HDF5Library.takeErrorMessage()) }
            let id = H5Gcreate2(file.handle.id, absolute, linkList.id, createList.id, ck_h5p_default())
            guard id >= 0 else { throw failure(HDF5Library.takeErrorMessage()) }
            return HDF5Group(file: file, path: absolute, handle: HDF5Handle(id, kind: .group, owner: file.handle))
        }
    }

    /// Opens the group at `path`, creating it (and intermediate groups) when missing — h5py's
    /// `require_group`.
    /// - Throws: `.wrongKind` when a dataset is there; `.writeFailed`.
    @discardableResult
    public func requireGroup(_ path: String) throws(HDF5Error) -> HDF5Group {
        exists(path) ? try group(path) : try createGroup(path)
    }

    /// Writes `array` as a dataset of its shape (`[]` → scalar dataset) and element type
    /// (`Bool` as h5py's `int8 {FALSE, TRUE}` enumeration), returning the new dataset.
    ///
    /// ```swift
    /// try results.writeDataset("rdm/spearman", rdm, options: .gzip)
    /// ```
    /// - Throws: `.alreadyExists` (per `options.ifExists`), `.shapeMismatch` (bad chunk shape),
    ///   `.writeFailed`.
    @discardableResult
    public func writeDataset<T: HDF5Element>(_ path: String, _ array: NDArray<T>,
                                             options: HDF5DatasetOptions = HDF5DatasetOptions()) throws(HDF5Error)
        -> HDF5Dataset {
        let absolute = absolutePath(path)
        return try HDF5Library.guarded { () throws(HDF5Error) -> HDF5Dataset in
            let failure = writeFailure(absolute)
            let type = try HDF5TypeFactory.elementType(T.self, failure: failure)
            let dataset = try createDataset(absolute, shape: array.shape, type: type,
                                            elementBytes: T.hdf5NativeType.byteCount, options: options)
            if array.count > 0 {
                let status = HDF5TypeFactory.withElements(array.scalars) {
                    H5Dwrite(dataset.id, type.id, ck_h5s_all(), ck_h5s_all(), ck_h5p_default(), $0)
                }
                guard status >= 0 else { throw failure(HDF5Library.takeErrorMessage()) }
            }
            return try HDF5Dataset(file: file, path: absolute, handle: dataset)
        }
    }

    /// Writes strings as a variable-length UTF-8 dataset of the array's shape (`[]` → scalar).
    /// - Throws: `.alreadyExists` (per `options.ifExists`), `.shapeMismatch`, `.writeFailed`.
    @discardableResult
    public func writeStrings(_ path: String, _ strings: NDArray<String>,
                             options: HDF5DatasetOptions = HDF5DatasetOptions()) throws(HDF5Error) -> HDF5Dataset {
        let absolute = absolutePath(path)
        return try HDF5Library.guarded { () throws(HDF5Error) -> HDF5Dataset in
            let failure = writeFailure(absolute)
            let type = try HDF5TypeFactory.variableLengthUTF8(failure: failure)
            let dataset = try createDataset(absolute, shape: strings.shape, type: type,
                                            elementBytes: MemoryLayout<UnsafeRawPointer>.size, options: options)
            if strings.count > 0 {
                let status = HDF5TypeFactory.withCStrings(strings.scalars) {
                    H5Dwrite(dataset.id, type.id, ck_h5s_all(), ck_h5s_all(), ck_h5p_default(), $0)
                }
                guard status >= 0 else { throw failure(HDF5Library.takeErrorMessage()) }
            }
            return try HDF5Dataset(file: file, path: absolute, handle: dataset)
        }
    }

    /// Writes a one-dimensional variable-length UTF-8 string dataset.
    @discardableResult
    public func writeStrings(_ path: String, _ strings: [String],
                             options: HDF5DatasetOptions = HDF5DatasetOptions()) throws(HDF5Error) -> HDF5Dataset {
        try writeStrings(path, NDArray(shape: [strings.count], scalars: strings), options: options)
    }

    /// Writes a scalar variable-length UTF-8 string dataset (e.g. NWB's `/session_description`).
    @discardableResult
    public func writeString(_ path: String, _ value: String,
                            ifExists: HDF5OverwritePolicy = .fail) throws(HDF5Error) -> HDF5Dataset {
        try writeStrings(path, NDArray(shape: [], scalars: [value]), options: HDF5DatasetOptions(ifExists: ifExists))
    }

    // MARK: internals

    /// Creates an (unwritten) dataset at `absolute`, applying the overwrite policy, chunking and filters.
    func createDataset(_ absolute: String, shape: [Int], type: HDF5Handle, elementBytes: Int,
                               options: HDF5DatasetOptions) throws(HDF5Error) -> HDF5Handle {
        let failure = writeFailure(absolute)
        guard file.isWritable else { throw failure("the file is open read-only") }
        if absolute != "/", linkChainExists(absolute) {
            guard options.ifExists == .replace else { throw .alreadyExists(file: file.path, path: absolute) }
            guard H5Ldelete(file.handle.id, absolute, ck_h5p_default()) >= 0 else {
                throw failure(HDF5Library.takeErrorMessage())
            }
        }
        let chunks = try options.chunkShape(for: shape, elementBytes: elementBytes, file: file.path, path: absolute)
        let space = try HDF5Handle.check(HDF5Dataspace.create(shape: shape), kind: .dataspace, orThrow: failure)
        let linkList = try intermediateGroupLinkList(failure: failure)
        let createList = try HDF5Handle.check(H5Pcreate(ck_h5p_dataset_create()), kind: .propertyList,
                                              orThrow: failure)
        // No modification times in object headers: identical content is written as identical bytes
        // (reruns hit the job cache; provenance digests are stable).
        guard H5Pset_obj_track_times(createList.id, false) >= 0 else { throw failure(HDF5Library.takeErrorMessage()) }
        // Storage is filled (with zeros) when allocated: the unused part of an edge chunk would
        // otherwise hold whatever the chunk buffer held — different bytes on every run.
        guard H5Pset_fill_time(createList.id, H5D_FILL_TIME_ALLOC) >= 0 else { throw failure(HDF5Library.takeErrorMessage()) }
        if let chunks {
            guard H5Pset_chunk(createList.id, Int32(chunks.count), chunks.map { hsize_t($0) }) >= 0 else {
                throw failure(HDF5Library.takeErrorMessage())
            }
            if case .gzip(let level) = options.compression {
                precondition((0...9).contains(level), "HDF5DatasetOptions: gzip level \(level) not in 0...9")
                guard H5Pset_deflate(createList.id, UInt32(level)) >= 0 else {
                    throw failure(HDF5Library.takeErrorMessage())
                }
            }
        }
        let id = H5Dcreate2(file.handle.id, absolute, type.id, space.id, linkList.id, createList.id, ck_h5p_default())
        guard id >= 0 else { throw failure(HDF5Library.takeErrorMessage()) }
        return HDF5Handle(id, kind: .dataset, owner: file.handle)
    }

    /// A link creation property list that creates missing intermediate groups.
    private func intermediateGroupLinkList(failure: (String) -> HDF5Error) throws(HDF5Error) -> HDF5Handle {
        let list = try HDF5Handle.check(H5Pcreate(ck_h5p_link_create()), kind: .propertyList, orThrow: failure)
        guard H5Pset_create_intermediate_group(list.id, 1) >= 0 else { throw failure(HDF5Library.takeErrorMessage()) }
        return list
    }

    /// The write-failure error for an object path.
    private func writeFailure(_ absolute: String) -> (String) -> HDF5Error {
        { [file] reason in .writeFailed(file: file.path, path: absolute, reason: reason) }
    }
}
