import CortexNWB
import CortexNumerics
import Foundation

/// The outcome of `cortex compare`, written as `result.json` (schema `cortexkit-comparison/1`):
///
///     { "format": "cortexkit-comparison/1",
///       "metric": "tsrsa (spearman, ordinal ties, first frame dropped)",
///       "metric_options": { "kind": "tsrsa", "ties": "ordinal", … },
///       "responses": { "sources": [{kind, path, sha256}], "stimulus": …, "frames": …, "repeats": … },
///       "models": [ { "model": …, "source": …, "sources": [{kind, path, sha256 | seed}],
///                     "layers": [{name, depth, unit_shape}],
///                     "areas": […], "scores": [[layer × area]], "best": [{area, layer, score}],
///                     "mean_over_areas": … } ],
///       "ceilings": [{area, method, mean, standard_error, lower_bound, upper_bound, splits, …}] (optional,
///                    ``AreaCeiling``),
///       "ceiling_normalised": [{model, area, layer, score, ceiling, percent, above_ceiling}] (with
///                    ceilings, ``CeilingNormalisedScore``),
///       "cortexkit_version": …, "command": [argv…] }
///
/// Sources are ``InputSource`` values (kind `nwb_session`, `response_file`, `feature_file`,
/// `checkpoint`, `random_weights` with its `seed`, `movie`). Files written before them had
/// comma-joined `path`/`sha256` strings for the responses, a `sha256` string for each model, and
/// the camelCase keys `unitShape` and `standardError`; they still decode.
///
/// With statistics, each model also has "statistics": [{area, layer, p_value, permutations,
/// ci_lower, ci_upper, level}] for its best layer per area, "selection": [``AreaSelection``]
/// (in-sample vs held-out best, `p_value_selection` from the maximum over layers × lags) and
/// "pairing_samples": [``AreaPairingSamples``]; with two or more such models the result has
/// "paired_comparisons": [``ModelPairDifference``].
///
/// Under CKA, SVCCA and PWCCA each model also has "controls": [{area, layer, score, control, seed,
/// k_x, k_y, n, warning}] (``AreaControl``): the best layer's score with its frames shuffled, and
/// SVCCA/PWCCA's kept dimensions.
///
/// When its feature file records them (``ModelEnergy``), a model also has "energy":
/// { "energy_pj_per_frame", "synaptic_operations_per_frame", "multiply_accumulates_per_frame",
///   "dense_macs_per_frame", "pj_per_ac", "pj_per_mac",
///   "synaptic_layers": [{layer, input ("spikes" | "analog"), synaptic_operations_per_frame,
///                        dense_macs_per_frame}],
///   "firing_rates": [{layer, firing_rate}] } — per movie frame; absent for older feature files.
///
/// Checkpoint models run with interventions also have "interventions" (``InterventionResult``).
///
/// NaN scores are written as `null`. Read files with ``read(from:)``, which checks the format
/// version (``formatVersion``).
public struct CompareResult: Sendable, Codable {
    /// The brain responses compared with: their sources and frame layout.
    public struct Responses: Sendable, Codable, Hashable {
        /// The NWB sessions or response files, in order.
        public var sources: [InputSource]
        public var stimulus: String
        public var frames: Int
        public var repeats: Int
        /// Units of every compared area, in area order (nil in files written before it was recorded).
        public var units: [AreaUnits]?
        /// What the responses measure (``ResponseSignal/recorded``: `spike_counts`, `dff`, …); nil in
        /// results written before it was recorded (spike counts).
        public var signal: String?
        /// The batch spec's name of the response set (``BatchResponseSet``); nil when the spec
        /// does not name its sets, and outside batch reports.
        public var name: String?
        /// The unit quality filter the responses were built with (``ResponseFile/Filter/recorded``:
        /// `allen-default`, `none`, …) and the minimum mean rate (spikes / s); nil when not recorded.
        public var filter: String?
        public var minimumRate: Double?
        /// Seconds per movie frame (``ResponseFile/framePeriod``), when recorded.
        public var framePeriod: Double?

        /// The measured signal (spike counts when not recorded or unknown).
        public var responseSignal: ResponseSignal { signal.flatMap(ResponseSignal.init(recorded:)) ?? .spikeCounts }

        /// The number of units of one area.
        public struct AreaUnits: Sendable, Codable, Hashable {
            public var area: String
            public var units: Int
            /// Units from each input (in `sources` order) when several are pooled; nil for one input.
            public var perSession: [Int]?
            public init(area: String, units: Int, perSession: [Int]? = nil) {
                self.area = area; self.units = units; self.perSession = perSession
            }

