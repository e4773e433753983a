/// One point of the architecture search: time steps, neuron constants, width and depth of a
/// network of the `spiking-resnet` family (SEW-ResNet or LoRaFB-SNet, the base model's).
public struct SearchCandidate: Sendable, Hashable, Codable, CustomStringConvertible {
    public var steps: Int
    public var threshold: Double
    public var tau: Double
    public var baseWidth: Int
    public var depth: Int

    public init(steps: Int, threshold: Double, tau: Double, baseWidth: Int, depth: Int) {
        self.steps = steps
        self.threshold = threshold
        self.tau = tau
        self.baseWidth = baseWidth
        self.depth = depth
    }

    /// `T4-th1.5-tau2-w8-d18`: the candidate's folder name and table key.
    public var description: String {
        func number(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
        return "T\(steps)-th\(number(threshold))-tau\(number(tau))-w\(baseWidth)-d\(depth)"
    }

    /// The base run's options with this candidate's architecture and T.
    public func options(base: TrainingOptions) -> TrainingOptions {
        var options = base
        options.steps = steps
        options.configuration.baseWidth = baseWidth
        options.configuration.depth = depth
        options.configuration.neuronConstants = NeuronConstants(threshold: threshold, tau: tau)
        options.modelName = "\(base.modelName) \(description)"
        options.pruning = nil
        return options
    }
}

/// The values each gene may take (Auto-Spikformer's SNN space: threshold {1, 1.5, 2}, τ {1.25,
/// 2, 10}; T, width and depth as the CPU-sized demo networks allow).
public struct SearchSpace: Sendable, Hashable, Codable {
    public var steps: [Int]
    public var thresholds: [Double]
    public var taus: [Double]
    public var widths: [Int]
    public var depths: [Int]

    public init(steps: [Int] = [2, 4, 6], thresholds: [Double] = [1, 1.5, 2], taus: [Double] = [1.25, 2, 10],
                widths: [Int] = [4, 8], depths: [Int] = [18, 34]) {
        self.steps = steps
        self.thresholds = thresholds
        self.taus = taus
        self.widths = widths
        self.depths = depths
    }

    /// Number of distinct candidates.
    public var size: Int { steps.count * thresholds.count * taus.count * widths.count * depths.count }

    /// Whether every gene has a value and every value can run (T ≥ 1, V_th > 0, τ ≥ 1, width 1…256, depth 18 or 34).
    public var isValid: Bool {
        size > 0 && steps.allSatisfy { $0 >= 1 } && thresholds.allSatisfy { $0.isFinite && $0 > 0 }
            && taus.allSatisfy { $0.isFinite && $0 >= 1 } && widths.allSatisfy { ModelConfiguration.widthRange.contains($0) }
            && depths.allSatisfy { $0 == 18 || $0 == 34 }
    }
}
