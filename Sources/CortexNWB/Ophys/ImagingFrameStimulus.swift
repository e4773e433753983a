import CortexHDF5

/// A movie's presentations in Allen's NWB 1.x 2-photon files, indexed by **imaging frames**:
/// `/stimulus/presentation/<name>_stimulus/{data, frame_duration, timestamps}`.
///
/// Row `k` shows movie frame `data[k]` from imaging frame `frame_duration[k, 0]` to
/// `frame_duration[k, 1]`. Repeats are delimited as for Neuropixels movies (``MovieRepeats/delimit``:
/// a new repeat at every movie frame 0; frames 0…F−1 in order).
///
/// ```swift
/// let movie = try ImagingFrameStimulus(file: file)           // natural_movie_one
/// let responses = try CalciumResponses(traces: CalciumTraces(file: file), stimulus: movie)
/// ```
public struct ImagingFrameStimulus: Sendable {
    /// The stimulus name.
    public let name: String
    /// The file's path on disk.
    public let file: String
    /// The stimulus group.
    public let path: String
    /// Movie frame shown in each row.
    public let movieFrames: [Double]
    /// First imaging frame of each row.
    public let imagingStarts: [Int]
    /// Last imaging frame of each row, as stored (see ``CalciumResponses`` for how it is used).
    public let imagingEnds: [Int]
    /// Each repeat's rows.
    public let repeats: [Range<Int>]
    /// The presentation time of each row (seconds; the group's `timestamps`), when stored with one per row.
    public let times: [Double]?

    /// Reads `/stimulus/presentation/<stimulus>_stimulus`.
    /// - Throws: `.hdf5` (missing datasets), `.invalidData` (frame_duration not rows × 2, non-integral or
    ///   negative indices, lengths differ), `.malformedRepeats`.
    public init(file: HDF5File, stimulus: String = "natural_movie_one") throws(NWBError) {
        let path = "/stimulus/presentation/\(stimulus)_stimulus"
        let group = try nwbHDF5 { () throws(HDF5Error) in try file.group(path) }
        let frames = try nwbHDF5 { () throws(HDF5Error) in try group.dataset("data").readVector(as: Double.self) }
        let durations = try nwbHDF5 { () throws(HDF5Error) in try group.dataset("frame_duration") }
        guard durations.shape == [frames.count, 2] else {
            throw .invalidData(file: file.path, path: durations.path,
                               reason: "expected \(frames.count) × 2 (start, end) imaging frames, found shape \(durations.shape)")
        }
        let pairs = try nwbHDF5 { () throws(HDF5Error) in try durations.read(as: Double.self).scalars }
        let isIndex = { (x: Double) in x >= 0 && x == x.rounded() && x < 1e15 }
        if let bad = pairs.firstIndex(where: { !isIndex($0) }) {
            throw .invalidData(file: file.path, path: durations.path,
                               reason: "row \(bad / 2): imaging frame \(pairs[bad]) is not a non-negative integer")
        }
        name = stimulus
        self.file = file.path
        self.path = path
        movieFrames = frames
        imagingStarts = stride(from: 0, to: pairs.count, by: 2).map { Int(pairs[$0]) }
        imagingEnds = stride(from: 1, to: pairs.count, by: 2).map { Int(pairs[$0]) }
        repeats = try MovieRepeats.delimit(frames: frames, blocks: nil, tableRows: Array(frames.indices),
                                           file: file.path, path: path)
        let stored = group.exists("timestamps")
            ? try? nwbHDF5 { () throws(HDF5Error) in try group.dataset("timestamps").readVector(as: Double.self) } : nil
        times = stored?.count == frames.count ? stored : nil
    }

    /// Frames per repeat.
    public var frameCount: Int { repeats[0].count }
    /// Number of repeats.
    public var repeatCount: Int { repeats.count }
}
