import CHDF5

/// Dataspace helpers: extents, creation and row (first-dimension) hyperslab selections.
enum HDF5Dataspace {
    /// The extent of a dataspace: `[]` for a scalar; `[0]` for a null dataspace (no elements);
    /// otherwise the dimension sizes.
    static func shape(of spaceID: hid_t) -> [Int] {
        switch H5Sget_simple_extent_type(spaceID) {
        case H5S_SCALAR:
            return []
        case H5S_SIMPLE:
            let rank = Int(H5Sget_simple_extent_ndims(spaceID))
            guard rank > 0 else { return [] }
            var dims = [hsize_t](repeating: 0, count: rank)
            _ = H5Sget_simple_extent_dims(spaceID, &dims, nil)
            return dims.map { Int(clamping: $0) }  // a corrupt extent saturates; reads then throw
        default:
            return [0]
        }
    }

    /// A new dataspace of the given shape (`[]` → scalar).
    static func create(shape: [Int]) -> hid_t {
        if shape.isEmpty { return H5Screate(H5S_SCALAR) }
        let dims = shape.map { hsize_t($0) }
        return H5Screate_simple(Int32(dims.count), dims, nil)
    }

    /// Selects rows `rows` of the first dimension (every other dimension whole) in `spaceID`.
    static func selectRows(_ rows: Range<Int>, in spaceID: hid_t, shape: [Int]) -> herr_t {
        var start = [hsize_t](repeating: 0, count: shape.count)
        var count = shape.map { hsize_t($0) }
        start[0] = hsize_t(rows.lowerBound)
        count[0] = hsize_t(rows.count)
        return H5Sselect_hyperslab(spaceID, H5S_SELECT_SET, start, nil, count, nil)
    }
}
