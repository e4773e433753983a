import CortexNumerics

/// Weight initialisation as PyTorch's defaults for `Linear` and `Conv2d`: weight and bias drawn
/// from U(−b, b) with b = 1/√fan_in (kaiming_uniform with a = √5 gives exactly this bound).
enum Initialization {
    static func uniform<S: TensorScalar>(_ shape: [Int], bound: Double, rng: inout SplittableRandom) -> Tensor<S> {
        Tensor(shape: shape, generating: { _ in S((rng.uniformDouble() * 2 - 1) * bound) })
    }
}
