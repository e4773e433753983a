/// CortexEngine: the spiking neural network engine — tensors, reverse-mode autodiff, layers,
/// spiking neurons with surrogate gradients, optimizers and checkpoints. Built on CortexNumerics.
///
/// Layout (data flows downwards):
/// - `Autodiff/`: ``Tensor`` (row-major values, Float or Double), ``Graph`` (an explicit tape per
///   training step), the primitive operations and their single backward table
///   (`Operation+Backward.swift`), and the tensor functions built on them.
/// - `Kernels/`: the hot loops behind the primitives (im2col + GEMM convolution, pooling, batch
///   norm, the fused multi-step neuron), each with a naive reference in the tests or beside it.
/// - `Layers/`: ``Layer`` (named tensors, PyTorch state-dict names) and Linear, Conv2d,
///   ConvTranspose2d, BatchNorm2d, pooling, Dropout.
/// - `Neurons/`: ``NeuronDynamics`` (charge / fire / reset), IF, LIF, PLIF, ``Surrogate`` values,
///   explicit ``NeuronState``, and ``NeuronReference`` (the unfused reference).
/// - `Optimizers/`: SGD, Adam/AdamW, ``LearningRateSchedule``, ``GradientClipping``.
/// - `Checkpoints/`: safetensors files and state-dict load/save with typed errors.
///
/// A training step:
///
/// ```swift
/// let graph = Graph<Float>()
/// model.track(in: graph)                        // parameters become leaves
/// let loss = model(x).crossEntropy(labels: y)
/// graph.backward(from: loss)
/// optimizer.step(&model, gradients: model.gradients(in: graph))
/// ```
public enum CortexEngine {}
