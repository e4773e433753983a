import CortexNumerics
import CortexSimilarity
import Foundation
import Yams

/// Typed access to YAML nodes that reports the line and key of anything unexpected.
struct SpecReader {
    let file: String

    func fail(_ node: Node, _ key: String, _ reason: String) -> PipelineError {
        .invalidSpec(file: file, line: node.mark?.line, key: key, reason: reason)
    }

    func mapping(_ node: Node, key: String, allowed: Set<String>) throws -> [String: Node] {
        guard case .mapping(let m) = node else { throw fail(node, key, "expected a mapping of keys to values") }
        var result: [String: Node] = [:]
        for (k, v) in m {
            guard let name = k.string else { throw fail(k, key, "keys must be text") }
            guard allowed.contains(name) else {
                throw fail(k, key == "(document)" ? name : "\(key).\(name)",
                           "unknown key (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
            guard result[name] == nil else { throw fail(k, name, "appears twice") }
            result[name] = v
        }
        return result
    }

    func sequence(_ node: Node, key: String) throws -> [Node] {
        guard case .sequence(let s) = node else { throw fail(node, key, "expected a list") }
        return Array(s)
    }

    func string(_ node: Node, key: String) throws -> String {
        guard case .scalar(let s) = node else { throw fail(node, key, "expected text") }
        return s.string
    }

    func strings(_ node: Node, key: String) throws -> [String] {
        try sequence(node, key: key).enumerated().map { try string($1, key: "\(key)[\($0)]") }
    }

    /// The node's integer, read without YAML 1.1's base-60 form (`1:30`): Yams traps on an
    /// overflowing base-60 number (found by fuzzing), and no spec value is written in base 60.
    static func plainInteger(_ node: Node) -> Int? {
        guard case .scalar(let scalar) = node, !scalar.string.contains(":") else { return nil }
        return node.int
    }

    /// The node's number, without the base-60 form (see `plainInteger`).
    static func plainNumber(_ node: Node) -> Double? {
        guard case .scalar(let scalar) = node, !scalar.string.contains(":") else { return nil }
        return node.float
    }

    /// A decimal integer (YAML 1.2 core schema: `010` is not octal 8, `0-3` is not −3; both are
    /// errors), at least `minimum`.
    func integer(_ node: Node, key: String, minimum: Int) throws -> Int {
        guard case .scalar(let s) = node, let value = OptionLimits.decimalInteger(s.string), value >= minimum else {
            let text = (try? string(node, key: key)).map { ", got \"\($0)\"" } ?? ""
            throw fail(node, key, "expected a decimal integer ≥ \(minimum)\(text)")
        }
        return value
    }

    /// A value checked by ``OptionLimits`` (the same bounds as the command line's).
    func limited<T>(_ node: Node, key: String, _ body: () throws(OptionLimits.Violation) -> T) throws -> T {
        do { return try body() } catch {
            let full = key.hasSuffix(error.option.specKey) ? key : "\(key).\(error.option.specKey)"
            throw fail(node, full, error.specReason)
        }
    }

    func double(_ node: Node, key: String) throws -> Double {
        guard let value = Self.plainNumber(node), value.isFinite else { throw fail(node, key, "expected a number") }
        return value
    }

    func choice<E: RawRepresentable & CaseIterable>(_ node: Node, key: String, as: E.Type) throws -> E where E.RawValue == String {
        let text = try string(node, key: key)
        guard let value = E(rawValue: text) else {
            throw fail(node, key, "\"\(text)\" is not one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    func metric(_ node: Node, key: String) throws -> MetricChoice {
        let m = try mapping(node, key: key, allowed: ["kind", "ties", "compare", "rdm", "drop-first-frame", "lags",
                                                      "zero-variance", "rbf-threshold", "ridge-alpha", "ridge-folds",
                                                      "pca-dims"])
        guard let kind = m["kind"] else { throw fail(node, key, "each metric needs a kind") }
        var choice = MetricChoice(try self.choice(kind, key: "\(key).kind", as: MetricChoice.Kind.self))
        // The comparison first: its Spearman tie policy is the kind's default until `ties` sets it.
        if let n = m["compare"] { choice.comparison = try comparison(n, key: "\(key).compare", ties: choice.ties) }
        if let n = m["ties"] { choice.ties = try self.choice(n, key: "\(key).ties", as: TiePolicy.self) }
        if let n = m["rdm"] { choice.distance = try self.choice(n, key: "\(key).rdm", as: RDMDistance.self) }
        if let n = m["zero-variance"] {
            choice.zeroVariance = try self.choice(n, key: "\(key).zero-variance", as: ZeroVariancePolicy.self)
        }
        if let n = m["drop-first-frame"] {
            guard let b = n.bool else { throw fail(n, "\(key).drop-first-frame", "expected true or false") }
            choice.dropFirstFrame = b
        }
        if let n = m["lags"] { choice.lags = try lagRange(n, key: "\(key).lags") }
        if let n = m["rbf-threshold"] { choice.rbfThreshold = try double(n, key: "\(key).rbf-threshold") }
        if let n = m["ridge-alpha"] { choice.ridgeAlpha = try double(n, key: "\(key).ridge-alpha") }
        if let n = m["ridge-folds"] { choice.ridgeFolds = try integer(n, key: "\(key).ridge-folds", minimum: 2) }
        if let n = m["pca-dims"] { choice.pcaDims = try integer(n, key: "\(key).pca-dims", minimum: 1) }
        try limited(node, key: key) { () throws(OptionLimits.Violation) in try OptionLimits.validate(choice) }
        return choice
    }

    /// An RDM comparison by its spelling (``RDMComparison/spellings``), Spearman with `ties`.
    func comparison(_ node: Node, key: String, ties: TiePolicy) throws -> RDMComparison {
        let text = try string(node, key: key)
        guard let value = RDMComparison(spelling: text, ties: ties) else {
            throw fail(node, key, "\"\(text)\" is not one of \(RDMComparison.spellings.joined(separator: ", "))")
        }
        return value
    }

    /// `a...b` or a single lag `k`, the syntax the CLI prints (``OptionLimits/lags(parsing:)``).
    func lagRange(_ node: Node, key: String) throws -> ClosedRange<Int> {
        let text = try string(node, key: key)
        return try limited(node, key: key) { () throws(OptionLimits.Violation) in try OptionLimits.lags(parsing: text) }
    }
}
