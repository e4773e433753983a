/// One stimulus of a session, as listed by ``NWBSession/stimuli()`` (for `cortex inspect`).
public struct StimulusSummary: Sendable, Hashable {
    /// The stimulus name, e.g. "natural_movie_one".
    public let name: String
    /// The table holding its presentations.
    public let tablePath: String
    /// Number of presentation rows.
    public let presentationCount: Int
    /// Number of movie repeats, `nil` when the stimulus has no `frame` column or its repeats cannot
    /// be delimited (see ``MovieRepeats``).
    public let repeatCount: Int?
    /// Frames per repeat, `nil` as `repeatCount`.
    public let framesPerRepeat: Int?

    /// A summary.
    public init(name: String, tablePath: String, presentationCount: Int, repeatCount: Int?, framesPerRepeat: Int?) {
        self.name = name
        self.tablePath = tablePath
        self.presentationCount = presentationCount
        self.repeatCount = repeatCount
        self.framesPerRepeat = framesPerRepeat
    }
}
