import CortexHDF5
import CortexNumerics
import Foundation

extension ResponseFile {
    /// Writes the file atomically (temporary file beside `url`, then rename).
    /// - Throws: `NWBError.hdf5` on any write failure; the destination is then left untouched.
    public func write(to url: URL) throws(NWBError) {
        do {
            try HDF5File.writeAtomically(to: url) { file in try writeContents(into: file) }
        } catch let error as HDF5Error {
            throw .hdf5(error)
        } catch {
            throw .hdf5(.writeFailed(file: url.path, path: "/", reason: "\(error)"))
        }
    }

    /// Writes every dataset and attribute into a new, empty file.
    private func writeContents(into file: HDF5File) throws(HDF5Error) {
        let root = file.root
        for area in areas {
            let group = try root.createGroup(area.name)
            try group.writeDataset("counts", area.matrix.transposed())        // units × bins on disk
            try group.writeDataset("unit_ids", NDArray(shape: [area.unitIDs.count], scalars: area.unitIDs))
            try group.writeDataset("session_index", NDArray(shape: [area.sessionIndex.count], scalars: area.sessionIndex))
            if let trials = area.trials { try group.writeDataset("trials", trials) }
            if let trials = area.signalTrials { try group.writeDataset("trials", trials) }
        }
        let a = root.attributes
        try a.write("format", string: Self.format)
        try a.write("stimulus", string: stimulus)
        try a.write("repeats", scalar: Int64(repeatCount))
        try a.write("frames", scalar: Int64(frameCount))
        try a.write("bins_per_frame", scalar: Int64(binsPerFrame))
        try a.write("filter", string: filter.recorded)
        try a.write("min_rate", scalar: minimumRate ?? .nan)
        if let framePeriod { try a.write("frame_period_s", scalar: framePeriod) }
        try a.write("smoothing", string: smoothing.recorded)
        try a.write("areas", strings: areas.map(\.name))
        try a.write("source_files", strings: sources.map(\.path))
        try a.write("source_sha256", strings: sources.map(\.sha256))
        try a.write("cortexkit_version", string: producer)
        try a.write("signal", string: signal.recorded)
    }

