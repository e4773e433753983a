/// CortexModels: the spiking networks of the reference study (SEW-ResNet, LoRaFB-SNet) built on
/// CortexEngine, their tasks and training, and feature extraction on a movie.
public enum CortexModels {}
