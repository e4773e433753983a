import CortexHDF5
import Foundation

/// The extracellular electrodes table (`/general/extracellular_ephys/electrodes`): one row per
/// recording channel with its brain structure and whether its data is usable.
///
/// The structure acronym comes from `manual_structure_acronym` when the table has that column
/// (AllenSDK's pre-2020 "NWB 2.0b" files, whose `location` is a placeholder) and from `location`
/// otherwise. Empty strings and `"None"` (any case) mean *outside the brain* and become `nil`.
/// Without a `valid_data` column every channel counts as valid.
///
/// ```swift
/// let electrodes = try ElectrodeTable(file: file)
/// electrodes.area(ofID: 850_123)       // "VISp"
/// ```
public struct ElectrodeTable: Sendable {
    /// Where NWB 2.x stores the table.
    public static let defaultPath = "/general/extracellular_ephys/electrodes"

    /// The underlying table.
    public let table: DynamicTable
    /// Channel identifiers (`id`), one per row.
    public let ids: [Int64]
    /// Structure acronym per row; `nil` outside the brain.
    public let areas: [String?]
    /// The column the areas were read from: `"manual_structure_acronym"` or `"location"`.
    public let areaColumn: String
    /// `valid_data` per row (all `true` when the column is absent).
    public let validData: [Bool]
    private let rowOfID: [Int64: Int]

    /// Reads the electrodes table of `file` (at ``defaultPath``).
    /// - Throws: `.hdf5(.objectMissing)` without the table; `.columnMissing` without any area column.
    public init(file: HDF5File, path: String = ElectrodeTable.defaultPath) throws(NWBError) {
        let group = try nwbHDF5 { () throws(HDF5Error) in try file.group(path) }
        table = try DynamicTable(group: group)
        ids = try table.ids()
        areaColumn = table.hasColumn("manual_structure_acronym") ? "manual_structure_acronym" : "location"
        areas = try table.strings(areaColumn).map(Self.normalizedArea)
        validData = table.hasColumn("valid_data") ? try table.bools("valid_data")
            : Array(repeating: true, count: table.rowCount)
        rowOfID = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Number of channels.
    public var count: Int { ids.count }

    /// The row of channel `id`, or `nil` when no row has that id.
    public func row(ofID id: Int64) -> Int? { rowOfID[id] }

    /// The structure of channel `id` (`nil` when unknown or outside the brain).
    public func area(ofID id: Int64) -> String? { row(ofID: id).flatMap { areas[$0] } }

    /// A structure acronym as stored, or `nil` for "" / "None" (outside the brain); whitespace trimmed.
    public static func normalizedArea(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed.lowercased() == "none" ? nil : trimmed
    }
}