    /// Reads a response file written by ``write(to:)`` of this or an older CortexKit.
    /// - Throws: ``NWBError/newerFormat(file:found:supported:)`` for a file of a newer format
    ///   version; `.hdf5(.typeMismatch)` when the file is not a CortexKit response file;
    ///   `.invalidData` for a smoothing description this version cannot read; `.hdf5` for a
    ///   missing or mistyped dataset or attribute.
    public static func read(from url: URL) throws(NWBError) -> ResponseFile {
        let file = try nwbHDF5 { () throws(HDF5Error) in try HDF5File.open(url) }
        let recorded = try nwbHDF5 { () throws(HDF5Error) -> String? in
            file.attributes.contains("format") ? try file.attributes.string("format") : nil
        }
        try checkFormat(recorded, file: file.path)
        try requireLayout(of: file)
        let smoothingText = try nwbHDF5 { () throws(HDF5Error) in try file.attributes.string("smoothing") }
        guard let smoothing = ResponseSmoothing(recorded: smoothingText) else {
            throw .invalidData(file: file.path, path: "/@smoothing", reason: "unknown smoothing \"\(smoothingText)\"")
        }
        let (names, frames, binsPerFrame) = try nwbHDF5 { () throws(HDF5Error) in
            (try file.attributes.strings("areas"), try file.attributes.scalar("frames", as: Int64.self),
             try file.attributes.scalar("bins_per_frame", as: Int64.self))
        }
        guard frames >= 0, binsPerFrame >= 1, frames.multipliedReportingOverflow(by: binsPerFrame).overflow == false else {
            throw .invalidData(file: file.path, path: "/@frames", reason: "\(frames) frames × \(binsPerFrame) bins per frame is not a valid layout")
        }
        let signalText = try nwbHDF5 { () throws(HDF5Error) -> String? in
            file.attributes.contains("signal") ? try file.attributes.string("signal") : nil
        }
        let named: ResponseSignal? = signalText == nil ? .spikeCounts : ResponseSignal(recorded: signalText!)
        guard let signal = named else {
            throw .invalidData(file: file.path, path: "/@signal", reason: "unknown signal \"\(signalText ?? "")\" (known: "
                               + ResponseSignal.allCases.map(\.recorded).joined(separator: ", ") + ")")
        }
        var areas: [AreaResponses] = []
        for name in names { areas.append(try readArea(name, bins: Int(frames * binsPerFrame), signal: signal, in: file)) }
        var result = try nwbHDF5 { () throws(HDF5Error) -> ResponseFile in
            let a = file.attributes
            let files = try a.strings("source_files"), digests = try a.strings("source_sha256")
            let rate = try a.scalar("min_rate", as: Double.self)
            return ResponseFile(stimulus: try a.string("stimulus"), repeatCount: Int(try a.scalar("repeats", as: Int64.self)),
                                frameCount: Int(try a.scalar("frames", as: Int64.self)),
                                binsPerFrame: Int(try a.scalar("bins_per_frame", as: Int64.self)),
                                filter: Filter(recorded: try a.string("filter")), minimumRate: rate.isNaN ? nil : rate,
                                smoothing: smoothing,
                                sources: zip(files, digests).map { Source(path: $0, sha256: $1) }, areas: areas,
                                producer: try a.string("cortexkit_version"))
        }
        result.signal = signal
        if file.attributes.contains("frame_period_s") {
            let period = try nwbHDF5 { () throws(HDF5Error) -> Double in try file.attributes.scalar("frame_period_s", as: Double.self) }
            result.framePeriod = period.isFinite && period > 0 ? period : nil
        }
        return result
    }

    /// One area's datasets, checked against each other before they are trusted: counts units ×
    /// bins (transposed here to bins × units), one unit id and session index per unit, trials
    /// repeats × units × bins.
    private static func readArea(_ name: String, bins: Int, signal: ResponseSignal, in file: HDF5File) throws(NWBError) -> AreaResponses {
        let continuous = signal != .spikeCounts
        let (ids, sessionIndex, counts, trialData, signalData) = try nwbHDF5 { () throws(HDF5Error) in
            let group = try file.group(name)
            return (try group.dataset("unit_ids").readVector(as: Int64.self),
                    try group.dataset("session_index").readVector(as: Int64.self),
                    try group.dataset("counts").read(as: Double.self),
                    group.exists("trials") && !continuous ? try group.dataset("trials").read(as: Int32.self) : nil,
                    group.exists("trials") && continuous ? try group.dataset("trials").read(as: Double.self) : nil)
        }
        func bad(_ path: String, _ expected: String, _ shape: [Int]) -> NWBError {
            .columnShape(file: file.path, path: "/\(name)/\(path)", expected: expected, found: shape)
        }
        guard counts.rank == 2, counts.shape[0] == ids.count, counts.shape[1] == bins else {
            throw bad("counts", "\(ids.count) units × \(bins) bins", counts.shape)
        }
        guard sessionIndex.count == ids.count else { throw bad("session_index", "\(ids.count) entries", [sessionIndex.count]) }
        var trials: NDArray<Int32>?
        if let t = trialData {
            guard t.rank == 3, t.shape[1] == ids.count, t.shape[2] == bins else {
                throw bad("trials", "repeats × \(ids.count) units × \(bins) bins", t.shape)
            }
            trials = t
        }
        if let t = signalData, !(t.rank == 3 && t.shape[1] == ids.count && t.shape[2] == bins) {
            throw bad("trials", "repeats × \(ids.count) units × \(bins) bins", t.shape)
        }
        return AreaResponses(name: name, unitIDs: ids, sessionIndex: sessionIndex, matrix: counts.transposed(), trials: trials,
                             signalTrials: signalData)
    }
}
