import CortexNumerics
import Foundation

/// A floating-point type the engine computes in: `Float` for training, `Double` for gradient checks.
///
/// Adds the few elementary functions the kernels need to ``BLASScalar`` (whose GEMM the dense and
/// convolution kernels call), so kernels stay generic without converting through `Double`.
public protocol TensorScalar: BLASScalar {
    /// eˣ.
    static func exponential(_ x: Self) -> Self
    /// ln x.
    static func logarithm(_ x: Self) -> Self
}

extension Float: TensorScalar {
    @inlinable public static func exponential(_ x: Float) -> Float { Foundation.expf(x) }
    @inlinable public static func logarithm(_ x: Float) -> Float { Foundation.logf(x) }
}

extension Double: TensorScalar {
    @inlinable public static func exponential(_ x: Double) -> Double { Foundation.exp(x) }
    @inlinable public static func logarithm(_ x: Double) -> Double { Foundation.log(x) }
}
