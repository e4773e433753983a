/// One point of the architecture search: time steps, neuron constants, width and depth of the
/// base model's network — a SEW-ResNet or LoRaFB-SNet (base width, depth 18/34), or a spiking
/// transformer (width = embedding D, depth = blocks; threshold and τ stay its LIF's 1 and 2).
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
        if var transformer = base.transformer {
            precondition(threshold == 1 && tau == 2, "SearchCandidate: a spiking transformer's LIF keeps V_th = 1 and τ = 2")
            transformer.embedDim = baseWidth
            transformer.blocks = depth
            options.transformer = transformer
        } else {
            options.configuration.baseWidth = baseWidth
            options.configuration.depth = depth
            options.configuration.neuronConstants = NeuronConstants(threshold: threshold, tau: tau)
        }
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

    /// The genes of a search over spiking transformers like `transformer`: T, embedding D (the
    /// width gene) and blocks (the depth gene); their LIF neurons keep V_th = 1 and τ = 2.
    public static func transformers(steps: [Int] = [2, 4], widths: [Int] = [16, 32], blocks: [Int] = [1, 2]) -> SearchSpace {
        SearchSpace(steps: steps, thresholds: [1], taus: [2], widths: widths, depths: blocks)
    }

    /// Whether every value can run on the base network: ``isValid`` for a ResNet (`transformer`
    /// nil); for a spiking transformer, T ≥ 1, threshold [1] and τ [2] only, widths embedding
    /// dimensions (multiples of 8 and of its heads, 8…2048) and depths block counts (1…64).
    public func isValid(for transformer: SpikingTransformerConfiguration?) -> Bool {
        guard let transformer else { return isValid }
        return size > 0 && steps.allSatisfy { $0 >= 1 } && thresholds == [1] && taus == [2]
            && widths.allSatisfy {
                SpikingTransformerConfiguration.embedDimRange.contains($0) && $0 % 8 == 0 && $0 % transformer.heads == 0
            }
            && depths.allSatisfy { SpikingTransformerConfiguration.blockRange.contains($0) }
    }
}
