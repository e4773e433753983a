import CHDF5

extension HDF5Dataset {
    /// Writes this dataset's cached chunks to the file now. Writers that fill several chunked
    /// datasets flush them in a fixed order before closing, so chunk placement — and the file's
    /// bytes — does not depend on the order handles happen to be released in.
    public func flush() throws(HDF5Error) {
        try HDF5Library.guarded { () throws(HDF5Error) in
            guard H5Dflush(handle.id) >= 0 else {
                throw .writeFailed(file: file.path, path: path, reason: HDF5Library.takeErrorMessage())
            }
        }
    }
}
