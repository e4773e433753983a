import CHDF5

/// A group: a folder of named links to groups, datasets and other links.
///
/// Paths given to a group are either absolute ("/units/spike_times") or relative to the group
/// ("spike_times"); soft links along the way are followed. The group keeps its file open.
///
/// ```swift
/// let units = try file.group("/units")
/// let names = try units.children().filter { $0.kind == .dataset }.map(\.name)
/// let quality = try units.dataset("quality").readStrings()
/// ```
///
/// Threads: as `HDF5File` (one thread at a time; libhdf5 serialises calls).
public final class HDF5Group: @unchecked Sendable {
    // @unchecked Sendable: immutable stored properties; libhdf5 (thread-safe build) serialises calls.

    /// The file this group belongs to (kept open by the group).
    public let file: HDF5File
    /// The group's absolute path in the file, as it was opened (through links, if any).
    public let path: String
    /// The group identifier (the file identifier for the root group).
    let handle: HDF5Handle

    init(file: HDF5File, path: String, handle: HDF5Handle) {
        self.file = file
        self.path = path
        self.handle = handle
    }

    /// The group's attributes.
    public var attributes: HDF5Attributes {
        HDF5Attributes(file: file, objectPath: path, location: handle)
    }

    /// The absolute, normalised form of `path` relative to this group.
    public func absolutePath(_ path: String) -> String { HDF5Path.resolve(path, against: self.path) }

    /// Opens the group at `path`.
    /// - Throws: `.objectMissing`, `.wrongKind` (e.g. a dataset), `.needsNewerLibrary`, `.readFailed`.
    public func group(_ path: String) throws(HDF5Error) -> HDF5Group {
        let absolute = absolutePath(path)
        return try HDF5Library.guarded { () throws(HDF5Error) -> HDF5Group in
            let kind = try kindOfObject(atAbsolutePath: absolute)
            guard kind == .group else {
                throw .wrongKind(file: file.path, path: absolute, expected: .group, found: kind)
            }
            if absolute == "/" { return file.root }
            let id = H5Gopen2(file.handle.id, absolute, ck_h5p_default())
            guard id >= 0 else {
                throw HDF5FormatDiagnosis.objectOpenFailure(file: file.path, path: absolute,
                                                            reason: HDF5Library.takeErrorMessage())
            }
            return HDF5Group(file: file, path: absolute, handle: HDF5Handle(id, kind: .group, owner: file.handle))
        }
    }

    /// Opens the dataset at `path`, reading its shape and element type.
    /// - Throws: `.objectMissing`, `.wrongKind` (e.g. a group), `.needsNewerLibrary` (a dataset
    ///   written in a format the linked libhdf5 cannot decode), `.readFailed`.
    public func dataset(_ path: String) throws(HDF5Error) -> HDF5Dataset {
        let absolute = absolutePath(path)
        return try HDF5Library.guarded { () throws(HDF5Error) -> HDF5Dataset in
            let kind = try kindOfObject(atAbsolutePath: absolute)
            guard kind == .dataset else {
                throw .wrongKind(file: file.path, path: absolute, expected: .dataset, found: kind)
            }
            let id = H5Dopen2(file.handle.id, absolute, ck_h5p_default())
            guard id >= 0 else {
                throw HDF5FormatDiagnosis.objectOpenFailure(file: file.path, path: absolute,
                                                            reason: HDF5Library.takeErrorMessage())
            }
            return try HDF5Dataset(file: file, path: absolute,
                                   handle: HDF5Handle(id, kind: .dataset, owner: file.handle))
        }
    }

    /// Whether `path` resolves to an object: every link on the way exists and soft/external links
    /// resolve. Never throws; `false` for malformed paths (e.g. through a dataset).
    public func exists(_ path: String) -> Bool {
        let absolute = absolutePath(path)
        return HDF5Library.guarded { linkChainExists(absolute) && H5Oexists_by_name(file.handle.id, absolute,
                                                                                      ck_h5p_default()) > 0 }
    }

    /// The kind of object `path` resolves to (links followed): `.group`, `.dataset` or `.namedType`.
    /// - Throws: `.objectMissing` when nothing resolves there.
    public func kind(of path: String) throws(HDF5Error) -> HDF5ObjectKind {
        let absolute = absolutePath(path)
        return try HDF5Library.guarded { () throws(HDF5Error) -> HDF5ObjectKind in
            try kindOfObject(atAbsolutePath: absolute)
        }
    }

