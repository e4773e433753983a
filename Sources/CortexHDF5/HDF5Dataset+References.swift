import CortexNumerics

/// Object references and compound fields, as NWB uses them (e.g. a TimeIntervals `timeseries`
/// column: compound `{idx_start: int32, count: int32, timeseries: object reference}`).
extension HDF5Dataset {
    /// Resolves every object reference to the absolute path of its target, in row-major order.
    /// Null references resolve to "".
    ///
    /// ```swift
    /// let probes = try electrodes.dataset("group").readReferencePaths()
    /// // ["/general/extracellular_ephys/probeA", …]
    /// ```
    /// - Throws: `typeMismatch` unless the elements are object references; `readFailed` for a
    ///   reference that does not resolve.
    public func readReferencePaths() throws(HDF5Error) -> [String] {
        try HDF5Library.guarded { () throws(HDF5Error) -> [String] in try reader(rows: nil).referencePaths() }
    }

    /// Reads one numeric field of a compound dataset, converted to `T` (the rules of `read(as:)`),
    /// with the dataset's shape.
    ///
    /// ```swift
    /// let starts = try timeseries.readCompoundField("idx_start", as: Int64.self)
    /// ```
    /// - Throws: `typeMismatch` (not a compound, or a non-numeric field), `fieldMissing`.
    public func readCompoundField<T: HDF5Element>(_ name: String, as type: T.Type) throws(HDF5Error) -> NDArray<T> {
        try HDF5Library.guarded { () throws(HDF5Error) -> NDArray<T> in
            let reader = try reader(rows: nil)
            return NDArray(shape: reader.shape, scalars: try reader.compoundField(name, as: T.self))
        }
    }

    /// Resolves an object-reference field of a compound dataset to target paths, in row-major order.
    /// - Throws: `typeMismatch` (not a compound, or the field is not an object reference),
    ///   `fieldMissing`.
    public func readCompoundReferencePaths(_ name: String) throws(HDF5Error) -> [String] {
        try HDF5Library.guarded { () throws(HDF5Error) -> [String] in
            try reader(rows: nil).compoundReferencePaths(name)
        }
    }
}
