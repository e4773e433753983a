import CortexNumerics
import CortexReports
import CortexRuntime
import Foundation

/// One input a result depends on — what it is, where it was read from and the SHA-256 of its
/// bytes — as results.json records the provenance of responses and models.
///
/// JSON (snake_case keys): `{"kind": "nwb_session", "path": "s.nwb", "sha256": "9f…"}`; random
/// weights have no file and no digest: `{"kind": "random_weights", "path": "random", "seed": 7}`.
///
/// ```swift
/// let session = InputSource(.nwbSession, path: "s.nwb", sha256: try SHA256.hexDigest(ofFile: url))
/// let untrained = InputSource.randomWeights(seed: 7)
/// ```
public struct InputSource: Sendable, Hashable, Codable {
    /// What the input is.
    public enum Kind: Sendable, Hashable {
        /// An NWB session file (responses built from it).
        case nwbSession
        /// A response file (`cortexkit-responses`).
        case responseFile
        /// A feature file (`cortexkit-features`).
        case featureFile
        /// A network checkpoint (`.safetensors`).
        case checkpoint
        /// A network with random weights drawn from `seed` (no file).
        case randomWeights(seed: UInt64)
        /// The movie a network watched (`.npy`).
        case movie

        /// The JSON spelling (`nwb_session`, `response_file`, `feature_file`, `checkpoint`,
        /// `random_weights`, `movie`).
        public var spelling: String {
            switch self {
            case .nwbSession: "nwb_session"
            case .responseFile: "response_file"
            case .featureFile: "feature_file"
            case .checkpoint: "checkpoint"
            case .randomWeights: "random_weights"
            case .movie: "movie"
            }
        }
    }

    public var kind: Kind
    /// The path as the user gave it (`random` for random weights).
    public var path: String
    /// SHA-256 (lowercase hex) of the file's bytes; nil when there is no file (random weights) or
    /// an older results file did not record it.
    public var sha256: String?

    public init(_ kind: Kind, path: String, sha256: String?) {
        self.kind = kind
        self.path = path
        self.sha256 = sha256
    }

    /// A network's random initial weights drawn from `seed`.
    public static func randomWeights(seed: UInt64) -> InputSource {
        InputSource(.randomWeights(seed: seed), path: "random", sha256: nil)
    }

    /// The SHA-256 of the file at `url`, recorded under the path `path` (as the user gave it).
    /// - Throws: the read error of `SHA256.hexDigest(ofFile:)`.
    public static func file(_ kind: Kind, path: String, url: URL) throws -> InputSource {
        InputSource(kind, path: path, sha256: try SHA256.hexDigest(ofFile: url))
    }

    enum CodingKeys: String, CodingKey { case kind, path, sha256, seed }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let spelling = try c.decode(String.self, forKey: .kind)
        switch spelling {
        case "nwb_session": kind = .nwbSession
        case "response_file": kind = .responseFile
        case "feature_file": kind = .featureFile
        case "checkpoint": kind = .checkpoint
        case "random_weights": kind = .randomWeights(seed: try c.decode(UInt64.self, forKey: .seed))
        case "movie": kind = .movie
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown input kind \"\(spelling)\"")
        }
        path = try c.decode(String.self, forKey: .path)
        sha256 = try c.decodeIfPresent(String.self, forKey: .sha256)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind.spelling, forKey: .kind)
        try c.encode(path, forKey: .path)
        try c.encodeIfPresent(sha256, forKey: .sha256)
        if case .randomWeights(let seed) = kind { try c.encode(seed, forKey: .seed) }
    }
}

extension InputSource {
    /// The input as a report's provenance table lists it (random weights: no digest, the seed in
    /// the path column).
    public var provenanceInput: ProvenanceInput {
        if case .randomWeights(let seed) = kind { return ProvenanceInput(path: "random weights, seed \(seed)", sha256: "") }
        return ProvenanceInput(path: path, sha256: sha256 ?? "")
    }
}
