import CortexKit
import Foundation

/// A response file's description as JSON between the C ABI and its callers (keys as the file's
/// attributes, docs/formats.md): what ``ck_responses_read`` returns and ``ck_responses_write``
/// takes (`units` per area sizes the arrays passed).
struct ResponseHeader: Codable {
    struct Source: Codable { var path: String; var sha256: String }
    struct Area: Codable { var name: String; var units: Int }

    var stimulus: String
    var repeats: Int
    var frames: Int
    var binsPerFrame: Int
    var filter: String
    var minRate: Double?
    var smoothing: String
    var signal: String
    var sources: [Source]
    var cortexkitVersion: String
    var areas: [Area]

    enum CodingKeys: String, CodingKey {
        case stimulus, repeats, frames, binsPerFrame = "bins_per_frame", filter, minRate = "min_rate", smoothing, signal
        case sources, cortexkitVersion = "cortexkit_version", areas
    }

    init(_ file: ResponseFile) {
        stimulus = file.stimulus
        repeats = file.repeatCount
        frames = file.frameCount
        binsPerFrame = file.binsPerFrame
        filter = file.filter.recorded
        minRate = file.minimumRate
        smoothing = file.smoothing.recorded
        signal = file.signal.recorded
        sources = file.sources.map { Source(path: $0.path, sha256: $0.sha256) }
        cortexkitVersion = file.producer
        areas = file.areas.map { Area(name: $0.name, units: $0.unitCount) }
    }

    /// Decodes and checks a caller's header (sizes in range, names unique and non-empty).
    init(json: String) throws {
        do {
            self = try JSONDecoder().decode(ResponseHeader.self, from: Data(json.utf8))
        } catch let error as DecodingError {
            throw CABIError("response header: \(Self.describe(error))")
        }
        guard frames >= 1, binsPerFrame >= 1, repeats >= 1, frames.multipliedReportingOverflow(by: binsPerFrame).overflow == false,
              frames * binsPerFrame <= 1 << 31 else {
            throw CABIError("response header: \(frames) frames × \(binsPerFrame) bins per frame, \(repeats) repeats is not a valid layout")
        }
        guard !areas.isEmpty, Set(areas.map(\.name)).count == areas.count,
              areas.allSatisfy({ !$0.name.isEmpty && !$0.name.contains("/") && $0.units >= 1 && $0.units <= 1 << 24 }) else {
            throw CABIError("response header: areas need distinct names without '/' and at least one unit each")
        }
        guard ResponseSignal(recorded: signal) != nil else {
            throw CABIError("signal: unknown value \"\(signal)\" (one of " + ResponseSignal.allCases.map(\.recorded).joined(separator: ", ") + ")")
        }
    }

    var responseSignal: ResponseSignal { ResponseSignal(recorded: signal) ?? .spikeCounts }

    func responseSmoothing() throws -> ResponseSmoothing {
        guard let value = ResponseSmoothing(recorded: smoothing) else {
            throw CABIError("smoothing: \"\(smoothing)\" is not none or gaussian sigma=<σ> frames boundary=<mode>")
        }
        return value
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context): return "missing key \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
