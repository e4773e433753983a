import CortexHDF5
import Foundation

/// One imaging plane of a 2-photon session, `/general/optophysiology/<name>`, as both NWB
/// generations describe it: the brain area (`location`), the depth below the pia, the indicator and
/// the imaging rate, each `nil` when the file does not record it.
///
/// Where the depth comes from: Allen's NWB 1.x files state it as text in `imaging depth`
/// ("175 microns"); NWB 2.x has no depth field, so an `imaging_depth` dataset is read when a writer
/// added one, else a depth written in the plane's `description` ("… 175 µm …", "depth 175 um").
///
/// ```swift
/// for plane in try ImagingPlane.planes(in: file) { print(plane.name, plane.area ?? "no area", plane.depth ?? .nan) }
/// ```
public struct ImagingPlane: Sendable, Hashable {
    /// The group name, e.g. "imaging_plane_1".
    public let name: String
    /// The group path.
    public let path: String
    /// The structure acronym from `location` (nil when absent, empty or "None").
    public let area: String?
    /// Depth below the pia in µm.
    public let depth: Double?
    /// The calcium indicator, e.g. "GCaMP6f".
    public let indicator: String?
    /// The imaging rate stated for the plane (Hz).
    public let imagingRate: Double?

    /// A plane (for tests and other readers).
    public init(name: String, path: String, area: String?, depth: Double?, indicator: String?, imagingRate: Double?) {
        self.name = name
        self.path = path
        self.area = area
        self.depth = depth
        self.indicator = indicator
        self.imagingRate = imagingRate
    }

    /// Every imaging plane of the file, sorted by name; none when there is no `/general/optophysiology`.
    /// - Throws: `.hdf5` when the group cannot be listed.
    public static func planes(in file: HDF5File) throws(NWBError) -> [ImagingPlane] {
        let root = "/general/optophysiology"
        guard file.exists(root) else { return [] }
        let children = try nwbHDF5 { () throws(HDF5Error) in try file.group(root).children() }
        var planes: [ImagingPlane] = []
        for child in children where child.kind == .group {
            let group = try nwbHDF5 { () throws(HDF5Error) in try file.group(root + "/" + child.name) }
            let location = text(group, "location")
            let area = location.flatMap { $0.isEmpty || $0 == "None" || $0 == "none" ? nil : $0 }
            let depth = number(group, "imaging depth") ?? number(group, "imaging_depth")
                ?? text(group, "description").flatMap(depthInText)
            let indicator = text(group, "indicator").flatMap { $0.isEmpty ? nil : $0 }
            let rate = number(group, "imaging_rate").flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
            planes.append(ImagingPlane(name: child.name, path: group.path, area: area, depth: depth,
                                       indicator: indicator, imagingRate: rate))
        }
        return planes.sorted { $0.name < $1.name }
    }

    /// A scalar string dataset of `group`, or nil (absent, unreadable or not text).
    static func text(_ group: HDF5Group, _ name: String) -> String? {
        guard group.exists(name), let dataset = try? group.dataset(name) else { return nil }
        if case .string = dataset.dataType { return (try? dataset.readString())?.trimmingCharacters(in: .whitespaces) }
        return nil
    }

    /// A number stored as a number or as text starting with one ("175 microns"), or nil.
    static func number(_ group: HDF5Group, _ name: String) -> Double? {
        guard group.exists(name), let dataset = try? group.dataset(name) else { return nil }
        switch dataset.dataType {
        case .integer, .float: return (try? dataset.read(as: Double.self))?.scalars.first
        case .string: return (try? dataset.readString()).flatMap(leadingNumber)
        default: return nil
        }
    }

    /// The number a text starts with ("175 microns" → 175), or nil.
    static func leadingNumber(_ text: String) -> Double? {
        let digits = text.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber || $0 == "." || $0 == "-" }
        return Double(digits)
    }

    /// A depth written in free text: a number followed by "um", "µm" or "micron(s)".
    public static func depthInText(_ text: String) -> Double? {
        let words = text.replacingOccurrences(of: "µm", with: " um").replacingOccurrences(of: "μm", with: " um")
            .split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == "(" || $0 == ")" }).map(String.init)
        for (i, word) in words.enumerated() {
            let unitInWord = ["um", "microns", "micron"].first { word.hasSuffix($0) && word.count > $0.count }
            if let unit = unitInWord, let value = Double(word.dropLast(unit.count)) { return value }
            if i > 0, ["um", "microns", "micron"].contains(word.lowercased()), let value = Double(words[i - 1]) { return value }
        }
        return nil
    }
}
