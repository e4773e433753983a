import CortexModels
import CortexSimilarity
import Foundation
import Yams

/// A batch of comparisons described in YAML, as `cortex report SPEC.yaml` runs it.
///
/// ```yaml
/// title: Feedforward vs recurrent on the demo session
/// sessions: [datasets/demo-session.nwb]     # NWB files (responses built with the study's defaults) …
/// responses: []                             # … and/or response files from `cortex responses`
///                                           # or named sets, each scored on its own and against
///                                           # each other (``BatchResponseSet``):
///                                           #   - {name: ephys, sessions: [s.nwb]}
///                                           #   - {name: 2p, files: [r2p.h5]}
/// stimulus: natural_movie_one
/// areas: [VISp, VISl, VISrl, VISal, VISpm, VISam]   # optional: default the study's six that have units
/// models:                                 # feature files, or checkpoints run on a movie (``BatchModel``)
///   - name: SEW-ResNet18 (w16)
///     features: features/sew.h5
///   - name: LoRaFB-SNet18 (w16)
///     checkpoint: checkpoints/lorafb/model.safetensors
///     movie: natural_movie_one.npy
///     protocol: video                        # video | image (with T); default: the recorded training task's, else video
/// metrics:
///   - kind: tsrsa            # tsrsa, rsa, cka-linear, cka-rbf, cka-debiased, svcca, pwcca, procrustes, ridge, ridge-study
///     ties: ordinal          # ordinal | average
///     rdm: correlation       # frame RDM (tsrsa, rsa): correlation | spearman (the study's STSRSA) | euclidean | …
///     lags: 0...2
///     zero-variance: drop-frame
///     drop-first-frame: true # every metric (the study's policy; false compares all frames)
///   - kind: cka-linear
///   - kind: ridge-study      # the study's PCA + ridge, in-sample R²; ridge (cross-validated) is the default regression
///     pca-dims: 40           # also ridge-alpha (ridge, ridge-study) and ridge-folds (ridge)
/// statistics:                 # optional: noise ceilings, p-values and CIs of each area's best layer
///   ceiling-splits: 100       # noise ceilings with this many random splits (the study: 100)
///   ceiling-method: trial-bounds # trial-bounds (default; neurons when there are no trials, named) |
///                             #   trials (Spearman–Brown) | neurons (split-half neurons, the study's)
///   ceiling-sem: ddof1        # ddof1 (default) | ddof0 (the study's np.std)
///   permutations: 1000        # circular shifts
///   bootstrap: 200            # resamples
///   resample: frames          # frames (moving blocks, default) | neurons
///   block-length: 30          # frames per block (default: min(30, compared frames / 10))
///   ci-method: bca            # bca (default) | percentile | basic | bc (bias-corrected)
///   held-out: frame-blocks    # held-out layer/lag selection: frame-blocks (default) | repeats | off
///   held-out-block: 30        # frames per block (default: min(30, frames / 8))
///   paired-blocks: 10         # frame blocks of the paired models' sign-flip test
///   correction: holm          # holm (default) | bh: adjusted p of the paired comparisons
/// seed: 7
/// memory-budget: 4G           # what one job may hold (layers, Gram matrices), checked before it starts
/// intervention: shuffle:8     # optional, checkpoint models: shuffle:W | replace-noise:W | front:N | clips:LxK (or a list)
/// intervention-repeats: 5     # repeats of each, averaged (default 1)
/// intervention-layers: best   # best (each area's unaltered best layer) | all (default)
/// ```
///
/// Paths are relative to the spec file's folder. Unknown keys and wrong types are errors naming the
/// line and the key, so a typo never silently changes a run.
public struct BatchSpec: Sendable {
    /// A model entry: a feature file or a checkpoint run on a movie (``BatchModel``).
    public typealias Model = BatchModel

    public var title: String
    /// The response populations: one unnamed set (top-level `sessions:` and `responses:` files),
    /// or the named sets of `responses: [{name:, sessions:, files:}, …]`.
    public var responseSets: [BatchResponseSet]
    /// Whether the spec names its response sets (then reports score each set and every pair).
    public var namesResponseSets: Bool { responseSets.first?.name != nil }
    /// Every NWB session of every set.
    public var sessions: [String] { responseSets.flatMap(\.sessions) }
    /// Every response file of every set.
    public var responses: [String] { responseSets.flatMap(\.files) }
    public var stimulus: String
    public var areas: [String]?
    public var models: [Model]
    public var metrics: [MetricChoice]
    public var statistics: StatisticsOptions
    public var seed: UInt64
    /// The memory one job may use (``ComparisonPlan/budget``); default ``MemoryBudget/standard``.
    public var budget: MemoryBudget = .standard
    /// Temporal interventions on the checkpoint models (`intervention:` and its keys; see
    /// `BatchSpec+Interventions.swift`), nil when none are asked for.
    public var interventions: InterventionOptions?
    /// The spec file and its folder (paths resolve against it).
    public var file: String
    public var directory: URL

