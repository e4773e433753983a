/// Non-NaN values sorted ascending in `Double`, the input to quantiles and medians.
///
/// Order statistics are read directly; this type implements NumPy's index and interpolation
/// rules (see ``QuantileMethod``) so they live in one place.
@usableFromInline
struct SortedSample {
    /// The values, ascending, no NaN; never empty.
    @usableFromInline let values: [Double]

    /// Sorts the values of `input` as `nans` says. Returns `nil` (meaning "the answer is NaN")
    /// when a NaN occurs under `.propagate`.
    ///
    /// - Throws: ``StatisticsError/nanEncountered(index:)`` under `.error`,
    ///   ``StatisticsError/noValues`` when no value remains.
    @inlinable
    init?<T: BinaryFloatingPoint>(_ input: [T], nans: NaNPolicy) throws(StatisticsError) {
        var values: [Double] = []
        values.reserveCapacity(input.count)
        for (index, value) in input.enumerated() {
            if value.isNaN {
                switch nans {
                case .error: throw .nanEncountered(index: index)
                case .propagate: return nil
                case .omit: continue
                }
            }
            values.append(Double(value))
        }
        try self.init(unsorted: values)
    }

    /// Sorts NaN-free `unsorted`.
    @usableFromInline
    init(unsorted: [Double]) throws(StatisticsError) {
        guard !unsorted.isEmpty else { throw .noValues }
        var values = unsorted
        values.withUnsafeMutableBufferPointer { $0.sort() }
        self.values = values
    }

    /// The q-quantile by `method`, following NumPy 2's `_quantile` step for step.
    @usableFromInline
    func quantile(_ q: Double, method: QuantileMethod) -> Double {
        let last = values.count - 1
        let h = Double(last) * q
        switch method {
        case .lower:
            return values[min(Int(h.rounded(.down)), last)]
        case .higher:
            return values[min(Int(h.rounded(.up)), last)]
        case .nearest:
            return values[min(Int(h.rounded(.toNearestOrEven)), last)]
        case .linear:
            return interpolate(at: h)
        case .midpoint:
            return interpolate(at: 0.5 * (h.rounded(.down) + h.rounded(.up)))
        }
    }

    /// x_⌊v⌋ interpolated toward x_⌊v⌋₊₁ by the fraction of `v`; the last value when v ≥ n − 1.
    func interpolate(at virtualIndex: Double) -> Double {
        let last = values.count - 1
        if virtualIndex >= Double(last) { return values[last] }
        let lowerIndex = virtualIndex.rounded(.down)
        let i = Int(lowerIndex)
        return Self.lerp(values[i], values[i + 1], virtualIndex - lowerIndex)
    }

    /// NumPy's `_lerp`: a + (b − a)·t, evaluated as b − (b − a)(1 − t) when t ≥ ½ so the result
    /// is exact at both ends; t = 0 returns `a` exactly.
    static func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double {
        if t == 0 { return a }
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }

    /// NumPy's median: the middle value, or (a + b)/2 of the two middle values.
    @usableFromInline
    var median: Double {
        let n = values.count
        if n % 2 == 1 { return values[n / 2] }
        let (a, b) = (values[n / 2 - 1], values[n / 2])
        let sum = a + b
        return sum.isFinite ? sum / 2 : a / 2 + b / 2
    }
}