            enum CodingKeys: String, CodingKey { case area, units, perSession = "per_session" }
        }

        public init(sources: [InputSource], stimulus: String, frames: Int, repeats: Int, units: [AreaUnits]? = nil) {
            self.sources = sources; self.stimulus = stimulus; self.frames = frames; self.repeats = repeats
            self.units = units
        }

        /// The sources' paths for people and messages, e.g. `a.nwb, b.nwb`.
        public var label: String { sources.map(\.path).joined(separator: ", ") }

        enum CodingKeys: String, CodingKey { case sources, stimulus, frames, repeats, units, signal, name, filter, minimumRate = "min_rate"
            case framePeriod = "frame_period_s"
        }
        enum LegacyKeys: String, CodingKey { case path, sha256 }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if c.contains(.sources) {
                sources = try c.decode([InputSource].self, forKey: .sources)
            } else {
                let old = try decoder.container(keyedBy: LegacyKeys.self)
                sources = InputSource.legacyResponses(paths: try old.decode(String.self, forKey: .path),
                                                      digests: try old.decode(String.self, forKey: .sha256))
            }
            stimulus = try c.decode(String.self, forKey: .stimulus)
            frames = try c.decode(Int.self, forKey: .frames)
            repeats = try c.decode(Int.self, forKey: .repeats)
            units = try c.decodeIfPresent([AreaUnits].self, forKey: .units)
            signal = try c.decodeIfPresent(String.self, forKey: .signal)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            filter = try c.decodeIfPresent(String.self, forKey: .filter)
            minimumRate = try c.decodeIfPresent(Double.self, forKey: .minimumRate)
            framePeriod = try c.decodeIfPresent(Double.self, forKey: .framePeriod)
        }
    }

    /// The best layer of one area (``BestScore``); `layer` and `score` are null when no layer
    /// has a finite score for the area.
    public struct Best: Sendable, Codable, Hashable {
        public var area: String
        public var layer: String?
        public var score: Double?
    }

    public struct Model: Sendable, Codable {
        public var scores: ModelScores
        /// What the scores were computed from: a feature file, or a checkpoint (or random
        /// weights) and the movie the network watched.
        public var sources: [InputSource]
        public var best: [Best]
        public var meanOverAreas: Double?
        /// P-values and confidence intervals of each area's best layer (when asked for).
        public var statistics: [AreaStatistics]?
        /// Temporal interventions on the movie and the drop they cause (checkpoint models, when asked for).
        public var interventions: [InterventionResult]?
        /// Shuffled-frames controls of each area's best layer (CKA, SVCCA, PWCCA).
        public var controls: [AreaControl]?
        /// In-sample vs held-out layer/lag selection and the selection-aware p-value, per area
        /// (with statistics; JSON "selection").
        public var selection: [AreaSelection]? = nil
        /// What paired comparisons with other models need (JSON "pairing_samples").
        public var pairing: [AreaPairingSamples]? = nil

        public init(scores: ModelScores, sources: [InputSource], statistics: [AreaStatistics]? = nil) {
            self.scores = scores
            self.sources = sources
            self.statistics = statistics
            best = scores.best.map { Best(area: $0.area, layer: $0.layer, score: $0.score.isNaN ? nil : $0.score) }
            meanOverAreas = scores.meanOverAreas.isNaN ? nil : scores.meanOverAreas
        }

        enum CodingKeys: String, CodingKey {
            case model, source, sources, layers, areas, scores, best, meanOverAreas = "mean_over_areas", statistics
            case lagProfiles = "lag_profiles", rdmImage = "rdm_image", energy, interventions, controls
            case selection, pairing = "pairing_samples", network, training
            /// Older files only: the model's digest (or `random weights, seed N`).
            case sha256
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(scores.model, forKey: .model)
            try c.encode(scores.source, forKey: .source)
            try c.encode(sources, forKey: .sources)
            try c.encode(scores.layers, forKey: .layers)
            try c.encode(scores.areas, forKey: .areas)
            try c.encode(scores.scores.map { $0.map { $0.isNaN ? nil : $0 } }, forKey: .scores)
            try c.encode(best, forKey: .best)
            try c.encode(meanOverAreas, forKey: .meanOverAreas)
            try c.encodeIfPresent(statistics, forKey: .statistics)
            try c.encodeIfPresent(scores.lagProfiles, forKey: .lagProfiles)
            try c.encodeIfPresent(scores.rdmImage, forKey: .rdmImage)
            try c.encodeIfPresent(scores.energy, forKey: .energy)
            try c.encodeIfPresent(scores.network, forKey: .network)
            try c.encodeIfPresent(scores.training, forKey: .training)
            try c.encodeIfPresent(interventions, forKey: .interventions)
            try c.encodeIfPresent(controls, forKey: .controls)
            try c.encodeIfPresent(selection, forKey: .selection)
            try c.encodeIfPresent(pairing, forKey: .pairing)
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let table = try c.decode([[Double?]].self, forKey: .scores).map { $0.map { $0 ?? .nan } }
            let source = try c.decode(String.self, forKey: .source)
            scores = ModelScores(model: try c.decode(String.self, forKey: .model), source: source,
                                 layers: try c.decode([FeatureFile.Layer].self, forKey: .layers),
                                 areas: try c.decode([String].self, forKey: .areas), scores: table)
            sources = try c.decodeIfPresent([InputSource].self, forKey: .sources)
                ?? [InputSource.legacyModel(path: source, digest: try c.decode(String.self, forKey: .sha256))]
            best = try c.decode([Best].self, forKey: .best)
            meanOverAreas = try c.decodeIfPresent(Double.self, forKey: .meanOverAreas)
            statistics = try c.decodeIfPresent([AreaStatistics].self, forKey: .statistics)
            scores.lagProfiles = try c.decodeIfPresent([ModelScores.LagProfile].self, forKey: .lagProfiles)
            scores.rdmImage = try c.decodeIfPresent(ModelScores.RDMImage.self, forKey: .rdmImage)
            scores.energy = try c.decodeIfPresent(ModelEnergy.self, forKey: .energy)
            scores.network = try c.decodeIfPresent(String.self, forKey: .network)
            scores.training = try c.decodeIfPresent(ModelTraining.self, forKey: .training)
            interventions = try c.decodeIfPresent([InterventionResult].self, forKey: .interventions)
            controls = try c.decodeIfPresent([AreaControl].self, forKey: .controls)
            selection = try c.decodeIfPresent([AreaSelection].self, forKey: .selection)
            pairing = try c.decodeIfPresent([AreaPairingSamples].self, forKey: .pairing)
        }
    }

    /// The results format this CortexKit writes and reads (older major versions stay readable).
    public static let formatVersion = FormatVersion("cortexkit-comparison", major: 1)
    /// ``formatVersion`` as written into files: `cortexkit-comparison/1`.
    public static let format = formatVersion.description

    public var format = CompareResult.format
    public var metric: String
    /// The built-in metric's options (nil for a custom metric).
    public var metricOptions: MetricChoice?
    /// Short name for CSV rows.
    public var metricShortName: String
    public var responses: Responses
    public var models: [Model]
    /// Noise ceilings per area (when asked for).
    public var ceilings: [AreaCeiling]?
    /// Each model's best-layer scores as % of the area's ceiling, flagged above 100 % (with ceilings).
    public var ceilingNormalised: [CeilingNormalisedScore]?
    /// Paired comparisons of every two models (``PairedComparisons``; with statistics and ≥ 2 models).
    public var pairedComparisons: [ModelPairDifference]? = nil
    public var cortexKitVersion: String
    public var command: [String]

    public init(metric: MetricEntry, responses: Responses, models: [Model], ceilings: [AreaCeiling]? = nil,
                cortexKitVersion: String, command: [String]) {
        self.ceilings = ceilings
        self.ceilingNormalised = ceilings.map { CompareResult.ceilingNormalised(models: models, ceilings: $0) }
        self.metric = metric.label
        self.metricOptions = metric.choice
        self.metricShortName = metric.shortName
        self.responses = responses
        self.models = models
        self.cortexKitVersion = cortexKitVersion
        self.command = command
    }

    enum CodingKeys: String, CodingKey {
        case format, metric, metricOptions = "metric_options", metricShortName = "metric_short_name", responses, models, ceilings
        case ceilingNormalised = "ceiling_normalised"
        case pairedComparisons = "paired_comparisons"
        case cortexKitVersion = "cortexkit_version", command
    }

    /// Pretty, key-sorted JSON (stable across runs for the same inputs).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[MetricChoice.snakeCaseKeys] = true
        return try encoder.encode(self)
    }

    /// Reads a `result.json` written by this or an older CortexKit.
    /// - Throws: ``PipelineError/newerFormat(file:found:supported:)`` for a file of a newer major
    ///   version, ``PipelineError/unknownFormat(file:found:expected:)`` for another kind of file,
    ///   the read error, or a `DecodingError`.
    public static func read(from url: URL) throws -> CompareResult {
        let data = try Data(contentsOf: url)
        try formatVersion.requireReadable(JSONFormatHeader.format(of: data), file: url.path)
        return try JSONDecoder().decode(CompareResult.self, from: data)
    }
}
