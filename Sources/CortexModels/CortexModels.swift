/// CortexModels: the spiking networks of the reference study (SEW-ResNet, LoRaFB-SNet) built on
/// CortexEngine, their tasks and training, and feature extraction on a movie.
///
/// Layout (data flows downwards):
/// - `Networks/`: ``ModelConfiguration`` (family, depth, width, input, neuron, connect function,
///   classes; stored in checkpoint metadata), ``ModelRegistry`` (named configurations),
///   ``SpikingResNet`` (both families, multi-step over T with an explicit ``NetworkState``),
///   ``SEWBasicBlock``, ``FeedbackConnection`` (LoRaFB's per-stage feedback container).
///   State-dict names follow the reference PyTorch code, so converted checkpoints load.
///   ``RecordableNetwork`` is what everything downstream needs of a network (``SpikingResNet``
///   conforms); ``ModelConfiguration/Overrides`` change a configuration.
/// - `Checkpoints/`: ``CheckpointMetadata`` (versioned: family, configuration, task, input
///   normalisation, test accuracy), ``InputNormalization``.
/// - `Loading/`: ``ModelLoader`` — the one way from a ``ModelSource`` (checkpoint or random
///   weights), a registry name and overrides to a ``LoadedModel``.
/// - `Features/`: ``FramePreprocessing`` (resize, normalise, replicate channels) and
///   ``FeatureExtraction`` (the study's video and image protocols, streamed chunk by chunk).
/// - `Tasks/`: ``FashionMNIST`` (IDX files of the Debian package), ``ImageTask``, the
///   deterministic ``MotionTask`` video task.
/// - `Training/`: ``TrainingRun`` (run folder, atomic per-epoch checkpoints, bit-identical
///   resume), ``ResumableOptimizer`` (SGD momentum, AdamW), ``TrainingOptions``.
///
/// ```swift
/// var rng = SplittableRandom(seed: 0)
/// var model = SpikingResNet(configuration: ModelRegistry.configuration(named: "lorafb-snet18-w16")!, rng: &rng)
/// var state = NetworkState()                                   // a reset
/// let (logits, recorded) = model.forward(x, state: &state, mode: .inference, recording: ["recurrent_layer2.sub_module.1"])
/// ```
public enum CortexModels {}
