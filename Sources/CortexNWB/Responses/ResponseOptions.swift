/// What ``StimulusResponses`` computes: which stimulus, which units, how finely binned, how smoothed.
///
/// ```swift
/// var options = ResponseOptions()                                   // natural_movie_one, 1 bin/frame
/// options.filter = .all([.allenDefault, .minimumRate(spikesPerSecond: 0.5)])
/// options.smoothing = .gaussian(sigmaFrames: 1)
/// ```
public struct ResponseOptions: Sendable {
    /// The movie stimulus (default "natural_movie_one").
    public var stimulus: String
    /// Sub-bins per displayed frame, ≥ 1.
    public var binsPerFrame: Int
    /// Which units to keep (rate conditions use the mean rate over the movie).
    public var filter: UnitFilter
    /// Smoothing of the trial average (``StimulusResponses/responses``).
    public var smoothing: ResponseSmoothing
    /// How many units' spikes are read from the file per block (bounds memory for huge sessions).
    public var unitsPerRead: Int

    /// Options; defaults: natural_movie_one, 1 bin per frame, every unit, no smoothing, 256 units per read.
    public init(stimulus: String = "natural_movie_one", binsPerFrame: Int = 1, filter: UnitFilter = .none,
                smoothing: ResponseSmoothing = .none, unitsPerRead: Int = 256) {
        precondition(binsPerFrame >= 1, "ResponseOptions: binsPerFrame must be ≥ 1, got \(binsPerFrame)")
        precondition(unitsPerRead >= 1, "ResponseOptions: unitsPerRead must be ≥ 1, got \(unitsPerRead)")
        self.stimulus = stimulus
        self.binsPerFrame = binsPerFrame
        self.filter = filter
        self.smoothing = smoothing
        self.unitsPerRead = unitsPerRead
    }
}
