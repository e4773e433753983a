extension SpikingTransformerConfiguration {
    /// Changes to a named or recorded transformer configuration (`--embed-dim`, `--heads`,
    /// `--blocks`, `--mlp-ratio`, `--downsample`, `--in-channels`, `--input-size`, `--classes`);
    /// `nil` keeps the field.
    ///
    /// ```swift
    /// let c = try SpikingTransformerConfiguration.Overrides(downsampling: .cml, heads: 8)
    ///     .applied(to: TransformerRegistry.configuration(named: "spikformer-2-64")!)
    /// ```
    public struct Overrides: Sendable, Hashable {
        public var embedDim: Int?
        public var heads: Int?
        public var blocks: Int?
        public var mlpRatio: Int?
        public var downsampling: Downsampling?
        public var inputChannels: Int?
        public var inputSize: ModelConfiguration.Overrides.InputSize?
        public var classes: Int?

        public init(embedDim: Int? = nil, heads: Int? = nil, blocks: Int? = nil, mlpRatio: Int? = nil, downsampling: Downsampling? = nil,
                    inputChannels: Int? = nil, inputSize: ModelConfiguration.Overrides.InputSize? = nil, classes: Int? = nil) {
            self.embedDim = embedDim
            self.heads = heads
            self.blocks = blocks
            self.mlpRatio = mlpRatio
            self.downsampling = downsampling
            self.inputChannels = inputChannels
            self.inputSize = inputSize
            self.classes = classes
        }

        public var isEmpty: Bool { self == Overrides() }

        /// `configuration` with the overridden fields replaced.
        /// - Throws: ``InvalidTransformerOverride`` naming the first rule the result breaks.
        public func applied(to configuration: SpikingTransformerConfiguration) throws(InvalidTransformerOverride)
            -> SpikingTransformerConfiguration {
            var c = configuration
            if let embedDim { c.embedDim = embedDim }
            if let heads { c.heads = heads }
            if let blocks { c.blocks = blocks }
            if let mlpRatio { c.mlpRatio = mlpRatio }
            if let downsampling { c.downsampling = downsampling }
            if let inputChannels { c.inputChannels = inputChannels }
            if let inputSize { (c.inputHeight, c.inputWidth) = (inputSize.height, inputSize.width) }
            if let classes { c.classes = classes }
            if let problem = c.validationProblem { throw InvalidTransformerOverride(reason: problem) }
            return c
        }

        /// `base` followed by the overrides as the command line spells them.
        public func label(base: String) -> String {
            var parts = [base]
            if let embedDim { parts.append("--embed-dim \(embedDim)") }
            if let heads { parts.append("--heads \(heads)") }
            if let blocks { parts.append("--blocks \(blocks)") }
            if let mlpRatio { parts.append("--mlp-ratio \(mlpRatio)") }
            if let downsampling { parts.append("--downsample \(downsampling.rawValue)") }
            if let inputChannels { parts.append("--in-channels \(inputChannels)") }
            if let inputSize { parts.append("--input-size \(inputSize)") }
            if let classes { parts.append("--classes \(classes)") }
            return parts.joined(separator: " ")
        }
    }
}

/// A transformer override whose result breaks a configuration rule (one line naming it).
public struct InvalidTransformerOverride: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}
