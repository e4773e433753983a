import CortexEngine

/// SEW-ResNet and LoRaFB-SNet as a ``RecordableNetwork``: one family, `spiking-resnet`, whose
/// ``ModelConfiguration/architecture`` says which of the two a checkpoint holds.
extension SpikingResNet: RecordableNetwork {
    public typealias State = NetworkState

    /// `spiking-resnet` (both architectures).
    public static let family = "spiking-resnet"

    /// See ``ModelConfiguration/layerUnitShapes``.
    public var layerUnitShapes: [String: [Int]] { configuration.layerUnitShapes }

    /// See ``ModelConfiguration/monitorPaths``.
    public var monitorPaths: [String] { configuration.monitorPaths }

    /// `inputChannels × inputHeight × inputWidth` of the configuration.
    public var inputShape: NetworkInputShape { configuration.inputShape }

    /// An empty ``NetworkState``: every potential 0, no feedback yet.
    public func initialState() -> NetworkState { NetworkState() }
}
