/// Named spiking-transformer configurations (`cortex models` lists them after the ResNets).
///
/// Names are `{family}-{blocks}-{embedding}` as the papers name their models (Spikformer-4-384):
///
/// - `spikformer-4-384`: the paper's CIFAR-10 model (3×32×32, 12 heads, MLP ratio 4, 10 classes;
///   ZK-Zhou/spikformer `cifar10`), for converted released weights.
/// - `spike-driven-transformer-2-512`: the paper's CIFAR-10 2-512 model (8 heads, `pooling_stat`
///   0011; BICLab `conf/cifar10/2_512_300E_t4.yml`).
/// - `spikformer-2-64`, `spike-driven-transformer-2-64`: CPU variants, 2 blocks, embedding 64,
///   4 heads, 1×64×64 input (16×16 tokens), 10 classes — the shipped tasks' frames.
/// - `spikformer-2-32`, `spike-driven-transformer-2-32`: test-sized, embedding 32, 1×32×32.
///
/// CML downsampling is the `--downsample cml` override of any of them (``Downsampling/cml``).
public enum TransformerRegistry {
    public static let entries: [(name: String, configuration: SpikingTransformerConfiguration)] = [
        ("spikformer-4-384", SpikingTransformerConfiguration(architecture: .spikformer, embedDim: 384, heads: 12, blocks: 4)),
        ("spike-driven-transformer-2-512", SpikingTransformerConfiguration(architecture: .spikeDrivenTransformer, embedDim: 512,
                                                                           heads: 8, blocks: 2)),
        ("spikformer-2-64", small(.spikformer, embedDim: 64, size: 64)),
        ("spike-driven-transformer-2-64", small(.spikeDrivenTransformer, embedDim: 64, size: 64)),
        ("spikformer-2-32", small(.spikformer, embedDim: 32, size: 32)),
        ("spike-driven-transformer-2-32", small(.spikeDrivenTransformer, embedDim: 32, size: 32)),
    ]

    static func small(_ architecture: TransformerArchitecture, embedDim: Int, size: Int) -> SpikingTransformerConfiguration {
        SpikingTransformerConfiguration(architecture: architecture, embedDim: embedDim, heads: 4, blocks: 2, mlpRatio: 4,
                                        inputChannels: 1, inputHeight: size, inputWidth: size, classes: 10)
    }

    public static var names: [String] { entries.map(\.name) }

    /// The configuration named `name`, or `nil`.
    public static func configuration(named name: String) -> SpikingTransformerConfiguration? {
        entries.first { $0.name == name }?.configuration
    }

    /// The registered name of `configuration`, when it is one of the entries.
    public static func name(of configuration: SpikingTransformerConfiguration) -> String? {
        entries.first { $0.configuration == configuration }?.name
    }
}
