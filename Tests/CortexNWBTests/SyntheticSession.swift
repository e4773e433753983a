import CortexHDF5
import CortexNumerics
import CortexNWB
import Foundation

/// A tiny NWB-layout session written at test time with CortexHDF5's own writer, to plant defects
/// (unsorted spikes, NaN, bad offsets, overlapping presentations…) that pynwb would refuse to write.
struct SyntheticSession {
    /// Width of the stored spike index.
    enum IndexWidth: String, CaseIterable, Sendable { case uint16, uint32, int64 }

    var unitIDs: [Int64] = [10, 11, 12]
    var spikes: [[Double]] = [[0.05, 0.15, 0.25], [], [0.1, 0.1, 0.35, 0.9]]
    /// Overrides the stored end offsets (to plant a bad index).
    var indexOverride: [Int64]?
    var indexWidth: IndexWidth = .int64
    /// Area column on /units itself (nil: no location column).
    var locations: [String]? = ["VISp", "None", "VISl"]
    var quality: [String] = ["good", "good", "noise"]
    /// Presentations of natural_movie_one: (start, stop, frame, block).
    var movie: [(Double, Double, Double, Double)] = SyntheticSession.defaultMovie()
    var writeUnits = true
    /// Electrodes table (ids, locations); with `peakChannels`, units join it through `peak_channel_id`.
    var electrodes: (ids: [Int64], locations: [String])?
    var peakChannels: [Int64]?
    /// Stores spike_times as flat count × this many columns (each time repeated) when set.
    var spikeTimesColumns: Int?
    /// Length of the presence_ratio metric column when set (the number of units otherwise).
    var presenceRatioLength: Int?
    /// `colnames` in a deliberately unusual order.
    var unitColumnOrder = ["quality", "spike_times", "amplitude_cutoff", "location"]

    /// Two repeats of four 100 ms frames, back to back, in block 0.
    static func defaultMovie() -> [(Double, Double, Double, Double)] {
        var rows: [(Double, Double, Double, Double)] = []
        for k in 0..<8 {
            let start = Double(k) * 0.1
            let stop = Double(k + 1) * 0.1
            rows.append((start, stop, Double(k % 4), 0))
        }
        return rows
    }

    /// Writes the file into `directory` and returns its URL.
    func write(in directory: URL, name: String = "synthetic.nwb") throws -> URL {
        let url = directory.appendingPathComponent(name)
        let file = try HDF5File.create(url, mode: .truncate)
        let root = file.root
        if writeUnits {
            let units = try root.createGroup("units")
            let n = unitIDs.count
            try units.writeDataset("id", NDArray(shape: [n], scalars: unitIDs))
            let flat = spikes.flatMap { $0 }
            if let columns = spikeTimesColumns {
                try units.writeDataset("spike_times", NDArray(shape: [flat.count, columns],
                                                              scalars: flat.flatMap { Array(repeating: $0, count: columns) }))
            } else {
                try units.writeDataset("spike_times", NDArray(shape: [flat.count], scalars: flat))
            }
            var ends: [Int64] = []
            var total: Int64 = 0
            for s in spikes { total += Int64(s.count); ends.append(total) }
            let index = indexOverride ?? ends
            switch indexWidth {
            case .uint16: try units.writeDataset("spike_times_index", NDArray(shape: [index.count], scalars: index.map { UInt16($0) }))
            case .uint32: try units.writeDataset("spike_times_index", NDArray(shape: [index.count], scalars: index.map { UInt32($0) }))
            case .int64: try units.writeDataset("spike_times_index", NDArray(shape: [index.count], scalars: index))
            }
            try units.writeStrings("quality", quality)
            try units.writeDataset("amplitude_cutoff", NDArray(shape: [n], scalars: (0..<n).map { Float($0) * 0.05 }))
            let ratios = presenceRatioLength ?? n
            try units.writeDataset("presence_ratio", NDArray(shape: [ratios], scalars: [Double](repeating: 0.99, count: ratios)))
            try units.writeDataset("isi_violations", NDArray(shape: [n], scalars: [Double](repeating: 0.1, count: n)))
            try units.writeDataset("cluster_id", NDArray(shape: [n], scalars: (0..<n).map { Int32($0 * 3) }))
            if let locations { try units.writeStrings("location", locations) }
            if let peakChannels {
                try units.writeDataset("peak_channel_id", NDArray(shape: [n], scalars: peakChannels))
            }
            try units.attributes.write("colnames", strings: unitColumnOrder)
        }
        if let electrodes {
            let group = try root.createGroup("general/extracellular_ephys/electrodes")
            let n = electrodes.ids.count
            try group.writeDataset("id", NDArray(shape: [n], scalars: electrodes.ids))
            try group.writeStrings("location", electrodes.locations)
            try group.writeDataset("valid_data", NDArray(shape: [n], scalars: (0..<n).map { $0 != 1 }))
            try group.attributes.write("colnames", strings: ["valid_data", "location"])
        }
        let table = try root.createGroup("intervals/natural_movie_one_presentations")
        let m = movie.count
        try table.writeDataset("id", NDArray(shape: [m], scalars: (0..<m).map { Int64($0) }))
        try table.writeDataset("start_time", NDArray(shape: [m], scalars: movie.map(\.0)))
        try table.writeDataset("stop_time", NDArray(shape: [m], scalars: movie.map(\.1)))
        try table.writeDataset("frame", NDArray(shape: [m], scalars: movie.map(\.2)))
        try table.writeDataset("stimulus_block", NDArray(shape: [m], scalars: movie.map(\.3)))
        try table.attributes.write("colnames", strings: ["stop_time", "frame", "start_time", "stimulus_block"])
        try file.flush()
        return url
    }
}

/// Opens a file this test process wrote. (CortexHDF5 opens files with HDF5's file locking off, so
/// a `cortex` child process started by a parallel test cannot hold a lock on it.)
func reopenFile(_ url: URL) throws -> HDF5File {
    try HDF5File.open(url)
}

/// `reopenFile` as an NWB session.
func reopen(_ url: URL) throws -> NWBSession { NWBSession(file: try reopenFile(url)) }
