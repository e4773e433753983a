import Foundation

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
    /// Two response sets scored against each other (brain-to-brain jobs only).
    public var responseSets: ResponseSetComparison? = nil

    enum CodingKeys: String, CodingKey { case key, index, metric, responses, model, ceilings, responseSets = "response_sets" }

    /// Whether `url` holds a readable result of the job with `key`.
    public static func valid(at url: URL, key: String) -> Bool {
        guard let data = try? Data(contentsOf: url),
              let result = try? JSONDecoder().decode(JobResult.self, from: data) else { return false }
        return result.key == key
    }
}
