import CortexHDF5
import CortexNumerics

/// Fluorescence (dF/F) traces of a 2-photon session, normalised to ROIs × samples, with the sample times.
///
/// Reads a time-series group holding `data` plus either `timestamps` or `starting_time` (with its
/// `rate` attribute): Allen's NWB 1.x `…/DfOverF/imaging_plane_1` or an NWB 2.x `RoiResponseSeries`.
/// The orientation is **checked against the timestamps**, never assumed: `data.shape[0] == T` means
/// samples × ROIs (NWB's convention), `data.shape[1] == T` means ROIs × samples. Without timestamps
/// (`starting_time` + `rate`) the length of the `rois` region decides (suite2p files converted by
/// pynapple store 219 ROIs × 2000 samples this way); with neither, NWB's convention is assumed.
///
/// ```swift
/// let dff = try CalciumTraces(file: file)                                   // Allen NWB 1.x default path
/// let rrs = try CalciumTraces(file: file, seriesPath: "/processing/ophys/DfOverF/RoiResponseSeries")
/// rrs.values.shape        // [ROIs, samples] whatever the stored orientation
/// ```
public struct CalciumTraces: Sendable {
    /// Allen Brain Observatory NWB 1.x dF/F of the first imaging plane.
    public static let allenDFFPath = "/processing/brain_observatory_pipeline/DfOverF/imaging_plane_1"

    /// The file's path on disk.
    public let file: String
    /// The series group.
    public let path: String
    /// Traces, ROIs × samples.
    public let values: NDArray<Double>
    /// Sample times (s), one per sample.
    public let timestamps: [Double]
    /// How `data` was stored.
    public let storedOrientation: TraceOrientation

    /// Reads the series at `seriesPath`.
    /// - Throws: `.hdf5` (missing group or datasets), `.invalidData` when no dimension of `data`
    ///   matches the timestamps or the data is not one- or two-dimensional.
    public init(file: HDF5File, seriesPath: String = CalciumTraces.allenDFFPath) throws(NWBError) {
        let group = try nwbHDF5 { () throws(HDF5Error) in try file.group(seriesPath) }
        let data = try nwbHDF5 { () throws(HDF5Error) in try group.dataset("data") }
        guard data.rank == 1 || data.rank == 2 else {
            throw .invalidData(file: file.path, path: data.path, reason: "expected traces of rank 1 or 2, found shape \(data.shape)")
        }
        let raw = try nwbHDF5 { () throws(HDF5Error) in try data.read(as: Double.self) }
        let shape = data.rank == 2 ? data.shape : [data.shape[0], 1]
        let stamps: [Double]? = group.exists("timestamps") ? try nwbHDF5 { () throws(HDF5Error) in
            try group.dataset("timestamps").readVector(as: Double.self)
        } : nil
        let rois: Int? = group.exists("rois") ? try nwbHDF5 { () throws(HDF5Error) in
            try group.dataset("rois").shape.first
        } : nil
        let orientation = try Self.orientation(of: shape, timestamps: stamps?.count, rois: rois, file: file.path,
                                               data: data.path, group: group.path)
        let times: [Double]
        if let stamps {
            times = stamps
        } else {
            let start = try nwbHDF5 { () throws(HDF5Error) in try group.dataset("starting_time") }
            let t0 = try nwbHDF5 { () throws(HDF5Error) in try start.readScalar(as: Double.self) }
            let rate = try nwbHDF5 { () throws(HDF5Error) in try start.attributes.open("rate").readScalar(as: Double.self) }
            guard rate > 0 && rate.isFinite else {
                throw .invalidData(file: file.path, path: start.path, reason: "sampling rate \(rate) is not positive")
            }
            times = (0..<(orientation == .timeByROI ? shape[0] : shape[1])).map { t0 + Double($0) / rate }
        }
        for k in 1..<max(1, times.count) where !(times[k] >= times[k - 1]) {
            throw .invalidData(file: file.path, path: group.path + "/timestamps",
                               reason: "timestamp \(k) (\(times[k]) s) precedes timestamp \(k - 1) (\(times[k - 1]) s)")
        }
        if orientation == .timeByROI {
            let (samples, rois) = (shape[0], shape[1])
            values = NDArray(shape: [rois, samples]) { i in raw.scalars[(i % samples) * rois + i / samples] }
        } else {
            values = NDArray(shape: shape, scalars: raw.scalars)
        }
        self.file = file.path
        self.path = group.path
        self.timestamps = times
        self.storedOrientation = orientation
    }

    /// The stored orientation of a `shape` (rank 2) series: by the timestamps' length when there are
    /// timestamps, else by the length of the `rois` region, else NWB's samples × ROIs. A dimension
    /// matching both ways (square data) is settled by `rois`, then by NWB's convention.
    static func orientation(of shape: [Int], timestamps: Int?, rois: Int?, file: String, data: String,
                            group: String) throws(NWBError) -> TraceOrientation {
        if let t = timestamps {
            switch (shape[0] == t, shape[1] == t) {
            case (true, false): return .timeByROI
            case (false, true): return .roiByTime
            case (true, true): return rois == shape[0] && rois != shape[1] ? .roiByTime : .timeByROI
            case (false, false):
                throw .invalidData(file: file, path: data, reason: "shape \(shape) has no dimension matching the "
                                   + "\(t) timestamps of \(group)/timestamps")
            }
        }
        if let r = rois {
            switch (shape[1] == r, shape[0] == r) {
            case (true, _): return .timeByROI
            case (false, true): return .roiByTime
            case (false, false):
                throw .invalidData(file: file, path: data, reason: "shape \(shape) has no dimension matching the "
                                   + "\(r) entries of \(group)/rois")
            }
        }
        return .timeByROI
    }

    /// Number of ROIs (cells).
    public var roiCount: Int { values.shape[0] }
    /// Number of samples (imaging frames).
    public var sampleCount: Int { values.shape[1] }
}
