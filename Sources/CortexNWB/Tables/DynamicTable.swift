import CortexHDF5

/// An NWB `DynamicTable` (hdmf-common): a group of equal-length column datasets plus an `id` dataset.
///
/// Columns are found **by name** (the order of the `colnames` attribute is arbitrary and never used
/// for lookup). A scalar column is a one-dimensional dataset with one element per row; a ragged
/// column `X` is stored as a flat data dataset `X` plus an index dataset `X_index` of exclusive end
/// offsets (see ``RaggedColumn``).
///
/// ```swift
/// let units = try DynamicTable(group: file.group("/units"))
/// let ids = try units.ids()                               // [Int64], one per row
/// let snr = try units.doubles("snr")                      // any int/float width → Double, NaN kept
/// let quality = try units.strings("quality")
/// let spikes = try units.ragged("spike_times")            // validated offsets; data read lazily
/// ```
///
/// Every read checks the column's length against `rowCount` and throws ``NWBError`` naming the file
/// and dataset path on a mismatch.
public struct DynamicTable: Sendable {
    /// The table's group.
    public let group: HDF5Group
    /// The `colnames` attribute as stored (empty when absent), in the file's (arbitrary) order.
    public let columnNames: [String]
    /// Number of rows: the length of the `id` dataset.
    public let rowCount: Int

    /// Opens the table at `group`, reading `colnames` and the length of `id`.
    /// - Throws: `.hdf5(.objectMissing)` when there is no `id` dataset; `.columnShape` when `id` is
    ///   not one-dimensional.
    public init(group: HDF5Group) throws(NWBError) {
        self.group = group
        let attributes = group.attributes
        columnNames = attributes.contains("colnames") ? try nwbHDF5 { () throws(HDF5Error) in
            try attributes.open("colnames").readStrings()
        } : []
        let id = try nwbHDF5 { () throws(HDF5Error) in try group.dataset("id") }
        guard id.rank == 1 else {
            throw .columnShape(file: group.file.path, path: id.path, expected: "a one-dimensional id column",
                               found: id.shape)
        }
        rowCount = id.shape[0]
    }

    /// The file's path on disk.
    public var file: String { group.file.path }
    /// The table's absolute path inside the file.
    public var path: String { group.path }

    /// Whether a dataset named `column` exists in the table's group (listed in `colnames` or not).
    public func hasColumn(_ column: String) -> Bool {
        group.exists(column) && (try? group.kind(of: column)) == .dataset
    }

    /// Whether `column` is ragged (an `<column>_index` dataset exists beside it).
    public func isRagged(_ column: String) -> Bool { hasColumn(column + "_index") }

    /// The dataset of `column`.
    /// - Throws: `.columnMissing` listing the table's columns.
    public func dataset(_ column: String) throws(NWBError) -> HDF5Dataset {
        guard hasColumn(column) else {
            let names = columnNames.isEmpty ? ((try? group.children().map(\.name)) ?? []) : columnNames
            throw .columnMissing(file: file, table: path, column: column, available: names)
        }
        return try nwbHDF5 { () throws(HDF5Error) in try group.dataset(column) }
    }

    /// The row identifiers (`id`), converted to `Int64`.
    public func ids() throws(NWBError) -> [Int64] { try integers("id") }

    /// A scalar column converted to `Double` (any integer or float width; NaN preserved).
    public func doubles(_ column: String) throws(NWBError) -> [Double] {
        let data = try scalarColumn(column)
        return try nwbHDF5 { () throws(HDF5Error) in try data.readVector(as: Double.self) }
    }

    /// A scalar integer column converted to `Int64` (any integer width; float columns are a type error).
    public func integers(_ column: String) throws(NWBError) -> [Int64] {
        let data = try scalarColumn(column)
        return try nwbHDF5 { () throws(HDF5Error) in try data.readVector(as: Int64.self) }
    }

    /// A scalar string column (variable- or fixed-length, ASCII or UTF-8).
    public func strings(_ column: String) throws(NWBError) -> [String] {
        let data = try scalarColumn(column)
        return try nwbHDF5 { () throws(HDF5Error) in try data.readStrings() }
    }

    /// A scalar boolean column (h5py's bool enumeration, or integers: non-zero is `true`).
    public func bools(_ column: String) throws(NWBError) -> [Bool] {
        let data = try scalarColumn(column)
        return try nwbHDF5 { () throws(HDF5Error) in try data.readVector(as: Bool.self) }
    }

    /// The ragged column `column` (`column` + `column_index`), its offsets read and validated.
    /// - Throws: `.columnMissing` (either dataset), `.invalidRaggedIndex`, `.columnShape` when the index
    ///   does not have one entry per row.
    public func ragged(_ column: String) throws(NWBError) -> RaggedColumn {
        let data = try dataset(column)
        let index = try dataset(column + "_index")
        let ragged = try RaggedColumn(data: data, index: index)
        guard ragged.rowCount == rowCount else {
            throw .columnShape(file: file, path: index.path, expected: "\(rowCount) entries (one per row of \(path))",
                               found: index.shape)
        }
        return ragged
    }

    /// The names of the one-dimensional numeric columns that are neither ragged nor ragged indices
    /// nor `id`: the per-row metrics of a units table, for example.
    /// - Throws: `.columnShape` for a one-dimensional numeric column whose length is not the row
    ///   count (a metric that silently disappeared would change which units a filter keeps).
    public func numericScalarColumns() throws(NWBError) -> [String] {
        let children = try nwbHDF5 { () throws(HDF5Error) in try group.children() }
        let names = Set(children.filter { $0.kind == .dataset }.map(\.name))
        var columns: [String] = []
        for name in names.sorted() {
            guard name != "id", !name.hasSuffix("_index"), !names.contains(name + "_index") else { continue }
            let data = try nwbHDF5 { () throws(HDF5Error) in try group.dataset(name) }
            guard data.rank == 1, data.dataType.isNumeric else { continue }
            guard data.shape[0] == rowCount else {
                throw .columnShape(file: file, path: data.path,
                                   expected: "a one-dimensional column of \(rowCount) rows (the length of \(path)/id)",
                                   found: data.shape)
            }
            columns.append(name)
        }
        return columns
    }

    /// Opens `column` and checks it is one-dimensional with one element per row.
    private func scalarColumn(_ column: String) throws(NWBError) -> HDF5Dataset {
        let data = try dataset(column)
        guard data.rank == 1, data.shape[0] == rowCount else {
            throw .columnShape(file: file, path: data.path,
                               expected: "a one-dimensional column of \(rowCount) rows (the length of \(path)/id)",
                               found: data.shape)
        }
        return data
    }
}
