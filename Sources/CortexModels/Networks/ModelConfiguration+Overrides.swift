extension ModelConfiguration {
    /// Changes to a named or recorded configuration: any of depth, base width, input channels,
    /// input size, neuron, connect function and classes (what `cortex --width 16 --neuron lif …`
    /// asks for). `nil` keeps the field.
    ///
    /// ```swift
    /// var overrides = ModelConfiguration.Overrides()
    /// overrides.baseWidth = 6
    /// overrides.inputSize = try .init(parsing: "32")            // 32 × 32
    /// let c = try overrides.applied(to: ModelRegistry.configuration(named: "sew-resnet18-w8")!)
    /// overrides.label(base: "sew-resnet18-w8")                  // "sew-resnet18-w8 --width 6 --input-size 32"
    /// ```
    public struct Overrides: Sendable, Hashable {
        /// Input frame height and width in pixels.
        public struct InputSize: Sendable, Hashable, CustomStringConvertible {
            public var height: Int
            public var width: Int

            public init(height: Int, width: Int) {
                self.height = height
                self.width = width
            }

            /// `N` (square) or `HxW`, each side at least 8.
            /// - Throws: ``InvalidOverride/inputSize(_:)``.
            public init(parsing text: String) throws(InvalidOverride) {
                let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
                guard parts.count == 1 || parts.count == 2,
                      parts.allSatisfy({ ModelConfiguration.inputSideRange.contains($0 ?? 0) }) else {
                    throw .inputSize(text)
                }
                self.init(height: parts[0]!, width: parts.count == 2 ? parts[1]! : parts[0]!)
            }

            /// `N` when square, else `HxW`.
            public var description: String { height == width ? "\(height)" : "\(height)x\(width)" }
        }

        /// 18 or 34.
        public var depth: Int?
        /// Channels of the stem and stage 1 (positive).
        public var baseWidth: Int?
        /// 1 or 3.
        public var inputChannels: Int?
        /// Each side at least 8 (a multiple of 32 for LoRaFB-SNet).
        public var inputSize: InputSize?
        public var neuron: NeuronKind?
        public var connect: ConnectFunction?
        /// Outputs of the final layer (positive).
        public var classes: Int?
        /// Where the stem max-pools (`--downsample`; also a spiking transformer's stem).
        public var downsampling: Downsampling?

        public init(depth: Int? = nil, baseWidth: Int? = nil, inputChannels: Int? = nil, inputSize: InputSize? = nil,
                    neuron: NeuronKind? = nil, connect: ConnectFunction? = nil, classes: Int? = nil, downsampling: Downsampling? = nil) {
            self.downsampling = downsampling
            self.depth = depth
            self.baseWidth = baseWidth
            self.inputChannels = inputChannels
            self.inputSize = inputSize
            self.neuron = neuron
            self.connect = connect
            self.classes = classes
        }

        /// True when no field is overridden.
        public var isEmpty: Bool { self == Overrides() }

        /// Checks every field on its own (the architecture-dependent input-size rule is checked by
        /// ``applied(to:)``).
        /// - Throws: ``InvalidOverride``, the first problem found.
        public func validate() throws(InvalidOverride) {
            if let depth, depth != 18 && depth != 34 { throw .depth(depth) }
            if let baseWidth, !ModelConfiguration.widthRange.contains(baseWidth) { throw .baseWidth(baseWidth) }
            if let inputChannels, inputChannels != 1 && inputChannels != 3 { throw .inputChannels(inputChannels) }
            if let inputSize, !ModelConfiguration.inputSideRange.contains(inputSize.height)
                || !ModelConfiguration.inputSideRange.contains(inputSize.width) {
                throw .inputSize(inputSize.description)
            }
            if let classes, !ModelConfiguration.classRange.contains(classes) { throw .classes(classes) }
        }

        /// `configuration` with the overridden fields replaced.
        /// - Throws: ``InvalidOverride``, including
        ///   ``InvalidOverride/inputSizeNotMultipleOf32(height:width:)`` for LoRaFB-SNet (its
        ///   feedback upsamples each stage back to the previous one's size).
        public func applied(to configuration: ModelConfiguration) throws(InvalidOverride) -> ModelConfiguration {
            try validate()
            var c = configuration
            if let depth { c.depth = depth }
            if let baseWidth { c.baseWidth = baseWidth }
            if let inputChannels { c.inputChannels = inputChannels }
            if let inputSize {
                c.inputHeight = inputSize.height
                c.inputWidth = inputSize.width
            }
            if let neuron { c.neuron = neuron }
            if let connect { c.connect = connect }
            if let classes { c.classes = classes }
            if let downsampling { c.downsampling = downsampling }
            if c.isRecurrent && (c.inputHeight % 32 != 0 || c.inputWidth % 32 != 0) {
                throw .inputSizeNotMultipleOf32(height: c.inputHeight, width: c.inputWidth)
            }
            if !c.neuron.isSpiking && c.connect != .add { throw .connectNeedsSpikes(c.connect) }
            return c
        }

        /// A display name: `base` followed by the overrides as the command line spells them
        /// (`sew-resnet18-w4 --width 8`).
        public func label(base: String) -> String {
            var parts = [base]
            if let depth { parts.append("--depth \(depth)") }
            if let baseWidth { parts.append("--width \(baseWidth)") }
            if let inputChannels { parts.append("--in-channels \(inputChannels)") }
            if let inputSize { parts.append("--input-size \(inputSize)") }
            if let neuron { parts.append("--neuron \(neuron.rawValue)") }
            if let connect { parts.append("--connect \(connect.rawValue)") }
            if let classes { parts.append("--classes \(classes)") }
            if let downsampling { parts.append("--downsample \(downsampling.rawValue)") }
            return parts.joined(separator: " ")
        }
    }
}