    /// Parses a spec file.
    public init(contentsOf url: URL) throws {
        let text: String
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw PipelineError.missingInput(file: url.path, referencedBy: "the command line")
        }
        guard !isDirectory.boolValue else {
            throw PipelineError.invalidSpec(file: url.path, line: nil, key: "(document)",
                                            reason: "a folder, not a spec file (a YAML file such as spec.yaml)")
        }
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw PipelineError.invalidSpec(file: url.path, line: nil, key: "(document)",
                                            reason: "cannot be read as UTF-8 text: is it a spec file?")
        }
        try self.init(yaml: text, file: url.path, directory: url.deletingLastPathComponent())
    }

    /// Parses spec text; `file` names it in errors, `directory` resolves relative paths.
    public init(yaml text: String, file: String, directory: URL) throws {
        self.file = file
        self.directory = directory
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw PipelineError.invalidSpec(file: file, line: nil, key: "(document)", reason: "the spec is empty")
            }
            root = node
        } catch let error as PipelineError {
            throw error
        } catch let error as YamlError {
            throw PipelineError.invalidSpec(file: file, line: Self.line(of: error), key: "(syntax)",
                                            reason: "not valid YAML: \(Self.firstLine(String(describing: error)))")
        }
        let reader = SpecReader(file: file)
        let top = try reader.mapping(root, key: "(document)",
                                     allowed: Set(["title", "sessions", "responses", "stimulus", "areas", "models", "metrics",
                                                   "statistics", "seed", "memory-budget"]).union(Self.interventionKeys))
        title = try top["title"].map { try reader.string($0, key: "title") } ?? "Model–brain similarity"
        responseSets = try Self.responseSets(top, root: root, reader: reader, file: file)
        stimulus = try top["stimulus"].map { try reader.string($0, key: "stimulus") } ?? "natural_movie_one"
        areas = try top["areas"].map { try reader.strings($0, key: "areas") }
        seed = try top["seed"].map { UInt64(try reader.integer($0, key: "seed", minimum: 0)) } ?? StatisticsOptions.defaultSeed
        if let node = top["memory-budget"] {
            let text = try reader.string(node, key: "memory-budget")
            guard let value = MemoryBudget(parsing: text) else {
                throw PipelineError.invalidSpec(file: file, line: node.mark?.line, key: "memory-budget",
                                                reason: "expected a size such as 4G, 512M or 1.5G, got \"\(text)\"")
            }
            budget = value
        }
        guard let modelsNode = top["models"] else {
            throw PipelineError.invalidSpec(file: file, line: root.mark?.line, key: "models", reason: "missing: list the models to compare")
        }
        models = try reader.sequence(modelsNode, key: "models").enumerated().map { i, node in
            try Self.model(node, index: i, reader: reader, file: file)
        }
        guard !models.isEmpty else {
            throw PipelineError.invalidSpec(file: file, line: modelsNode.mark?.line, key: "models", reason: "the list is empty")
        }
        if let duplicate = Dictionary(grouping: models, by: \.name).first(where: { $0.value.count > 1 })?.key {
            throw PipelineError.invalidSpec(file: file, line: modelsNode.mark?.line, key: "models",
                                            reason: "two models are named \"\(duplicate)\"")
        }
        interventions = try Self.interventions(top, models: models, reader: reader, file: file)
        var statistics = StatisticsOptions(seed: seed)
        if let node = top["statistics"] {
            let m = try reader.mapping(node, key: "statistics",
                                       allowed: ["ceiling-splits", "ceiling-method", "ceiling-sem", "permutations", "bootstrap",
                                                 "level", "ci-method", "min-shift", "resample", "block-length",
                                                 "held-out", "held-out-block", "paired-blocks", "correction"])
            /// One of an enum's raw values, or an error naming the key, the line and the choices.
            func choice<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws -> E? where E.RawValue == String {
                guard let node = m[key] else { return nil }
                let text = try reader.string(node, key: "statistics.\(key)")
                guard let value = E(rawValue: text) else {
                    throw PipelineError.invalidSpec(file: file, line: node.mark?.line, key: "statistics.\(key)",
                                                    reason: "expected \(E.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(text)\"")
                }
                return value
            }
            if let value = try choice("ci-method", BootstrapIntervalMethod.self) {
                statistics.interval = value == StatisticsOptions.defaultInterval ? nil : value
            }
            if let value = try choice("resample", IntervalResampling.self) { statistics.resampling = value == .frames ? nil : value }
            statistics.blockLength = try m["block-length"].map { try reader.integer($0, key: "statistics.block-length", minimum: 1) }
            let sem = try choice("ceiling-sem", CeilingStandardError.self)
            let splits = try m["ceiling-splits"].map { try reader.integer($0, key: "statistics.ceiling-splits", minimum: 1) }
            let method = try choice("ceiling-method", CeilingMethod.self)
            if splits != nil || method != nil {
                statistics.ceiling = CeilingOptions(method: method, splits: splits ?? CeilingOptions.defaultSplits,
                                                    standardError: sem ?? .ddof1)
            }
            try Self.readSelection(m, reader: reader, file: file, into: &statistics)
            statistics.minimumShift = try m["min-shift"].map { try reader.integer($0, key: "statistics.min-shift", minimum: 1) }
            statistics.permutations = try m["permutations"].map { try reader.integer($0, key: "statistics.permutations", minimum: 0) } ?? 0
            statistics.bootstrap = try m["bootstrap"].map { try reader.integer($0, key: "statistics.bootstrap", minimum: 2) } ?? 0
            if let level = m["level"] {
                let value = try reader.double(level, key: "statistics.level")
                guard value > 0 && value < 1 else {
                    throw PipelineError.invalidSpec(file: file, line: level.mark?.line, key: "statistics.level",
                                                    reason: "expected a level between 0 and 1, e.g. 0.95")
                }
                statistics.level = value
            }
        }
        let checked = statistics
        try reader.limited(top["statistics"] ?? root, key: "statistics") { () throws(OptionLimits.Violation) in
            try OptionLimits.validate(checked)
        }
        self.statistics = statistics
        let metricNodes = try top["metrics"].map { try reader.sequence($0, key: "metrics") } ?? []
        metrics = try metricNodes.isEmpty ? [.studyTSRSA] : metricNodes.enumerated().map { i, node in
            try reader.metric(node, key: "metrics[\(i)]")
        }
    }

    /// A path of the spec resolved against its folder.
    public func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
    }

    /// Every input file the spec names, resolved.
    public var inputFiles: [URL] { (sessions + responses + models.flatMap(\.inputs)).map(resolve) }

    /// Every input file, checked to exist before any job starts.
    public func checkInputs() throws {
        for path in sessions + responses + models.flatMap(\.inputs) {
            let url = resolve(path)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw PipelineError.missingInput(file: url.path, referencedBy: file)
            }
        }
    }

    /// One `models:` entry: `name` with `features`, or `name` with `checkpoint` and `movie` (and
    /// optional `protocol`, `T`, `layers`, `model`).
    static func model(_ node: Node, index i: Int, reader: SpecReader, file: String) throws -> Model {
        let key = "models[\(i)]"
        let m = try reader.mapping(node, key: key, allowed: ["name", "features", "checkpoint", "movie", "protocol", "T", "layers", "model"])
        guard let nameNode = m["name"] else {
            throw PipelineError.invalidSpec(file: file, line: node.mark?.line, key: key, reason: "each model needs a name")
        }
        let name = try reader.string(nameNode, key: key + ".name")
        switch (m["features"], m["checkpoint"]) {
        case (let features?, nil):
            if let extra = ["movie", "protocol", "T", "layers", "model"].first(where: { m[$0] != nil }) {
                throw PipelineError.invalidSpec(file: file, line: m[extra]!.mark?.line, key: "\(key).\(extra)",
                                                reason: "only a checkpoint model takes \(extra); a feature file is already extracted")
            }
            return Model(name: name, features: try reader.string(features, key: key + ".features"))
        case (nil, let checkpoint?):
            guard let movie = m["movie"] else {
                throw PipelineError.invalidSpec(file: file, line: node.mark?.line, key: key + ".movie",
                                                reason: "a checkpoint model needs the movie it watches (movie: FILE.npy)")
            }
            var run = BatchModel.CheckpointRun(checkpoint: try reader.string(checkpoint, key: key + ".checkpoint"),
                                               movie: try reader.string(movie, key: key + ".movie"))
            if let p = m["protocol"] {
                let text = try reader.string(p, key: key + ".protocol")
                guard let value = FeatureProtocol(rawValue: text) else {
                    throw PipelineError.invalidSpec(file: file, line: p.mark?.line, key: key + ".protocol",
                                                    reason: "expected video or image, got \"\(text)\"")
                }
                run.featureProtocol = value
            }
            run.steps = try m["T"].map { node in
                let steps = try reader.integer(node, key: key + ".T", minimum: 1)
                return try reader.limited(node, key: key + ".T") { () throws(OptionLimits.Violation) in
                    try OptionLimits.check(.steps, steps); return steps
                }
            } ?? 4
            run.layers = try m["layers"].map { try reader.strings($0, key: key + ".layers") }
            run.registryName = try m["model"].map { try reader.string($0, key: key + ".model") }
            return Model(name: name, source: .checkpoint(run))
        default:
            throw PipelineError.invalidSpec(file: file, line: node.mark?.line, key: key,
                                            reason: "give exactly one of features (a feature file) or checkpoint (with movie)")
        }
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    static func firstLine(_ text: String) -> String {
        text.split(separator: "\n").first.map(String.init) ?? text
    }
}
