/// A finished job as stored in `jobs/<key>.json`.
public struct JobResult: Sendable, Codable {
    public var key: String
    public var index: Int
    /// The metric's label.
    public var metric: String
    public var responses: CompareResult.Responses
    /// The model's scores (nil for a ceiling job).
    public var model: CompareResult.Model?
    /// The areas' noise ceilings (ceiling jobs only).
    public var ceilings: [AreaCeiling]?
}
