import CHDF5

/// A dataset: an n-dimensional array of typed elements, read into Swift arrays.
///
/// Opening reads the extent (`shape`) and the stored element type (`dataType`); reads convert to
/// the requested Swift type (see `HDF5Dataset+Read`, `+Strings`, `+References`). The dataset keeps
/// its file open.
///
/// ```swift
/// let times = try file.dataset("/units/spike_times")
/// times.shape                                   // [131_000_000]
/// let first = try times.readRows(0..<1_000_000, as: Double.self)
/// ```
///
/// Threads: as `HDF5File` (one thread at a time; libhdf5 serialises calls).
public final class HDF5Dataset: @unchecked Sendable {
    // @unchecked Sendable: immutable stored properties; libhdf5 (thread-safe build) serialises calls.

    /// The file this dataset belongs to (kept open by the dataset).
    public let file: HDF5File
    /// The dataset's absolute path in the file, as it was opened (through links, if any).
    public let path: String
    /// The extent: `[]` for a scalar dataset, `[0]` for one with a null dataspace.
    public let shape: [Int]
    /// The element type as stored.
    public let dataType: HDF5DataType
    /// The chunk extent when the dataset is chunked, `nil` for contiguous or compact storage.
    public let chunkShape: [Int]?
    /// Whether the gzip (deflate) filter is in the dataset's filter pipeline.
    public let isGzipCompressed: Bool
    /// Whether stored data covers the extent (checked before every read; see `+Extent`).
    let storageCoverage: StorageCoverage
    /// The dataset identifier.
    let handle: HDF5Handle
    /// The stored data type identifier, kept for reads.
    let typeHandle: HDF5Handle

    /// Reads the dataset's type, extent and storage layout. `handle` must be an open dataset.
    init(file: HDF5File, path: String, handle: HDF5Handle) throws(HDF5Error) {
        let failure = { (reason: String) in HDF5FormatDiagnosis.objectOpenFailure(file: file.path, path: path,
                                                                                  reason: reason) }
        self.file = file
        self.path = path
        self.handle = handle
        typeHandle = try HDF5Handle.check(H5Dget_type(handle.id), kind: .datatype, orThrow: failure)
        dataType = HDF5DataType(typeID: typeHandle.id)
        let space = try HDF5Handle.check(H5Dget_space(handle.id), kind: .dataspace, orThrow: failure)
        shape = HDF5Dataspace.shape(of: space.id)
        let plist = try HDF5Handle.check(H5Dget_create_plist(handle.id), kind: .propertyList, orThrow: failure)
        let layout = H5Pget_layout(plist.id)
        if layout == H5D_CHUNKED, !shape.isEmpty {
            var dims = [hsize_t](repeating: 0, count: shape.count)
            let rank = H5Pget_chunk(plist.id, Int32(dims.count), &dims)
            chunkShape = rank > 0 ? dims.prefix(Int(rank)).map { Int(clamping: $0) } : nil
        } else {
            chunkShape = nil
        }
        var gzip = false
        for index in 0..<max(0, H5Pget_nfilters(plist.id)) {
            var flags: UInt32 = 0
            var valueCount = 0
            var config: UInt32 = 0
            let filter = H5Pget_filter2(plist.id, UInt32(index), &flags, &valueCount, nil, 0, nil, &config)
            if filter == H5Z_FILTER_DEFLATE { gzip = true }
        }
        isGzipCompressed = gzip
        var fill = H5D_FILL_VALUE_UNDEFINED
        let userFill = H5Pfill_value_defined(plist.id, &fill) >= 0 && fill == H5D_FILL_VALUE_USER_DEFINED
        // Data in external raw files is not counted by H5Dget_storage_size: not checked here.
        storageCoverage = H5Pget_external_count(plist.id) > 0 ? .covered
            : Self.storageCoverage(dataset: handle.id, layout: layout, shape: shape, chunkShape: chunkShape,
                                   elementBytes: max(1, H5Tget_size(typeHandle.id)), userFill: userFill)
        ck_h5_silence_and_clear()
    }

    /// Number of dimensions (0 for a scalar dataset).
    public var rank: Int { shape.count }

    /// Total number of elements (1 for a scalar dataset); `Int.max` when the extent's product
    /// overflows (a corrupt extent: every read then throws).
    public var count: Int { Self.checkedProduct(shape) ?? Int.max }

    /// The dataset's attributes.
    public var attributes: HDF5Attributes {
        HDF5Attributes(file: file, objectPath: path, location: handle)
    }

    // MARK: reading support shared by the +Read/+Strings/+References extensions

    /// A reader over this dataset for the whole extent or for rows `rows` of the first dimension.
    /// - Throws: `.shapeMismatch` when `rows` is given for a scalar dataset or exceeds the extent;
    ///   `.extentNotStored` when the stored data does not cover the extent (see `+Extent`).
    func reader(rows: Range<Int>?) throws(HDF5Error) -> HDF5Reader {
        try checkStorageCoverage()
        let failure = { (reason: String) in HDF5Error.readFailed(file: self.file.path, path: self.path,
                                                                  reason: reason) }
        let space = try HDF5Handle.check(H5Dget_space(handle.id), kind: .dataspace, orThrow: failure)
        guard let rows else {
            return HDF5Reader(file: file, path: path, source: .dataset(handle), type: typeHandle,
                              dataType: dataType, shape: shape, memorySpace: space, fileSpace: nil)
        }
        guard !shape.isEmpty else {
            throw .shapeMismatch(file: file.path, path: path,
                                 expected: "a dataset with rows (rank ≥ 1) for rows \(rows)", found: shape)
        }
        guard rows.lowerBound >= 0, rows.upperBound <= shape[0] else {
            throw .shapeMismatch(file: file.path, path: path,
                                 expected: "rows \(rows) within 0..<\(shape[0])", found: shape)
        }
        var rowShape = shape
        rowShape[0] = rows.count
        if rowShape.contains(0) {
            return HDF5Reader(file: file, path: path, source: .dataset(handle), type: typeHandle,
                              dataType: dataType, shape: rowShape, memorySpace: space, fileSpace: nil)
        }
        guard HDF5Dataspace.selectRows(rows, in: space.id, shape: shape) >= 0 else {
            throw failure(HDF5Library.takeErrorMessage())
        }
        let memory = try HDF5Handle.check(HDF5Dataspace.create(shape: rowShape), kind: .dataspace,
                                          orThrow: failure)
        return HDF5Reader(file: file, path: path, source: .dataset(handle), type: typeHandle,
                          dataType: dataType, shape: rowShape, memorySpace: memory, fileSpace: space)
    }
}
