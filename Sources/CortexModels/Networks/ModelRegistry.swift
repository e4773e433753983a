/// Named model configurations (`cortex models` prints them).
///
/// - `sew-resnet18`, `sew-resnet34`: the study's feedforward SNN, 3×224×224, IF neurons (as the
///   reference code), ADD, 1000 classes.
/// - `lorafb-snet18`, `lorafb-snet34`: the recurrent SNN, 3×224×224, LIF, ADD, 101 classes (UCF101).
/// - `sew-resnet18-w16`, `lorafb-snet18-w16` (and `-w8`): CPU variants, base width 16 (8), 1×64×64,
///   LIF, 10 classes.
/// - `sew-resnet18-w4`, `lorafb-snet18-w4`: test-sized, base width 4, 1×32×32.
/// - The non-spiking twins (``NeuronKind/rectifiedLinear``: ReLU in place of every spiking neuron,
///   blocks as a standard ResNet's): `lorafb-cnet18` (the study's LoRaFB-CNet, 3×224×224, 101
///   classes) and `relu-resnet18` (the twin of `sew-resnet18`), with the same `-w16`, `-w8`, `-w4`
///   variants as the spiking ones.
public enum ModelRegistry {
    public static let entries: [(name: String, configuration: ModelConfiguration)] = [
        ("sew-resnet18", ModelConfiguration(architecture: .sewResNet, depth: 18, neuron: .integrateAndFire, classes: 1000)),
        ("sew-resnet34", ModelConfiguration(architecture: .sewResNet, depth: 34, neuron: .integrateAndFire, classes: 1000)),
        ("lorafb-snet18", ModelConfiguration(architecture: .loraFBSNet, depth: 18, classes: 101)),
        ("lorafb-snet34", ModelConfiguration(architecture: .loraFBSNet, depth: 34, classes: 101)),
        ("sew-resnet18-w16", small(.sewResNet)),
        ("lorafb-snet18-w16", small(.loraFBSNet)),
        ("sew-resnet18-w8", small(.sewResNet, width: 8)),
        ("lorafb-snet18-w8", small(.loraFBSNet, width: 8)),
        ("sew-resnet18-w4", small(.sewResNet, width: 4, size: 32)),
        ("lorafb-snet18-w4", small(.loraFBSNet, width: 4, size: 32)),
        ("lorafb-cnet18", ModelConfiguration(architecture: .loraFBSNet, depth: 18, neuron: .rectifiedLinear, classes: 101)),
        ("relu-resnet18", ModelConfiguration(architecture: .sewResNet, depth: 18, neuron: .rectifiedLinear, classes: 1000)),
        ("relu-resnet18-w16", small(.sewResNet, neuron: .rectifiedLinear)),
        ("lorafb-cnet18-w16", small(.loraFBSNet, neuron: .rectifiedLinear)),
        ("relu-resnet18-w8", small(.sewResNet, width: 8, neuron: .rectifiedLinear)),
        ("lorafb-cnet18-w8", small(.loraFBSNet, width: 8, neuron: .rectifiedLinear)),
        ("relu-resnet18-w4", small(.sewResNet, width: 4, size: 32, neuron: .rectifiedLinear)),
        ("lorafb-cnet18-w4", small(.loraFBSNet, width: 4, size: 32, neuron: .rectifiedLinear)),
    ]

    static func small(_ architecture: Architecture, width: Int = 16, size: Int = 64,
                      neuron: NeuronKind = .leakyIntegrateAndFire) -> ModelConfiguration {
        ModelConfiguration(architecture: architecture, depth: 18, baseWidth: width, inputChannels: 1,
                           inputHeight: size, inputWidth: size, neuron: neuron, classes: 10)
    }

    public static var names: [String] { entries.map(\.name) }

    /// The configuration named `name`, or `nil`.
    public static func configuration(named name: String) -> ModelConfiguration? {
        entries.first { $0.name == name }?.configuration
    }

    /// The registered name of `configuration`, when it is one of the entries.
    public static func name(of configuration: ModelConfiguration) -> String? {
        entries.first { $0.configuration == configuration }?.name
    }
}
