/// Object paths inside a file: absolute, "/"-separated, normalised.
///
/// HDF5 names objects by link paths such as `/units/spike_times`. The module stores and reports
/// absolute, normalised paths (no empty or "." components, no trailing slash; the root is "/").
/// HDF5 paths have no "..".
enum HDF5Path {
    /// `path` made absolute against the group at `base` and normalised:
    /// `resolve("c/values", against: "/a/b") == "/a/b/c/values"`, `resolve("/x/", against: "/a") == "/x"`.
    static func resolve(_ path: String, against base: String) -> String {
        path.hasPrefix("/") ? normalize(path) : normalize(base + "/" + path)
    }

    /// Removes empty and "." components and makes the path absolute.
    static func normalize(_ path: String) -> String {
        "/" + components(of: path).joined(separator: "/")
    }

    /// The non-empty components of a path, "." removed.
    static func components(of path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init).filter { $0 != "." }
    }

    /// The absolute paths of every ancestor and the path itself, outermost first:
    /// `prefixes(of: "/a/b/c") == ["/a", "/a/b", "/a/b/c"]`; empty for the root.
    static func prefixes(of path: String) -> [String] {
        var result: [String] = []
        var current = ""
        for component in components(of: path) {
            current += "/" + component
            result.append(current)
        }
        return result
    }
}
