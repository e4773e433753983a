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
    /// The frame RDMs written beside the result (`jobs/<key>.rdms/<file>`; TSRSA model jobs): every
    /// area's and the model's best layer per area. Nil for other jobs and for results written
    /// before RDMs were exported.
    public var rdms: [FrameRDM.Entry]? = nil

    enum CodingKeys: String, CodingKey { case key, index, metric, responses, model, ceilings, rdms, responseSets = "response_sets" }

    /// The folder of a job's RDM files beside its result file `jobs/<key>.json`.
    public static func rdmDirectory(jobs: URL, key: String) -> URL { jobs.appendingPathComponent("\(key).rdms", isDirectory: true) }

    /// Whether `url` holds a readable result of the job with `key`.
    public static func valid(at url: URL, key: String) -> Bool {
        guard let data = try? Data(contentsOf: url),
              let result = try? JSONDecoder().decode(JobResult.self, from: data) else { return false }
        return result.key == key
    }
}
