extension ModelConfiguration {
    /// Why a ``Overrides`` value cannot be applied; each description is one line naming the value.
    public enum InvalidOverride: Error, Sendable, Hashable, CustomStringConvertible {
        case depth(Int)
        case baseWidth(Int)
        case inputChannels(Int)
        /// Not `N` or `HxW` with sides in `ModelConfiguration.inputSideRange`.
        case inputSize(String)
        /// LoRaFB-SNet's input sides must be multiples of 32.
        case inputSizeNotMultipleOf32(height: Int, width: Int)
        case classes(Int)
        /// The ReLU twins join a block's branches by addition only (a standard ResNet block).
        case connectNeedsSpikes(ConnectFunction)

        public var description: String {
            switch self {
            case .depth(let d): return "depth must be 18 or 34, got \(d)"
            case .baseWidth(let w):
                return "width must be in \(ModelConfiguration.widthRange.lowerBound)...\(ModelConfiguration.widthRange.upperBound), got \(w)"
            case .inputChannels(let c): return "input channels must be 1 or 3, got \(c)"
            case .inputSize(let s):
                let sides = ModelConfiguration.inputSideRange
                return "input size must be N or HxW with sides in \(sides.lowerBound)...\(sides.upperBound), got '\(s)'"
            case .inputSizeNotMultipleOf32(let h, let w):
                return "lorafb-snet needs an input size that is a multiple of 32, got \(h)x\(w)"
            case .connectNeedsSpikes(let connect):
                return "--neuron relu (the non-spiking twin) adds a block's branches; connect \(connect.rawValue) needs spikes (use ADD)"
            case .classes(let k):
                return "classes must be in \(ModelConfiguration.classRange.lowerBound)...\(ModelConfiguration.classRange.upperBound), got \(k)"
            }
        }
    }
}
