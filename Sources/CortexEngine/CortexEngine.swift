/// CortexEngine: the spiking neural network engine — tensors, reverse-mode autodiff, layers,
/// spiking neurons with surrogate gradients, optimizers and checkpoints. Built on CortexNumerics.
public enum CortexEngine {}
