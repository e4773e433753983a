import CortexHDF5
import CortexIO
import CortexNumerics

/// A problem with the contents of an NWB file (or with combining sessions), with enough context to act on.
///
/// Every case names the file on disk and, where one is involved, the dataset or group path inside it.
/// `description` is one readable line:
///
/// ```
/// NWB: /data/session.nwb: /units/spike_times: unit 951234 (row 17): spike 4 at 12.5 s precedes spike 3 at 12.6 s
/// ```
///
/// HDF5-level failures (missing objects, wrong types, unreadable files) arrive wrapped in `.hdf5`.
public enum NWBError: Error, Sendable, Equatable {
    /// An HDF5 problem (missing object, wrong element type, unreadable file…), with its own context.
    case hdf5(HDF5Error)
    /// A table has no column of this name.
    case columnMissing(file: String, table: String, column: String, available: [String])
    /// A column's length (or shape) disagrees with the table's row count or with what the reader needs.
    case columnShape(file: String, path: String, expected: String, found: [Int])
    /// A ragged column's `_index` dataset is not a valid list of exclusive end offsets.
    case invalidRaggedIndex(file: String, path: String, reason: String)
    /// Spike times of one unit are not sorted (non-decreasing).
    case spikesOutOfOrder(file: String, path: String, unitID: Int64, row: Int, position: Int,
                          time: Double, previous: Double)
    /// A spike time is NaN or infinite.
    case nonFiniteSpikeTime(file: String, path: String, unitID: Int64, row: Int, position: Int)
    /// Presentations of a stimulus are not sorted by start time, or a row stops before it starts.
    case presentationsOutOfOrder(file: String, path: String, row: Int, reason: String)
    /// A presentation starts before the previous one stopped (beyond the tolerance).
    case overlappingPresentations(file: String, path: String, row: Int, start: Double, previousStop: Double)
    /// The repeats of a movie could not be delimited (frames not 0…F−1 in order, unequal lengths…).
    case malformedRepeats(file: String, path: String, reason: String)
    /// The file holds no stimulus of this name.
    case unknownStimulus(file: String, name: String, available: [String])
    /// The file has no stimulus intervals this reader understands.
    case noStimulusTable(file: String, reason: String)
    /// A unit's area could not be joined to the electrodes table.
    case unresolvedElectrode(file: String, path: String, reason: String)
    /// Sessions pooled into one pseudo-population disagree on their frame layout.
    case frameLayoutMismatch(expected: String, found: String, file: String)
    /// A `.npy` file (e.g. AllenSDK's movie frames) could not be read.
    case npy(NPYError)
    /// Data that does not fit its role: unsorted timestamps, trace orientation that matches no
    /// timestamps, imaging-frame indices outside the traces, a movie stack that is not frames × H × W uint8…
    case invalidData(file: String, path: String, reason: String)
    /// A CortexKit file written in a newer major version of its format than this CortexKit reads
    /// (`found`, e.g. `cortexkit-responses/2`; `supported`, the newest it reads).
    case newerFormat(file: String, found: String, supported: String)

    /// The file on disk the error is about ("" when it concerns no single file).
    public var file: String {
        switch self {
        case .hdf5(let error): return error.file
        case .npy(let error): return error.path
        case .invalidData(let file, _, _): return file
        case .newerFormat(let file, _, _): return file
        case .columnMissing(let file, _, _, _), .columnShape(let file, _, _, _),
             .invalidRaggedIndex(let file, _, _), .spikesOutOfOrder(let file, _, _, _, _, _, _),
             .nonFiniteSpikeTime(let file, _, _, _, _), .presentationsOutOfOrder(let file, _, _, _),
             .overlappingPresentations(let file, _, _, _, _), .malformedRepeats(let file, _, _),
             .unknownStimulus(let file, _, _), .noStimulusTable(let file, _),
             .unresolvedElectrode(let file, _, _), .frameLayoutMismatch(_, _, let file):
            return file
        }
    }

    /// The object path inside the file, when the error is about one object.
    public var path: String? {
        switch self {
        case .hdf5(let error): return error.path
        case .npy: return nil
        case .invalidData(_, let path, _): return path
        case .columnMissing(_, let table, _, _): return table
        case .columnShape(_, let path, _, _), .invalidRaggedIndex(_, let path, _),
             .spikesOutOfOrder(_, let path, _, _, _, _, _), .nonFiniteSpikeTime(_, let path, _, _, _),
             .presentationsOutOfOrder(_, let path, _, _), .overlappingPresentations(_, let path, _, _, _),
             .malformedRepeats(_, let path, _), .unresolvedElectrode(_, let path, _):
            return path
        case .newerFormat: return "/@format"
        case .unknownStimulus, .noStimulusTable, .frameLayoutMismatch:
            return nil
        }
    }
}

extension NWBError: CustomStringConvertible {
    /// One line naming the file, the object path and what went wrong.
    public var description: String {
        switch self {
        case .hdf5(let error):
            return error.description
        case .npy(let error):
            return "NWB: \(error)"
        case .invalidData(let file, let path, let reason):
            return "NWB: \(file): \(path): \(reason)"
        case .columnMissing(let file, let table, let column, let available):
            return "NWB: \(file): \(table): no column '\(column)' (columns: \(available.joined(separator: ", ")))"
        case .columnShape(let file, let path, let expected, let found):
            return "NWB: \(file): \(path): expected \(expected), found shape \(found)"
        case .invalidRaggedIndex(let file, let path, let reason):
            return "NWB: \(file): \(path): invalid ragged index: \(reason)"
        case .spikesOutOfOrder(let file, let path, let unit, let row, let position, let time, let previous):
            return "NWB: \(file): \(path): unit \(unit) (row \(row)): spike \(position) at \(time) s precedes "
                + "spike \(position - 1) at \(previous) s (spike times must be sorted within a unit)"
        case .nonFiniteSpikeTime(let file, let path, let unit, let row, let position):
            return "NWB: \(file): \(path): unit \(unit) (row \(row)): spike \(position) is NaN or infinite"
        case .presentationsOutOfOrder(let file, let path, let row, let reason):
            return "NWB: \(file): \(path): presentation row \(row): \(reason)"
        case .overlappingPresentations(let file, let path, let row, let start, let previousStop):
            return "NWB: \(file): \(path): presentation row \(row) starts at \(start) s, before the previous "
                + "presentation stops at \(previousStop) s (overlapping presentations)"
        case .malformedRepeats(let file, let path, let reason):
            return "NWB: \(file): \(path): cannot delimit the movie repeats: \(reason)"
        case .unknownStimulus(let file, let name, let available):
            return "NWB: \(file): no stimulus '\(name)' (available: \(available.joined(separator: ", ")))"
        case .noStimulusTable(let file, let reason):
            return "NWB: \(file): no stimulus presentations: \(reason)"
        case .unresolvedElectrode(let file, let path, let reason):
            return "NWB: \(file): \(path): cannot join units to electrodes: \(reason)"
        case .newerFormat(let file, let found, let supported):
            return "NWB: \(file): written in format \(found), newer than this CortexKit reads (up to \(supported)): update CortexKit"
        case .frameLayoutMismatch(let expected, let found, let file):
            return "NWB: \(file): cannot pool sessions: expected \(expected), found \(found)"
        }
    }
}

/// Runs an HDF5 operation, wrapping its error as `NWBError.hdf5`.
@inline(__always)
func nwbHDF5<T>(_ body: () throws(HDF5Error) -> T) throws(NWBError) -> T {
    do { return try body() } catch { throw .hdf5(error) }
}
