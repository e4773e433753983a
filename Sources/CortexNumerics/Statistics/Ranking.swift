extension Statistics {
    /// The 1-based ranks of `values`, as `scipy.stats.rankdata` computes them.
    ///
    /// The rank of xᵢ is its position in the sorted order, counted from 1:
    ///
    ///     rank(xᵢ) = 1 + #{j : x_j < xᵢ} + (tie share),
    ///
    /// where the tie share among the m values equal to xᵢ is (m − 1)/2 for `.average` and the number
    /// of equal values *before* position i for `.ordinal`. `-0.0` and `0.0` are equal; ±∞ rank as the
    /// extreme values. NaN is handled as `nans` says (see ``NaNPolicy``).
    ///
    /// ```swift
    /// try Statistics.ranks([0.3, 0.1, 0.3, 0.2])                    // [3.5, 1, 3.5, 2]
    /// try Statistics.ranks([0.3, 0.1, 0.3, 0.2], ties: .ordinal)    // [3, 1, 4, 2]
    /// try Statistics.ranks([1, .nan, 0], nans: .omit)               // [2, nan, 1]
    /// ```
    ///
    /// The values are ordered by (value, index), a total order, so the result never depends on how
    /// a sort treats equal keys; see ``RankOrder`` for the sort. `Float` input is widened to `Double`
    /// exactly.
    ///
    /// - Parameters:
    ///   - values: the data; any `BinaryFloatingPoint` type.
    ///   - ties: ``TiePolicy/average`` (scipy's default) or ``TiePolicy/ordinal``.
    ///   - nans: what to do with NaN; the default throws.
    /// - Returns: one rank per value, in input order; integers are exact in `Double` below 2⁵³.
    /// - Throws: ``StatisticsError/nanEncountered(index:)`` when `nans` is `.error` and a NaN occurs.
    /// - Complexity: O(n) time (radix sort) and O(n) extra memory; 400 000 values take about 10 ms.
    @inlinable
    public static func ranks<T: BinaryFloatingPoint>(
        _ values: [T], ties: TiePolicy = .average, nans: NaNPolicy = .error
    ) throws(StatisticsError) -> [Double] {
        var result = [Double](repeating: 0, count: values.count)
        try values.withUnsafeBufferPointer { (input) throws(StatisticsError) in
            try result.withUnsafeMutableBufferPointer { (output) throws(StatisticsError) in
                try ranks(of: input, into: output, ties: ties, nans: nans)
            }
        }
        return result
    }

    /// Writes the 1-based ranks of `values` into `output` (same count); see ``Statistics/ranks(_:ties:nans:)``.
    ///
    /// Use this form to rank columns of a matrix or slices of a large buffer without intermediate
    /// arrays. `output` may not overlap `values`.
    ///
    /// - Precondition: `output.count == values.count`.
    /// - Throws: ``StatisticsError/nanEncountered(index:)`` when `nans` is `.error` and a NaN occurs
    ///   (`output` is then unspecified).
    /// - Complexity: O(n) time, O(n) extra memory.
    @inlinable
    public static func ranks<T: BinaryFloatingPoint>(
        of values: UnsafeBufferPointer<T>, into output: UnsafeMutableBufferPointer<Double>,
        ties: TiePolicy = .average, nans: NaNPolicy = .error
    ) throws(StatisticsError) {
        precondition(output.count == values.count,
                     "ranks: output has \(output.count) slots for \(values.count) values")
        // Encode entries here, where T is known, so the sort in RankOrder is concrete code.
        var firstNaN: Int? = nil
        for index in values.indices where values[index].isNaN {
            firstNaN = index
            break
        }
        var entries: [RankOrder.Entry] = []
        if let firstNaN {
            switch nans {
            case .error:
                throw .nanEncountered(index: firstNaN)
            case .propagate:
                output.update(repeating: .nan)
                return
            case .omit:
                entries.reserveCapacity(values.count)
                for index in values.indices {
                    let value = values[index]
                    if value.isNaN {
                        output[index] = .nan
                    } else {
                        entries.append(RankOrder.Entry(key: RankOrder.orderedBits(Double(value)), index: index))
                    }
                }
            }
        } else {
            entries = values.indices.map { RankOrder.Entry(key: RankOrder.orderedBits(Double(values[$0])), index: $0) }
        }
        RankOrder.assignRanks(&entries, into: output, ties: ties)
    }
}

