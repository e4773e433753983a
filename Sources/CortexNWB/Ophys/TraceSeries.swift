import CortexHDF5

/// One stored trace series of a 2-photon session — a `data` group under `/processing` — with the
/// signal it holds, its imaging plane and its size, found without reading the traces.
///
/// Which signal: a series inside a `DfOverF` container is ΔF/F, inside `Fluorescence` raw
/// fluorescence; a series or container whose name contains "event" (Allen's `event_detection`),
/// or suite2p's `Deconvolved`, holds events. A series with neither timestamps nor `rois` is
/// oriented like a sibling series of the same module that has them (suite2p's `Deconvolved`
/// beside `Fluorescence`). Which plane: the series' `rois` region → its PlaneSegmentation → that table's
/// `imaging_plane` link (NWB 2.x); else a plane of the series' own name (Allen NWB 1.x:
/// `…/DfOverF/imaging_plane_1`); else the only plane of the file; else none.
public struct TraceSeries: Sendable, Hashable {
    /// The signal the series holds.
    public let signal: ResponseSignal
    /// The series group.
    public let path: String
    /// The imaging plane's name, when it could be found.
    public private(set) var plane: String?
    /// Number of ROIs.
    public private(set) var roiCount: Int
    /// Number of samples (imaging frames).
    public private(set) var sampleCount: Int
    /// Whether the orientation could only be assumed (no timestamps, no `rois`).
    let guessedOrientation: Bool
    /// ROI ids: the PlaneSegmentation's `id` of each row of `rois` (NWB 2.x), Allen's
    /// `cell_specimen_ids` for a file's only plane (NWB 1.x), else 0…n−1.
    public private(set) var roiIDs: [Int64]

    /// Every trace series under `/processing`, in path order.
    /// - Throws: `.hdf5` when a group cannot be listed.
    public static func all(in file: HDF5File, planes: [ImagingPlane]) throws(NWBError) -> [TraceSeries] {
        guard file.exists("/processing") else { return [] }
        var found: [TraceSeries] = []
        for module in try groups(in: file, "/processing") {
            for container in try groups(in: file, module) {
                let name = last(container).lowercased()
                let containerSignal: ResponseSignal? = name == "dfoverf" ? .dff : name == "fluorescence" ? .fluorescence
                    : name.contains("event") || name == "deconvolved" ? .events : nil
                if file.exists(container + "/data") {
                    if name.contains("event") {
                        found.append(try TraceSeries(file: file, path: container, signal: .events, planes: planes))
                    }
                    continue
                }
                guard let signal = containerSignal else { continue }
                for series in try groups(in: file, container) where file.exists(series + "/data") {
                    found.append(try TraceSeries(file: file, path: series, signal: signal, planes: planes))
                }
            }
        }
        // Series oriented by NWB's convention only: take the orientation of a series of the same
        // module whose ROI count matches one of their dimensions.
        return found.map { series in
            guard series.guessedOrientation else { return series }
            let module = series.path.split(separator: "/").prefix(2).joined(separator: "/")
            guard let sibling = found.first(where: { !$0.guessedOrientation && $0.path.split(separator: "/").prefix(2)
                .joined(separator: "/") == module && $0.roiCount == series.sampleCount && $0.sampleCount == series.roiCount })
            else { return series }
            var turned = series
            turned.roiCount = sibling.roiCount
            turned.sampleCount = sibling.sampleCount
            turned.roiIDs = sibling.roiIDs
            turned.plane = turned.plane ?? sibling.plane
            return turned
        }
    }

    /// Describes the series at `path`.
    init(file: HDF5File, path: String, signal: ResponseSignal, planes: [ImagingPlane]) throws(NWBError) {
        let group = try nwbHDF5 { () throws(HDF5Error) in try file.group(path) }
        let data = try nwbHDF5 { () throws(HDF5Error) in try group.dataset("data") }
        let shape = data.rank == 2 ? data.shape : [data.shape.first ?? 0, 1]
        let stamps: Int? = group.exists("timestamps") ? try nwbHDF5 { () throws(HDF5Error) in
            try group.dataset("timestamps").shape.first ?? 0
        } : nil
        let rois: HDF5Dataset? = group.exists("rois") ? try nwbHDF5 { () throws(HDF5Error) in try group.dataset("rois") } : nil
        let orientation = try CalciumTraces.orientation(of: shape, timestamps: stamps, rois: rois?.shape.first,
                                                        file: file.path, data: data.path, group: path)
        let count = orientation == .timeByROI ? shape[1] : shape[0]
        self.signal = signal
        self.path = path
        guessedOrientation = stamps == nil && rois == nil
        roiCount = count
        sampleCount = orientation == .timeByROI ? shape[0] : shape[1]
        // The plane and ROI ids through the rois region's table (NWB 2.x).
        var plane: String?
        var ids: [Int64]?
        if let rois, rois.attributes.contains("table"),
           let table = (try? rois.attributes.open("table").readReferencePaths())?.first, !table.isEmpty {
            if let links = try? file.group(table).children(),
               let link = links.first(where: { $0.name == "imaging_plane" }), let target = link.target {
                plane = Self.last(target)
            }
            if let rows = try? rois.readVector(as: Int64.self), file.exists(table + "/id"),
               let tableIDs = try? file.dataset(table + "/id").readVector(as: Int64.self),
               rows.allSatisfy({ $0 >= 0 && $0 < tableIDs.count }), rows.count == count {
                ids = rows.map { tableIDs[Int($0)] }
            }
        }
        if plane == nil, planes.contains(where: { $0.name == Self.last(path) }) { plane = Self.last(path) }
        if plane == nil, planes.count == 1 { plane = planes[0].name }
        if ids == nil, planes.count <= 1 {
            let allen = "/processing/brain_observatory_pipeline/ImageSegmentation/cell_specimen_ids"
            if file.exists(allen), let cells = try? file.dataset(allen).readVector(as: Int64.self), cells.count == count {
                ids = cells
            }
        }
        self.plane = plane
        roiIDs = ids ?? (0..<Int64(count)).map { $0 }
    }

    private static func groups(in file: HDF5File, _ path: String) throws(NWBError) -> [String] {
        let children = try nwbHDF5 { () throws(HDF5Error) in try file.group(path).children() }
        return children.filter { $0.kind == .group }.map { path + "/" + $0.name }.sorted()
    }

    static func last(_ path: String) -> String { String(path.split(separator: "/").last ?? "") }
}
