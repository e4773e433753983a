import CHDF5

/// Reads the elements of a dataset selection or of an attribute into Swift values.
///
/// Datasets and attributes share all conversion logic through this type: numeric reads let libhdf5
/// convert from the stored width, sign and byte order into a native memory type; strings, object
/// references and compound fields are in the `+Strings` and `+Compound` extensions. Every method
/// runs inside the caller's `HDF5Library.guarded` scope.
struct HDF5Reader {
    /// What the elements are read from.
    enum Source {
        /// A dataset, read through `memorySpace` / `fileSpace`.
        case dataset(HDF5Handle)
        /// An attribute, always read whole.
        case attribute(HDF5Handle)
    }

    /// The file (for error messages and dereferencing).
    let file: HDF5File
    /// The object path reported in errors ("/a/b" for datasets, "/a/b@name" for attributes).
    let path: String
    /// Where the elements come from.
    let source: Source
    /// The stored data type.
    let type: HDF5Handle
    /// The stored data type, described.
    let dataType: HDF5DataType
    /// The extent of what is read.
    let shape: [Int]
    /// The memory dataspace (the extent of the result); also used to reclaim variable-length memory.
    let memorySpace: HDF5Handle
    /// The file selection for datasets (`nil` = the whole dataset).
    let fileSpace: HDF5Handle?

    /// The most bytes one read may allocate (see `HDF5ReadLimit`).
    var memoryLimit: Int = HDF5ReadLimit.defaultBytes

    /// Number of elements read (`Int.max` when the extent's product overflows).
    var count: Int { HDF5Dataset.checkedProduct(shape) ?? Int.max }

    /// Throws `.readTooLarge` unless `count` elements of `elementBytes` fit `memoryLimit`.
    func checkMemory(elementBytes: Int) throws(HDF5Error) {
        try HDF5ReadLimit.check(count: count, elementBytes: elementBytes, limit: memoryLimit,
                                file: file.path, path: path, shape: shape)
    }

    // MARK: raw access

    /// Reads every selected element as `memoryType` into `buffer` (sized by the caller).
    func read(memoryType: hid_t, into buffer: UnsafeMutableRawPointer) -> herr_t {
        switch source {
        case .dataset(let dataset):
            return H5Dread(dataset.id, memoryType, memorySpace.id, fileSpace?.id ?? ck_h5s_all(),
                           ck_h5p_default(), buffer)
        case .attribute(let attribute):
            return H5Aread(attribute.id, memoryType, buffer)
        }
    }

    /// The error for a failed libhdf5 call, with its message (`needsNewerLibrary` when the message
    /// says the stored format is too new, e.g. an unknown filter-pipeline message version).
    func failure() -> HDF5Error {
        HDF5FormatDiagnosis.objectOpenFailure(file: file.path, path: path, reason: HDF5Library.takeErrorMessage())
    }

    /// The error for a stored type that cannot be read as `expected`.
    func mismatch(_ expected: String) -> HDF5Error {
        .typeMismatch(file: file.path, path: path, expected: expected, found: dataType)
    }

    /// Reads `count` elements of `T` whose memory layout is `memoryType`.
    func direct<T>(memoryType: hid_t, as _: T.Type) throws(HDF5Error) -> [T] {
        guard count > 0 else { return [] }
        try checkMemory(elementBytes: MemoryLayout<T>.stride)
        var status: herr_t = 0
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            status = read(memoryType: memoryType, into: UnsafeMutableRawPointer(buffer.baseAddress!))
            // The element types are trivial, so the buffer is valid however far libhdf5 got.
            initialized = status >= 0 ? count : 0
        }
        guard status >= 0 else { throw failure() }
        return values
    }

    // MARK: numbers

    /// Reads every element converted to `T`.
    ///
    /// Integers of any width and sign convert to any `T` (out-of-range values saturate, as libhdf5
    /// converts); floats convert to `Float` / `Double` only — reading integers from floating-point
    /// data would truncate silently, so it is a `typeMismatch` (read `Double` and round explicitly).
    /// Booleans: h5py's `int8 {FALSE, TRUE}` enumeration, or any integer (non-zero is `true`).
    func numeric<T: HDF5Element>(as _: T.Type) throws(HDF5Error) -> [T] {
        let native = T.hdf5NativeType
        try Self.checkNumeric(stored: dataType, requested: native) { (expected: String) in mismatch(expected) }
        guard count > 0 else { return [] }
        if case .enumeration(_, let members) = dataType {
            return try Self.convert(enumValues(members: members), to: T.self) { failure() }
        }
        if native == .bool {
            let integers = try direct(memoryType: ck_h5t_native_int64(), as: Int64.self)
            return try Self.convert(integers, to: T.self) { failure() }
        }
        return try direct(memoryType: native.predefinedID, as: T.self)
    }

    /// Throws `mismatch(expected)` unless `stored` can be read as `requested`.
    static func checkNumeric(stored: HDF5DataType, requested: HDF5NativeType,
                             mismatch: (String) -> HDF5Error) throws(HDF5Error) {
        switch stored {
        case .integer:
            return
        case .float:
            if requested.isInteger || requested == .bool {
                throw mismatch("\(requested) (integers are not read from floating-point data: read Double)")
            }
        case .enumeration(base: .integer, _):
            if requested == .bool && !stored.isBoolean {
                throw mismatch("bool (an enumeration FALSE = 0, TRUE = 1 or integers)")
            }
        default:
            throw mismatch(requested == .bool ? "bool (an enumeration FALSE = 0, TRUE = 1 or integers)"
                                               : "numbers (\(requested))")
        }
    }

    /// Reads an enumeration's values as `Int64`.
    private func enumValues(members: [HDF5DataType.EnumMember]) throws(HDF5Error) -> [Int64] {
        let memoryType = try enumMemoryType(members: members)
        defer { withExtendedLifetime(memoryType) {} }  // keep the type open through the read
        return try direct(memoryType: memoryType.id, as: Int64.self)
    }

    /// A native `Int64`-based enumeration with the stored members: libhdf5 converts enumerations
    /// only to enumerations (by member name), so this is how their values are read as numbers.
    func enumMemoryType(members: [HDF5DataType.EnumMember]) throws(HDF5Error) -> HDF5Handle {
        let memoryType = try HDF5Handle.check(H5Tenum_create(ck_h5t_native_int64()), kind: .datatype) { _ in
            failure()
        }
        for member in members {
            var value = member.value
            guard H5Tenum_insert(memoryType.id, member.name, &value) >= 0 else { throw failure() }
        }
        return memoryType
    }

    /// Converts `Int64` values to `T` (through libhdf5's conversion, so it saturates like a read).
    static func convert<T: HDF5Element>(_ values: [Int64], to _: T.Type,
                                        failure: () -> HDF5Error) throws(HDF5Error) -> [T] {
        let native = T.hdf5NativeType
        if native == .bool {
            // T is Bool here; the cast cannot fail.
            return values.map { $0 != 0 } as! [T]
        }
        if native == .int64 { return values.map { unsafeBitCast($0, to: T.self) } }
        var buffer = values  // 8 bytes per element: room for any target type
        let status = buffer.withUnsafeMutableBytes { raw in
            H5Tconvert(ck_h5t_native_int64(), native.predefinedID, values.count, raw.baseAddress, nil,
                       ck_h5p_default())
        }
        guard status >= 0 else { throw failure() }
        return buffer.withUnsafeBytes { raw in
            (0..<values.count).map { raw.loadUnaligned(fromByteOffset: $0 * native.byteCount, as: T.self) }
        }
    }
}
