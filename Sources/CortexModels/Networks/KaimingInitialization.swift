import CortexEngine
import CortexNumerics

/// He (Kaiming) normal initialisation with fan-out, as the reference models initialise their
/// convolutions (`nn.init.kaiming_normal_(w, mode='fan_out', nonlinearity='relu')`):
/// w ~ N(0, 2/fan_out), fan_out = size(0)·kH·kW (PyTorch takes dimension 0 of the weight).
///
/// He et al. 2015, "Delving deep into rectifiers", §2.2.
enum KaimingInitialization {
    static func normalFanOut(shape: [Int], rng: inout SplittableRandom) -> Tensor<Float> {
        let fanOut = shape[0] * shape.dropFirst(2).reduce(1, *)
        let std = Float((2 / Double(fanOut)).squareRoot())
        return Tensor(NDArray<Float>.normal(shape: shape, mean: 0, standardDeviation: std, using: &rng))
    }
}
