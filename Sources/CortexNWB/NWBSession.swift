import CortexHDF5
import Foundation

/// One NWB session file: the entry point to its units, electrodes and stimulus presentations.
///
/// ```swift
/// let session = try NWBSession.open(URL(fileURLWithPath: "session_715093703.nwb"))
/// for stimulus in try session.stimuli() { … }              // names, presentation and repeat counts
/// let units = try session.units()
/// let responses = try StimulusResponses(session: session, options: ResponseOptions())
/// ```
///
/// Both Allen interval layouts are read (``IntervalLayout``). Reading goes through one `HDF5File`;
/// use a session from one thread at a time (it is `Sendable` so it can be handed over).
public struct NWBSession: Sendable {
    /// The open file.
    public let file: HDF5File

    /// Wraps an open HDF5 file.
    public init(file: HDF5File) { self.file = file }

    /// Opens the NWB file at `url` read-only.
    /// - Throws: `.hdf5` (missing file, not HDF5, a format newer than the linked HDF5…).
    public static func open(_ url: URL) throws(NWBError) -> NWBSession {
        NWBSession(file: try nwbHDF5 { () throws(HDF5Error) in try HDF5File.open(url) })
    }

    /// The file's path on disk.
    public var path: String { file.path }

    /// The units table (`/units`), with areas joined from the electrodes.
    public func units() throws(NWBError) -> UnitTable { try UnitTable(file: file) }

    /// The electrodes table.
    public func electrodes() throws(NWBError) -> ElectrodeTable { try ElectrodeTable(file: file) }

    /// Which interval layout the file uses: per-stimulus `*_presentations` tables when there is any,
    /// else a single `/intervals/epochs` table with a `stimulus_name` column.
    /// - Throws: `.noStimulusTable` when neither is present.
    public func intervalLayout() throws(NWBError) -> IntervalLayout {
        guard file.exists("/intervals") else {
            throw .noStimulusTable(file: path, reason: "the file has no /intervals group")
        }
        if !(try presentationTableNames()).isEmpty { return .perStimulusTables }
        if file.exists("/intervals/epochs/stimulus_name") { return .singleEpochsTable }
        throw .noStimulusTable(file: path, reason: "/intervals holds no *_presentations table and no epochs "
                               + "table with a stimulus_name column")
    }

    /// The names of the stimuli in the file, in the file's order (alphabetical tables; first
    /// appearance in the epochs table). Rows with an empty `stimulus_name` are skipped.
    public func stimulusNames() throws(NWBError) -> [String] {
        switch try intervalLayout() {
        case .perStimulusTables:
            return try presentationTableNames().map { String($0.dropLast(Self.suffix.count)) }
        case .singleEpochsTable:
            var seen = Set<String>()
            return try epochNames().filter { !$0.isEmpty && seen.insert($0).inserted }
        }
    }

    /// Every stimulus with its presentation count and, for movies, its repeat count.
    public func stimuli() throws(NWBError) -> [StimulusSummary] {
        var result: [StimulusSummary] = []
        for name in try stimulusNames() {
            let presentations = try presentations(of: name)
            let repeats = try? MovieRepeats(presentations)
            result.append(StimulusSummary(name: name, tablePath: presentations.tablePath,
                                          presentationCount: presentations.count,
                                          repeatCount: repeats?.repeatCount, framesPerRepeat: repeats?.frameCount))
        }
        return result
    }

    /// The presentations of stimulus `name` (not yet validated: see
    /// ``StimulusPresentations/validateTiming(tolerance:)`` and ``MovieRepeats``).
    /// - Throws: `.unknownStimulus` listing the available names; `.columnMissing` for a table without
    ///   `start_time`/`stop_time`.
    public func presentations(of name: String) throws(NWBError) -> StimulusPresentations {
        switch try intervalLayout() {
        case .perStimulusTables:
            let tableName = name + Self.suffix
            guard try presentationTableNames().contains(tableName) else {
                throw .unknownStimulus(file: path, name: name, available: try stimulusNames())
            }
            let table = try DynamicTable(group: nwbHDF5 { () throws(HDF5Error) in
                try file.group("/intervals/" + tableName)
            })
            return try Self.presentations(name: name, table: table, rows: Array(0..<table.rowCount))
        case .singleEpochsTable:
            let table = try DynamicTable(group: nwbHDF5 { () throws(HDF5Error) in try file.group("/intervals/epochs") })
            let rows = try table.strings("stimulus_name").enumerated().filter { $0.element == name }.map(\.offset)
            guard !rows.isEmpty else { throw .unknownStimulus(file: path, name: name, available: try stimulusNames()) }
            return try Self.presentations(name: name, table: table, rows: rows)
        }
    }

    // MARK: internals

    private static let suffix = "_presentations"

    /// The `*_presentations` groups under `/intervals`, sorted.
    private func presentationTableNames() throws(NWBError) -> [String] {
        let children = try nwbHDF5 { () throws(HDF5Error) in try file.group("/intervals").children() }
        return children.filter { $0.kind == .group && $0.name.hasSuffix(Self.suffix) }.map(\.name)
    }

    private func epochNames() throws(NWBError) -> [String] {
        let table = try DynamicTable(group: nwbHDF5 { () throws(HDF5Error) in try file.group("/intervals/epochs") })
        return try table.strings("stimulus_name")
    }

    private static func presentations(name: String, table: DynamicTable, rows: [Int]) throws(NWBError)
        -> StimulusPresentations {
        func pick(_ column: [Double]) -> [Double] { rows.map { column[$0] } }
        let frames = table.hasColumn("frame") ? pick(try table.doubles("frame")) : nil
        let blocks = table.hasColumn("stimulus_block") ? pick(try table.doubles("stimulus_block")) : nil
        return StimulusPresentations(name: name, file: table.file, tablePath: table.path, tableRows: rows,
                                     startTimes: pick(try table.doubles("start_time")),
                                     stopTimes: pick(try table.doubles("stop_time")), frames: frames, blocks: blocks)
    }
}
