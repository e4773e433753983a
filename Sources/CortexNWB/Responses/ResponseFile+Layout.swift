import CortexHDF5

extension ResponseFile {
    /// Where the response-file layout is documented, for messages about files from other tools.
    public static let layoutDocument = "docs/formats.md"

    /// The root attributes a response file must have, in the order they are checked, with the
    /// type a writer must give them (for the message).
    public static let requiredAttributes: [(name: String, type: String)] = [
        ("areas", "array of strings"), ("frames", "int64 scalar"), ("bins_per_frame", "int64 scalar"),
        ("repeats", "int64 scalar"), ("stimulus", "string"), ("filter", "string"), ("min_rate", "float64 scalar, NaN for none"),
        ("smoothing", "string"), ("source_files", "array of strings"), ("source_sha256", "array of strings"),
        ("cortexkit_version", "string"),
    ]

    /// The datasets every area group must have, in the order they are checked.
    public static let requiredAreaDatasets: [(name: String, description: String)] = [
        ("counts", "float64, units × bins"), ("unit_ids", "int64, one per unit"), ("session_index", "int64, one per unit"),
    ]

    /// Checks that a file recording this format has every required piece before any is read, so a
    /// file written by another tool is refused with the first missing piece named (attributes of
    /// `/` in ``requiredAttributes`` order, then each listed area's group and datasets) and a
    /// pointer to ``layoutDocument``.
    /// - Throws: `.invalidData` naming the missing attribute (`/@name`) or object (`/AREA/counts`).
    static func requireLayout(of file: HDF5File) throws(NWBError) {
        func missing(_ path: String, _ what: String) -> NWBError {
            .invalidData(file: file.path, path: path,
                         reason: "a \(format) file needs \(what); the layout is in \(layoutDocument)")
        }
        let a = file.attributes
        for (name, type) in requiredAttributes where !a.contains(name) {
            throw missing("/@\(name)", "the attribute \(name) (\(type))")
        }
        let names = try nwbHDF5 { () throws(HDF5Error) in try a.strings("areas") }
        for name in names {
            guard file.exists(name) else { throw missing("/\(name)", "a group /\(name) for the area the attribute areas lists") }
            for (dataset, description) in requiredAreaDatasets where !file.exists("\(name)/\(dataset)") {
                throw missing("/\(name)/\(dataset)", "the dataset /\(name)/\(dataset) (\(description))")
            }
        }
    }
}
