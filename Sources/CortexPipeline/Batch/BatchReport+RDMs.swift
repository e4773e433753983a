import CortexIO
import CortexReports
import CortexSimilarity
import Foundation

/// The `rdms/` folder of a batch report: every area's frame RDM and each model's best layer's, per
/// TSRSA metric and response set, copied from the jobs' RDM folders, with `rdms/index.csv`.
extension BatchReport {
    /// One RDM file of the report.
    public struct RDMFile: Sendable, Hashable {
        /// The job's file (nil when the RDM is in memory: `values`).
        public var source: URL?
        /// The RDM itself, when it was computed in this process (`cortex compare --report`).
        public var values: FrameRDM?
        /// The path inside `rdms/`.
        public var path: String
        public var metric: String
        public var responseSet: String?
        /// Nil for an area's RDM.
        public var model: String?
        /// The frame distance the RDM holds.
        public var distance: RDMDistance
        public var entry: FrameRDM.Entry
    }

    /// The RDM files of the report and what is missing (jobs finished before RDMs were exported,
    /// or whose RDM files were removed), from the finished jobs.
    public struct RDMFiles: Sendable, Hashable {
        public var files: [RDMFile] = []
        /// One line per job whose RDMs are missing.
        public var missing: [String] = []

        public init(files: [RDMFile] = [], missing: [String] = []) {
            self.files = files
            self.missing = missing
        }
    }

    /// The RDMs the finished TSRSA model jobs wrote: areas once per metric and response set, then
    /// each model's best layers, in job order.
    public static func rdmFiles(spec: BatchSpec, metrics: [MetricEntry], jobs: [BatchJob], jobDirectories: [URL]) -> RDMFiles {
        var out = RDMFiles()
        var folders: [Int: String] = [:]
        var usedFolders = Set<String>()
        var seenAreas = Set<String>()
        var usedPaths = Set<String>()
        for job in jobs.sorted(by: { $0.index < $1.index }) {
            guard let model = job.model, let tsrsa = metrics[job.metricIndex].metric as? TSRSAMetric else { continue }
            guard let (directory, result) = jobDirectories.lazy.compactMap({ dir -> (URL, JobResult)? in
                let url = dir.appendingPathComponent("\(job.key).json")
                guard let data = try? Data(contentsOf: url), let r = try? JSONDecoder().decode(JobResult.self, from: data),
                      r.key == job.key else { return nil }
                return (dir, r)
            }).first else { continue }
            guard let entries = result.rdms else {
                out.missing.append("\(model.name) · \(metrics[job.metricIndex].label): no RDMs recorded (job computed by an older CortexKit; delete jobs/\(job.key).json to recompute)")
                continue
            }
            let setName = spec.namesResponseSets ? spec.responseSets[job.responseSet].label : nil
            let folderKey = job.metricIndex * 10_000 + job.responseSet
            if folders[folderKey] == nil {
                var folder = FigureFileNames.stem(for: metrics[job.metricIndex].shortName)
                if let setName { folder += "-" + FigureFileNames.stem(for: setName) }
                var unique = folder, n = 2
                while !usedFolders.insert(unique).inserted { unique = "\(folder)-\(n)"; n += 1 }
                folders[folderKey] = unique
            }
            let folder = folders[folderKey]!
            let rdmDirectory = JobResult.rdmDirectory(jobs: directory, key: job.key)
            var fileFor: [String: String] = [:]
            for entry in entries {
                let source = rdmDirectory.appendingPathComponent(entry.file)
                guard FileManager.default.fileExists(atPath: source.path) else {
                    out.missing.append("\(model.name) · \(metrics[job.metricIndex].label): \(source.path) is missing")
                    continue
                }
                let isArea = entry.layer == nil
                if isArea && !seenAreas.insert("\(folder)/\(entry.area)").inserted { continue }
                let path: String
                if let known = fileFor[entry.file] {
                    path = known
                } else {
                    path = uniquePath(folder: folder, entry: entry, model: model.name, used: &usedPaths)
                    fileFor[entry.file] = path
                }
                out.files.append(RDMFile(source: source, values: nil, path: path, metric: metrics[job.metricIndex].label,
                                         responseSet: setName, model: isArea ? nil : model.name,
                                         distance: tsrsa.options.distance, entry: entry))
            }
        }
        return out
    }

