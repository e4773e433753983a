import CortexEngine

/// How pruning ranks a parameter's weights: entries with the lowest scores are removed first.
/// A protocol so criteria other than magnitude (e.g. the SNN-specific criterion of arXiv
/// 2305.12148, not available in code) can be added by passing a value.
public protocol PruningCriterion: Sendable {
    /// One score per entry of `parameter` (named as in the state dict).
    func scores(of parameter: Tensor<Float>, name: String) -> [Float]
}

/// Magnitude pruning: score = |w| (Han et al. 2015; the lottery-ticket procedure of Frankle &
/// Carbin 2019 and Kim et al. 2022).
public struct MagnitudeCriterion: PruningCriterion {
    public init() {}
    public func scores(of parameter: Tensor<Float>, name: String) -> [Float] { parameter.scalars.map(abs) }
}

/// The criteria by name (`--prune magnitude`).
public enum PruningMethod: String, Sendable, Hashable, CaseIterable, Codable {
    case magnitude

    public var criterion: any PruningCriterion {
        switch self { case .magnitude: return MagnitudeCriterion() }
    }
}
