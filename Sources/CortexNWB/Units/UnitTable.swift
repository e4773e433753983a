import CortexHDF5

/// The sorted units of a session (`/units`): metadata per unit (``UnitRecord``) and lazily read
/// spike times.
///
/// The area of a unit is found, in order of preference (``UnitAreaSource``): a `location` column of
/// `/units`; Allen's `peak_channel_id` joined to the electrodes `id` and its structure column; or the
/// `units/electrodes` region (first electrode of the unit). `valid_data` comes from the same
/// electrodes row (true when unknown).
///
/// Spike times stay on disk: ``spikeTimes(ofRows:)`` reads one hyperslab for a block of units.
///
/// ```swift
/// let units = try UnitTable(file: file)
/// let good = units.records.filter { UnitFilter.allenDefault.accepts($0, meanRate: nil) }
/// let (times, ranges) = try units.spikeTimes(ofRows: 0..<256)
/// ```
///
/// Complexity: opening reads every scalar column (O(units × columns)) and the spike index, not the spikes.
public struct UnitTable: Sendable {
    /// Where NWB stores the table.
    public static let defaultPath = "/units"

    /// The underlying table.
    public let table: DynamicTable
    /// One record per row, in row order.
    public let records: [UnitRecord]
    /// The ragged `spike_times` column (validated index, data on disk).
    public let spikeTimes: RaggedColumn
    /// Where the areas came from.
    public let areaSource: UnitAreaSource

    /// Reads `/units` of `file` and joins the electrodes table where needed.
    /// - Throws: `.hdf5(.objectMissing)` naming `/units` when absent; `.columnMissing` without
    ///   `spike_times`; `.invalidRaggedIndex`; `.columnShape` for a spike_times column that is not
    ///   one-dimensional or a metric column whose length is not the number of units; `.unresolvedElectrode` when a unit's channel is not in
    ///   the electrodes table.
    public init(file: HDF5File, path: String = UnitTable.defaultPath) throws(NWBError) {
        let group = try nwbHDF5 { () throws(HDF5Error) in try file.group(path) }
        table = try DynamicTable(group: group)
        spikeTimes = try table.ragged("spike_times")
        // One time per spike: a 2-D column would be flattened into twice (or k times) the spikes.
        guard spikeTimes.data.rank == 1 else {
            throw .columnShape(file: file.path, path: spikeTimes.data.path,
                               expected: "a one-dimensional spike_times column (one time per spike)",
                               found: spikeTimes.data.shape)
        }
        let ids = try table.ids()
        let rows = table.rowCount
        let quality: [String?] = table.hasColumn("quality") ? try table.strings("quality").map { $0 }
            : Array(repeating: nil, count: rows)
        var metricColumns: [(String, [Double])] = []
        for name in try table.numericScalarColumns() { metricColumns.append((name, try table.doubles(name))) }

        var areas = [String?](repeating: nil, count: rows)
        var valid = [Bool](repeating: true, count: rows)
        if table.hasColumn("location") {
            areaSource = .unitsLocation
            areas = try table.strings("location").map(ElectrodeTable.normalizedArea)
        } else if table.hasColumn("peak_channel_id") {
            areaSource = .peakChannel
            let electrodes = try ElectrodeTable(file: file)
            let channels = try table.integers("peak_channel_id")
            for (row, channel) in channels.enumerated() {
                guard let electrode = electrodes.row(ofID: channel) else {
                    throw .unresolvedElectrode(file: file.path, path: table.path + "/peak_channel_id",
                                               reason: "unit \(ids[row]) (row \(row)): peak channel \(channel) "
                                                + "is not an id of \(electrodes.table.path)")
                }
                areas[row] = electrodes.areas[electrode]
                valid[row] = electrodes.validData[electrode]
            }
        } else if table.hasColumn("electrodes") {
            areaSource = .electrodesRegion
            let electrodes = try ElectrodeTable(file: file)
            let firstElectrode: [Int?]
            if table.isRagged("electrodes") {
                let region = try table.ragged("electrodes")
                let (values, ranges) = try region.readRows(0..<rows, as: Int64.self)
                firstElectrode = ranges.map { $0.isEmpty ? nil : Int(values[$0.lowerBound]) }
            } else {
                firstElectrode = try table.integers("electrodes").map { Int($0) }
            }
            for (row, electrode) in firstElectrode.enumerated() {
                guard let electrode else { continue }
                guard electrode >= 0 && electrode < electrodes.count else {
                    throw .unresolvedElectrode(file: file.path, path: table.path + "/electrodes",
                                               reason: "unit \(ids[row]) (row \(row)): electrode row \(electrode) "
                                                + "is outside \(electrodes.table.path) (\(electrodes.count) rows)")
                }
                areas[row] = electrodes.areas[electrode]
                valid[row] = electrodes.validData[electrode]
            }
        } else {
            areaSource = .none
        }
        let spikes = spikeTimes
        records = (0..<rows).map { row in
            UnitRecord(row: row, id: ids[row], area: areas[row], quality: quality[row], hasValidChannel: valid[row],
                       spikeCount: spikes.count(ofRow: row),
                       metrics: Dictionary(uniqueKeysWithValues: metricColumns.map { ($0.0, $0.1[row]) }))
        }
    }

    /// Number of units.
    public var count: Int { records.count }

    /// The unit ids in row order.
    public var ids: [Int64] { records.map(\.id) }

    /// Reads the spike times of units `rows` with one hyperslab: flat times and each unit's range in them.
    public func spikeTimes(ofRows rows: Range<Int>) throws(NWBError) -> (values: [Double], rowRanges: [Range<Int>]) {
        try spikeTimes.readRows(rows, as: Double.self)
    }

    /// Reads the spike times of one unit.
    public func spikeTimes(ofRow row: Int) throws(NWBError) -> [Double] {
        try spikeTimes.readRow(row, as: Double.self)
    }
}
