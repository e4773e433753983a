extension ModelConfiguration {
    /// Why a ``Overrides`` value cannot be applied; each description is one line naming the value.
    public enum InvalidOverride: Error, Sendable, Hashable, CustomStringConvertible {
        case depth(Int)
        case baseWidth(Int)
        case inputChannels(Int)
        /// Not `N` or `HxW` with sides of at least 8.
        case inputSize(String)
        /// LoRaFB-SNet's input sides must be multiples of 32.
        case inputSizeNotMultipleOf32(height: Int, width: Int)
        case classes(Int)

        public var description: String {
            switch self {
            case .depth(let d): return "depth must be 18 or 34, got \(d)"
            case .baseWidth(let w): return "width must be positive, got \(w)"
            case .inputChannels(let c): return "input channels must be 1 or 3, got \(c)"
            case .inputSize(let s): return "input size must be N or HxW with sides of at least 8, got '\(s)'"
            case .inputSizeNotMultipleOf32(let h, let w):
                return "lorafb-snet needs an input size that is a multiple of 32, got \(h)x\(w)"
            case .classes(let k): return "classes must be positive, got \(k)"
            }
        }
    }
}
