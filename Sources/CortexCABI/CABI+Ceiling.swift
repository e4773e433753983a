import CortexKit
import Foundation

/// Per-area noise ceilings of a response file — `cortex ceiling FILE --json` (the same loader,
/// ``ComparisonPlan/ceilings(of:progress:)`` and defaults).
///
/// `options_json`: the metric options of ``MetricRequest`` and `method` (`trial-bounds`, `trials`,
/// `neurons`; default trial bounds), `sem` (`ddof1`, `ddof0`), `splits`, `seed`, `areas` (comma-
/// separated). `*result_json`: `{"metric", "method", "standard_error", "splits", "seed", "areas":
/// [AreaCeiling …]}`.
@_cdecl("ck_ceiling")
public func ck_ceiling(
    _ path: UnsafePointer<CChar>?, _ metric: UnsafePointer<CChar>?, _ optionsJSON: UnsafePointer<CChar>?,
    _ resultJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
    CABIStrings.status(result: resultJSON, error: error) {
        let file = CABIStrings.text(path) ?? ""
        var options = try CABIOptions(json: CABIStrings.text(optionsJSON))
        let choice = try MetricRequest(kind: CABIStrings.text(metric) ?? "tsrsa", options: &options).choice
        let method = try options.choice("method", CeilingMethod.self)
        let sem = try options.choice("sem", CeilingStandardError.self) ?? .ddof1
        let splits = try options.int("splits") ?? CeilingOptions.defaultSplits
        try OptionLimits.check(.splits, splits)
        var seed = StatisticsOptions.defaultSeed
        if let s = try options.int("seed") {
            guard let value = UInt64(exactly: s) else { throw CABIError("seed: expected a non-negative integer, got \(s)") }
            seed = value
        }
        let areas = try options.string("areas")?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        try options.requireAllUsed(known: MetricRequest.optionNames + ", method, sem, splits, seed, areas")
        guard FileManager.default.fileExists(atPath: file) else { throw CABIError("\(file): no such file") }
        let brain = try BrainResponses.load(responseFiles: [(file, URL(fileURLWithPath: file))], areas: areas,
                                            producer: "CortexKit \(CortexKitVersion.string)")
        let plan = ComparisonPlan(metric: choice.entry,
                                  statistics: StatisticsOptions(ceiling: CeilingOptions(method: method, splits: splits, standardError: sem),
                                                                seed: seed))
        struct Output: Encodable {
            var metric: String
            var method: CeilingMethod
            var standardError: CeilingStandardError
            var splits: Int
            var seed: UInt64
            var areas: [AreaCeiling]
            enum CodingKeys: String, CodingKey { case metric, method, standardError = "standard_error", splits, seed, areas }
        }
        let output = Output(metric: choice.kind.rawValue, method: method ?? CeilingOptions.defaultMethod, standardError: sem,
                            splits: splits, seed: seed, areas: plan.ceilings(of: brain) ?? [])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(output), as: UTF8.self)
    }
}
