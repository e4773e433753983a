import CortexKit
import Foundation

/// A metric and its options as keyword arguments, mapped to the library's ``MetricChoice`` in one
/// place, with the same defaults and checks as the `cortex` command's metric flags: `ties`,
/// `keep_first_frame`, `lags` (`"a...b"` or `k`), `rdm`, `compare`, `rbf_threshold`,
/// `zero_variance`, `ridge_alpha`, `ridge_folds`, `pca_dims`.
struct MetricRequest {
    static let optionNames = "ties, keep_first_frame, lags, rdm, compare, rbf_threshold, zero_variance, ridge_alpha, ridge_folds, pca_dims"

    var choice: MetricChoice

    init(kind name: String, options: inout CABIOptions) throws {
        guard let kind = MetricChoice.Kind(rawValue: name) else {
            throw CABIError("unknown metric \"\(name)\" (one of " + MetricChoice.Kind.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        var c = MetricChoice(kind)
        let ties = try options.choice("ties", TiePolicy.self)
        var comparison = c.comparison
        if let spelled = try options.string("compare") {
            guard let parsed = RDMComparison(spelling: spelled, ties: .average) else {
                throw CABIError("compare: unknown comparison \"\(spelled)\" (one of " + RDMComparison.spellings.joined(separator: ", ") + ")")
            }
            comparison = parsed
        }
        c.comparison = comparison.withTies(ties ?? kind.defaultTies)
        if let distance = try options.choice("rdm", RDMDistance.self) { c.distance = distance }
        if let keep = try options.bool("keep_first_frame") { c.dropFirstFrame = !keep }
        if let text = try options.string("lags") {
            guard kind == .tsrsa || text == "0" || text == "0...0" else { throw CABIError("lags applies to tsrsa only") }
            c.lags = try OptionLimits.lags(parsing: text)
        }
        if let policy = try options.choice("zero_variance", ZeroVariancePolicy.self) {
            guard kind == .tsrsa || policy == .error else {
                throw CABIError("zero_variance applies to tsrsa only (\(kind.rawValue) has no silent-frame policy)")
            }
            c.zeroVariance = policy
        }
        if let threshold = try options.double("rbf_threshold") {
            try OptionLimits.check(.rbfThreshold, threshold)
            c.rbfThreshold = threshold
        }
        if let alpha = try options.double("ridge_alpha") {
            guard kind == .ridge || kind == .ridgeStudy else { throw CABIError("ridge_alpha applies to ridge and ridge-study only") }
            try OptionLimits.check(.ridgeAlpha, alpha)
            c.ridgeAlpha = alpha
        }
        if let folds = try options.int("ridge_folds") {
            guard kind == .ridge else { throw CABIError("ridge_folds applies to ridge only (ridge-study is in-sample)") }
            try OptionLimits.check(.ridgeFolds, folds)
            c.ridgeFolds = folds
        }
        if let dims = try options.int("pca_dims") {
            guard kind == .ridgeStudy else { throw CABIError("pca_dims applies to ridge-study only") }
            try OptionLimits.check(.pcaDims, dims)
            c.pcaDims = dims
        }
        try OptionLimits.validate(c)
        choice = c
    }
}
