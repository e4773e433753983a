/// Random permutations, shuffles and samples without replacement, all by the forward
/// Fisher–Yates (Durstenfeld) algorithm with ``RandomNumberGenerator/uniformInt(below:)``.
extension RandomNumberGenerator {
    /// Shuffles `collection` in place; every ordering is equally likely.
    ///
    /// Forward Fisher–Yates: for i = 0, 1, …, n − 2, swap element i with element
    /// i + ``uniformInt(below:)``(n − i). Uses n − 1 draws (the last position is fixed).
    ///
    /// ```swift
    /// var deck = Array(0..<52)
    /// rng.shuffle(&deck)
    /// ```
    ///
    /// - Complexity: O(n).
    /// - Reference: R. Durstenfeld, "Algorithm 235: Random permutation", CACM 7(7), 1964.
    public mutating func shuffle<C: MutableCollection & RandomAccessCollection>(_ collection: inout C) {
        let n = collection.count
        guard n > 1 else { return }
        var i = collection.startIndex
        for offset in 0..<(n - 1) {
            let j = collection.index(i, offsetBy: uniformInt(below: n - offset))
            collection.swapAt(i, j)
            collection.formIndex(after: &i)
        }
    }

    /// A shuffled copy of `elements` (see ``shuffle(_:)``).
    ///
    /// - Complexity: O(n).
    public mutating func shuffled<S: Sequence>(_ elements: S) -> [S.Element] {
        var result = Array(elements)
        shuffle(&result)
        return result
    }

    /// A uniformly random permutation of `0 ..< n`, equal to `shuffled(0 ..< n)`.
    ///
    /// - Precondition: `n ≥ 0`.
    /// - Complexity: O(n).
    public mutating func permutation(_ n: Int) -> [Int] {
        precondition(n >= 0, "permutation: n must be ≥ 0, got \(n)")
        var result = Array(0..<n)
        shuffle(&result)
        return result
    }

    /// `count` distinct integers drawn without replacement from `0 ..< populationSize`, in random
    /// order: the first `count` entries of the permutation that ``permutation(_:)`` would produce
    /// from the same generator state (partial Fisher–Yates).
    ///
    /// Every ordered selection of `count` distinct values is equally likely. When `count` is
    /// small next to `populationSize` the swaps are recorded in a dictionary (memory O(count))
    /// instead of materialising `0 ..< populationSize`; both paths consume the same draws and
    /// return the same result.
    ///
    /// ```swift
    /// let heldOut = rng.sample(10, from: 118)   // 10 distinct frame indices
    /// ```
    ///
    /// - Precondition: `0 ≤ count ≤ populationSize`.
    /// - Complexity: O(count) expected time and memory (the dense path runs only when
    ///   populationSize ≤ 8·count).
    public mutating func sample(_ count: Int, from populationSize: Int) -> [Int] {
        precondition(count >= 0 && count <= populationSize,
                     "sample: need 0 ≤ count ≤ populationSize, got \(count) of \(populationSize)")
        // The last position of a full permutation needs no draw.
        let swaps = min(count, populationSize - 1)
        if count >= populationSize / 8 {
            var pool = Array(0..<populationSize)
            for i in 0..<max(swaps, 0) {
                pool.swapAt(i, i + uniformInt(below: populationSize - i))
            }
            return Array(pool.prefix(count))
        }
        return sparseSample(count, from: populationSize, swaps: swaps)
    }

    /// Partial Fisher–Yates over a virtual array `0 ..< populationSize` whose displaced entries
    /// live in `moved` (absent key k means the entry at k is still k).
    mutating func sparseSample(_ count: Int, from populationSize: Int, swaps: Int) -> [Int] {
        var moved: [Int: Int] = [:]
        moved.reserveCapacity(2 * count)
        var result: [Int] = []
        result.reserveCapacity(count)
        for i in 0..<count {
            guard i < swaps else {
                result.append(moved[i] ?? i)
                continue
            }
            let j = i + uniformInt(below: populationSize - i)
            let atI = moved[i] ?? i
            let atJ = moved[j] ?? j
            moved[j] = atI
            result.append(atJ)
        }
        return result
    }
}
