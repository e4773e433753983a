/// Arrays of random values, filled in row-major order from an explicit generator.
extension NDArray where Scalar == Double {
    /// An array of the given shape filled with uniform values in `range`
    /// (``RandomNumberGenerator/uniformDouble(in:)``, one draw per element, row-major order).
    ///
    /// ```swift
    /// var rng = SplittableRandom(seed: 7)
    /// let weights = NDArray<Double>.uniform(shape: [3, 4], in: -0.1..<0.1, using: &rng)
    /// ```
    ///
    /// - Complexity: O(count).
    public static func uniform<G: RandomNumberGenerator>(
        shape: [Int], in range: Range<Double> = 0..<1, using generator: inout G
    ) -> NDArray {
        NDArray(shape: shape) { _ in generator.uniformDouble(in: range) }
    }

    /// An array of the given shape filled with N(mean, standardDeviation²) values. Values come in
    /// pairs from ``RandomNumberGenerator/standardNormalPair()`` (both are used; an odd count
    /// discards the last spare), in row-major order.
    ///
    /// - Precondition: `standardDeviation ≥ 0`.
    /// - Complexity: O(count).
    public static func normal<G: RandomNumberGenerator>(
        shape: [Int], mean: Double = 0, standardDeviation: Double = 1, using generator: inout G
    ) -> NDArray {
        precondition(standardDeviation >= 0, "normal: standardDeviation must be ≥ 0, got \(standardDeviation)")
        precondition(shape.allSatisfy { $0 >= 0 }, "NDArray: negative extent in shape \(shape)")
        var values = [Double](repeating: 0, count: shape.reduce(1, *))
        fillNormalPairs(&values, using: &generator) { mean + standardDeviation * $0 }
        return NDArray(shape: shape, scalars: values)
    }
}

extension NDArray where Scalar == Float {
    /// An array of the given shape filled with uniform values in `range`
    /// (``RandomNumberGenerator/uniformFloat(in:)``: 24 random bits, one draw per element).
    ///
    /// - Complexity: O(count).
    public static func uniform<G: RandomNumberGenerator>(
        shape: [Int], in range: Range<Float> = 0..<1, using generator: inout G
    ) -> NDArray {
        NDArray(shape: shape) { _ in generator.uniformFloat(in: range) }
    }

    /// An array of the given shape filled with N(mean, standardDeviation²) values, computed in
    /// `Double` exactly as the `Double` overload does and then rounded to `Float`.
    ///
    /// - Precondition: `standardDeviation ≥ 0`.
    /// - Complexity: O(count).
    public static func normal<G: RandomNumberGenerator>(
        shape: [Int], mean: Float = 0, standardDeviation: Float = 1, using generator: inout G
    ) -> NDArray {
        precondition(standardDeviation >= 0, "normal: standardDeviation must be ≥ 0, got \(standardDeviation)")
        precondition(shape.allSatisfy { $0 >= 0 }, "NDArray: negative extent in shape \(shape)")
        var values = [Float](repeating: 0, count: shape.reduce(1, *))
        let (m, s) = (Double(mean), Double(standardDeviation))
        fillNormalPairs(&values, using: &generator) { Float(m + s * $0) }
        return NDArray(shape: shape, scalars: values)
    }
}

/// Fills `values` with `transform(z)` for standard normal z, using both values of each polar pair.
private func fillNormalPairs<G: RandomNumberGenerator, T>(
    _ values: inout [T], using generator: inout G, transform: (Double) -> T
) {
    values.withUnsafeMutableBufferPointer { out in
        var i = 0
        while i + 1 < out.count {
            let (z1, z2) = generator.standardNormalPair()
            out[i] = transform(z1)
            out[i + 1] = transform(z2)
            i += 2
        }
        if i < out.count { out[i] = transform(generator.standardNormalPair().0) }
    }
}
