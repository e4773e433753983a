import CortexSimilarity

/// Which statistics a comparison adds to its scores, all seeded (same seed ⇒ same numbers):
/// a noise ceiling per area (``CeilingOptions``: split-half neurons, the study's, or trials), and
/// for each area's best layer a circular-shift permutation p-value and a bootstrap confidence
/// interval (BCa over moving blocks of frames by default; ``IntervalResampling``). Every random stream derives from `seed` and the area's name
/// (``StatisticsSeed``).
public struct StatisticsOptions: Sendable, Hashable, Codable {
    /// The noise ceiling, or nil for none.
    public var ceiling: CeilingOptions?
    /// Circular-shift permutations for p-values; 0 = none.
    public var permutations: Int
    /// Bootstrap resamples for confidence intervals; 0 = none.
    public var bootstrap: Int
    /// Confidence level of the intervals.
    public var level: Double
    /// How the intervals are read off the bootstrap replicates (`nil`: ``defaultInterval``, BCa).
    public var interval: BootstrapIntervalMethod?
    /// What the bootstrap resamples (`nil`: ``IntervalResampling/frames``).
    public var resampling: IntervalResampling?
    /// Frames per block of the frame bootstrap (`nil`: ``BootstrapScheme/defaultBlockLength(frames:)``).
    public var blockLength: Int?
    /// Smallest circular shift of the permutations; nil: the default for the metric and frames
    /// (``PermutationScheme/defaultMinimumShift(comparedFrames:)``).
    public var minimumShift: Int?
    /// The statistics seed (ceiling splits, permutations, resamples).
    public var seed: UInt64
    /// Held-out layer/lag selection (``AreaSelection``); nil: ``defaultHeldOut`` whenever per-model
    /// statistics are asked for, none otherwise; ``HeldOutSplit/off``: none.
    public var heldOut: HeldOutSplit?
    /// Frame blocks of the paired models' sign-flip test; nil: ``defaultPairedBlocks``.
    public var pairedBlocks: Int?
    /// Correction of the paired comparisons' p-values; nil: Holm–Bonferroni.
    public var correction: MultipleComparisonCorrection?

    /// The held-out split used when statistics are asked for and none is named.
    public static let defaultHeldOut = HeldOutSplit.frameBlocks(length: nil)
    /// Frame blocks of the paired sign-flip test when none is named (2¹⁰ sign vectors, exact).
    public static let defaultPairedBlocks = 10
    /// The most frame blocks a paired sign-flip test may use.
    public static let maximumPairedBlocks = 1000

    /// The held-out split to compute, if any (see ``heldOut``).
    public var selectionSplit: HeldOutSplit? {
        switch heldOut {
        case .off: return nil
        case .some(let split): return split
        case .none: return perModel ? Self.defaultHeldOut : nil
        }
    }

    /// How intervals are read off the replicates when no method is given.
    public static let defaultInterval = BootstrapIntervalMethod.bca

    /// The statistics seed when none is given, on every command and in specs.
    public static let defaultSeed: UInt64 = 0

    public init(ceiling: CeilingOptions? = nil, permutations: Int = 0, bootstrap: Int = 0, level: Double = 0.95,
                interval: BootstrapIntervalMethod? = nil, minimumShift: Int? = nil,
                seed: UInt64 = StatisticsOptions.defaultSeed) {
        self.ceiling = ceiling
        self.minimumShift = minimumShift
        self.permutations = permutations
        self.bootstrap = bootstrap
        self.level = level
        self.interval = interval
        self.seed = seed
    }

    /// The interval method in use (``interval`` or the default).
    public var intervalMethod: BootstrapIntervalMethod { interval ?? Self.defaultInterval }

    /// The bootstrap scheme for `metric` on `rows` frames: moving blocks of the frames the metric
    /// compares (the default), or neurons.
    public func bootstrapScheme(for metric: some SimilarityMetric, rows: Int) -> BootstrapScheme {
        switch resampling ?? .frames {
        case .neurons: return .neurons
        case .frames:
            return .frames(blockLength: blockLength ?? BootstrapScheme.defaultBlockLength(frames: metric.comparedFrames(rows: rows)))
        }
    }

    public static let none = StatisticsOptions()

    /// Whether any per-model statistic is asked for.
    public var perModel: Bool { permutations > 0 || bootstrap > 0 }

    /// The permutation scheme for `metric` on `rows` frames: circular shifts by at least
    /// `minimumShift`, or the default for the frames the metric compares.
    public func permutationScheme(for metric: some SimilarityMetric, rows: Int) -> PermutationScheme {
        minimumShift.map { .circularShift(minimumShift: $0) } ?? .defaultCircularShift(for: metric, rows: rows)
    }
}

/// What the bootstrap of a comparison resamples.
///
/// - `frames` (default): moving blocks of frames, the same blocks for model and brain; TSRSA leaves
///   out the pairs of copies of one frame (``Bootstrap/tsrsaScore(model:brain:frames:options:)``),
///   so the replicates centre on the estimate and BCa intervals contain it. The interval
///   describes how the score would vary over movies like this one.
/// - `neurons`: the area's units with replacement. Duplicated units lower RDM-based scores, so
///   every replicate can fall below the estimate and no percentile-type interval then contains it.
public enum IntervalResampling: String, Sendable, Hashable, Codable, CaseIterable {
    case frames
    case neurons
}
