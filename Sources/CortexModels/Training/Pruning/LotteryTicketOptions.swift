/// Settings of an iterative-magnitude-pruning lottery-ticket search (``LotteryTicketSearch``),
/// stored in options.json under `pruning`.
public struct LotteryTicketOptions: Sendable, Hashable, Codable {
    /// How weights are ranked (``PruningCriterion``).
    public var method: PruningMethod
    /// p: the fraction of the remaining weights of each layer pruned per round (0.25 → sparsity
    /// 25 %, 43.8 %, 57.8 %, … after rounds 1, 2, 3).
    public var fraction: Double
    /// k: pruned networks restart from the dense run's weights after epoch k (late rewinding;
    /// 0 = the initialisation, the original lottery ticket).
    public var rewindEpoch: Int
    /// R: pruning rounds after the dense run.
    public var rounds: Int
    /// ε of the early-bird ticket: a searching run stops after the first epoch whose mask
    /// (the next round's, drawn from the current weights) differs from the previous epoch's in
    /// less than this fraction of the prunable weights (`nil`: every run trains all epochs).
    public var earlyBird: Double?
    /// The early-time ticket: the dense run and every round but the last train with this many
    /// time steps; the last round (the ticket) trains with the run's T (`nil`: T throughout).
    public var earlyTimeSteps: Int?

    public init(method: PruningMethod = .magnitude, fraction: Double = 0.25, rewindEpoch: Int = 1, rounds: Int = 3,
                earlyBird: Double? = nil, earlyTimeSteps: Int? = nil) {
        self.method = method
        self.fraction = fraction
        self.rewindEpoch = rewindEpoch
        self.rounds = rounds
        self.earlyBird = earlyBird
        self.earlyTimeSteps = earlyTimeSteps
    }

    enum CodingKeys: String, CodingKey {
        case method, fraction, rounds
        case rewindEpoch = "rewind_epoch", earlyBird = "early_bird", earlyTimeSteps = "early_time_steps"
    }
}