    /// The RDM files of one comparison computed in this process (`cortex compare --report`): each
    /// model's RDMs from ``ComparisonPlan/frameRDMs(features:scores:brain:)``, areas once.
    public static func rdmFiles(models: [(name: String, rdms: [FrameRDM])], metric: MetricEntry) -> RDMFiles {
        guard let tsrsa = metric.metric as? TSRSAMetric else { return RDMFiles() }
        let folder = FigureFileNames.stem(for: metric.shortName)
        var out = RDMFiles()
        var seenAreas = Set<String>(), usedPaths = Set<String>()
        for model in models {
            var fileFor: [String: String] = [:]
            for rdm in model.rdms {
                let isArea = rdm.entry.layer == nil
                if isArea && !seenAreas.insert(rdm.entry.area).inserted { continue }
                let path: String
                if let known = fileFor[rdm.entry.file] {
                    path = known
                } else {
                    path = uniquePath(folder: folder, entry: rdm.entry, model: model.name, used: &usedPaths)
                    fileFor[rdm.entry.file] = path
                }
                out.files.append(RDMFile(source: nil, values: rdm, path: path, metric: metric.label, responseSet: nil,
                                         model: isArea ? nil : model.name, distance: tsrsa.options.distance, entry: rdm.entry))
            }
        }
        return out
    }

    /// `folder/areas/<area>.npy` or `folder/<model>/<layer>.npy` (names sanitised as figure file
    /// names), with `-2`, `-3`, … where two names sanitise alike.
    private static func uniquePath(folder: String, entry: FrameRDM.Entry, model: String, used: inout Set<String>) -> String {
        let stem = entry.layer == nil ? "areas/" + FigureFileNames.stem(for: entry.area)
            : FigureFileNames.stem(for: model) + "/" + FigureFileNames.stem(for: entry.layer ?? "")
        var candidate = "\(folder)/\(stem).npy", n = 2
        while used.contains(candidate) { candidate = "\(folder)/\(stem)-\(n).npy"; n += 1 }
        used.insert(candidate)
        return candidate
    }

    /// The columns of `rdms/index.csv`.
    public static let rdmIndexColumns = ["file", "metric", "response_set", "kind", "area", "model", "layer", "frames",
                                         "source_frames", "downsampled", "first_frame", "distance", "values"]

    /// Copies the RDM files into `directory/rdms/` (each atomically; a layer best for several areas
    /// is one file listed once per area) and writes `rdms/index.csv`. Nothing is written without files.
    public static func writeRDMs(_ rdms: RDMFiles, to directory: URL) throws {
        guard !rdms.files.isEmpty else { return }
        let root = directory.appendingPathComponent("rdms", isDirectory: true)
        var copied = Set<String>()
        var lines = [rdmIndexColumns.joined(separator: ",")]
        for file in rdms.files {
            let destination = root.appendingPathComponent(file.path)
            if copied.insert(file.path).inserted {
                try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                if let values = file.values {
                    try NPYFile.write(values.array, to: destination)
                } else if let source = file.source {
                    try Data(contentsOf: source).write(to: destination, options: .atomic)
                }
            }
            let e = file.entry
            let values = "float32 upper triangle (i < j, row by row)" + (e.isDownsampled
                ? "; block-averaged from \(e.sourceFrames) to \(e.frames) frames" : "")
            lines.append([file.path, file.metric, file.responseSet ?? "", file.model == nil ? "area" : "layer", e.area,
                          file.model ?? "", e.layer ?? "", String(e.frames), String(e.sourceFrames),
                          e.isDownsampled ? "true" : "false", String(e.firstFrame), file.distance.rawValue, values].map(csvField).joined(separator: ","))
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: root.appendingPathComponent("index.csv"), options: .atomic)
    }

    /// The Methods paragraph on the exported RDMs (and a warning listing what is missing).
    static func rdmBlocks(_ rdms: RDMFiles) -> [ReportBlock] {
        var blocks: [ReportBlock] = []
        if !rdms.files.isEmpty {
            let files = Set(rdms.files.map(\.path)).count
            let areas = rdms.files.filter { $0.model == nil }.count
            let downsampled = rdms.files.filter(\.entry.isDownsampled)
            var text = "Frame RDMs: rdms/ holds \(files) file(s) (\(areas) area RDM(s) and each model's best layer per area; "
                + "listed in rdms/index.csv), each the float32 upper triangle (i < j, row by row, numpy's triu_indices(n, 1) order) "
                + "of the TSRSA frame distance over the kept frames; NaN where a frame has zero variance."
            if let d = downsampled.first {
                text += " RDMs of more than \(FrameRDM.maximumFrames) frames are block-averaged to \(FrameRDM.maximumFrames) "
                    + "(\(downsampled.count) file entries, e.g. \(d.entry.sourceFrames) → \(d.entry.frames) frames)."
            } else {
                text += " None is downsampled (at most \(FrameRDM.maximumFrames) frames are kept as they are)."
            }
            blocks.append(.paragraph(text))
        }
        if !rdms.missing.isEmpty {
            blocks.append(.paragraph("Warning: RDMs missing for \(rdms.missing.count) job(s): "
                + rdms.missing.joined(separator: "; ")))
        }
        return blocks
    }
}