    /// The links in this group, sorted by name, each with its kind: the object kind for hard links,
    /// `.softLink` / `.externalLink` (with `target`) for those links.
    public func children() throws(HDF5Error) -> [HDF5Child] {
        try HDF5Library.guarded { () throws(HDF5Error) -> [HDF5Child] in
            let collector = LinkCollector()
            let context = Unmanaged.passUnretained(collector).toOpaque()
            var index: hsize_t = 0
            let status = H5Literate(handle.id, H5_INDEX_NAME, H5_ITER_INC, &index, { _, name, info, data in
                guard let name, let info, let data else { return -1 }
                let collector = Unmanaged<LinkCollector>.fromOpaque(data).takeUnretainedValue()
                collector.links.append((String(cString: name), info.pointee.type, info.pointee.u.val_size))
                return 0
            }, context)
            guard status >= 0 else {
                throw .readFailed(file: file.path, path: path, reason: HDF5Library.takeErrorMessage())
            }
            return collector.links.map { name, type, valueSize in child(named: name, type: type, valueSize: valueSize) }
        }
    }

    // MARK: internals

    /// The kind of the object at an absolute path, following links.
    func kindOfObject(atAbsolutePath absolute: String) throws(HDF5Error) -> HDF5ObjectKind {
        if absolute == "/" { return .group }
        guard linkChainExists(absolute) else { throw .objectMissing(file: file.path, path: absolute) }
        var info = H5O_info_t()
        guard H5Oget_info_by_name2(file.handle.id, absolute, &info, UInt32(H5O_INFO_BASIC), ck_h5p_default()) >= 0 else {
            let reason = HDF5Library.takeErrorMessage()
            // A link that exists but does not resolve (dangling soft link, missing external file).
            if H5Oexists_by_name(file.handle.id, absolute, ck_h5p_default()) <= 0 {
                ck_h5_silence_and_clear()
                throw .objectMissing(file: file.path, path: absolute)
            }
            throw HDF5FormatDiagnosis.objectOpenFailure(file: file.path, path: absolute, reason: reason)
        }
        return Self.kind(of: info.type)
    }

    /// Whether each link along `absolute` exists (checked outermost first, as libhdf5 requires).
    func linkChainExists(_ absolute: String) -> Bool {
        for prefix in HDF5Path.prefixes(of: absolute) where H5Lexists(file.handle.id, prefix, ck_h5p_default()) <= 0 {
            ck_h5_silence_and_clear()
            return false
        }
        return true
    }

    /// Describes one link found by `H5Literate`.
    private func child(named name: String, type: H5L_type_t, valueSize: Int) -> HDF5Child {
        switch type {
        case H5L_TYPE_HARD:
            var info = H5O_info_t()
            guard H5Oget_info_by_name2(handle.id, name, &info, UInt32(H5O_INFO_BASIC), ck_h5p_default()) >= 0 else {
                ck_h5_silence_and_clear()
                return HDF5Child(name: name, kind: .other)
            }
            return HDF5Child(name: name, kind: Self.kind(of: info.type))
        case H5L_TYPE_SOFT:
            return HDF5Child(name: name, kind: .softLink, target: linkValue(name, size: valueSize))
        case H5L_TYPE_EXTERNAL:
            return HDF5Child(name: name, kind: .externalLink, target: externalTarget(name, size: valueSize))
        default:
            return HDF5Child(name: name, kind: .other)
        }
    }

    /// The target path of a soft link.
    private func linkValue(_ name: String, size: Int) -> String? {
        var buffer = [CChar](repeating: 0, count: size + 1)
        guard H5Lget_val(handle.id, name, &buffer, buffer.count, ck_h5p_default()) >= 0 else {
            ck_h5_silence_and_clear()
            return nil
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// "file:path" of an external link.
    private func externalTarget(_ name: String, size: Int) -> String? {
        var buffer = [UInt8](repeating: 0, count: size + 1)
        guard H5Lget_val(handle.id, name, &buffer, buffer.count, ck_h5p_default()) >= 0 else {
            ck_h5_silence_and_clear()
            return nil
        }
        var flags: UInt32 = 0
        var fileName: UnsafePointer<CChar>?
        var objectPath: UnsafePointer<CChar>?
        guard H5Lunpack_elink_val(&buffer, size, &flags, &fileName, &objectPath) >= 0,
              let fileName, let objectPath else {
            ck_h5_silence_and_clear()
            return nil
        }
        return String(cString: fileName) + ":" + String(cString: objectPath)
    }

    /// Maps libhdf5's object type.
    static func kind(of type: H5O_type_t) -> HDF5ObjectKind {
        switch type {
        case H5O_TYPE_GROUP: return .group
        case H5O_TYPE_DATASET: return .dataset
        case H5O_TYPE_NAMED_DATATYPE: return .namedType
        default: return .other
        }
    }
}

/// Accumulates links during `H5Literate` (used on one thread only).
private final class LinkCollector {
    var links: [(name: String, type: H5L_type_t, valueSize: Int)] = []
}
