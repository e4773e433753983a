import Foundation
import Testing
@testable import CortexNumerics

/// Golden values below were printed by `python3 scripts/reference/rng_reference.py`, an independent
/// plain-integer implementation of Philox4x32-10 and of every draw algorithm; the script also
/// checks Random123's and SplitMix64's published known answers before printing.
@Suite("Random numbers")
struct RandomTests {
    // MARK: Known answers of the published algorithms

    @Test("Philox4x32-10 reproduces Random123's known-answer vectors")
    func philoxKnownAnswers() {
        #expect(Philox4x32.block(counter: .zero, key: .zero)
                == SIMD4(0x6627_E8D5, 0xE169_C58D, 0xBC57_AC4C, 0x9B00_DBD8))
        #expect(Philox4x32.block(counter: SIMD4(repeating: 0xFFFF_FFFF), key: SIMD2(repeating: 0xFFFF_FFFF))
                == SIMD4(0x408F_276D, 0x41C8_3B0E, 0xA20B_C7C6, 0x6D54_51FD))
        #expect(Philox4x32.block(counter: SIMD4(0x243F_6A88, 0x85A3_08D3, 0x1319_8A2E, 0x0370_7344),
                                 key: SIMD2(0xA409_3822, 0x299F_31D0))
                == SIMD4(0xD16C_FE09, 0x94FD_CCEB, 0x5001_E420, 0x2412_6EA1))
    }

    @Test("the key mixer is SplitMix64's output function (stream of seed 0)")
    func splitMixKnownAnswers() {
        let gamma = SplittableRandom.golden
        #expect(SplittableRandom.mix(gamma) == 0xE220_A839_7B1D_CDAF)
        #expect(SplittableRandom.mix(gamma &* 2) == 0x6E78_9E6A_A1B9_65F4)
        #expect(SplittableRandom.mix(gamma &* 3) == 0x06C4_5D18_8009_454F)
    }

    @Test("seed 0 streams the Philox blocks of key 0, counters 0, 1, … (low words first)")
    func streamLayout() {
        var rng = SplittableRandom(seed: 0)
        let first = Philox4x32.block(counter: .zero, key: .zero)
        let second = Philox4x32.block(counter: SIMD4(1, 0, 0, 0), key: .zero)
        #expect(rng.next() == UInt64(first.x) | UInt64(first.y) << 32)
        #expect(rng.next() == UInt64(first.z) | UInt64(first.w) << 32)
        #expect(rng.next() == UInt64(second.x) | UInt64(second.y) << 32)
    }

    // MARK: Golden values for seed 42 (from scripts/reference/rng_reference.py)

    @Test("seed 42: raw 64-bit outputs")
    func goldenRaw() {
        var rng = SplittableRandom(seed: 42)
        let expected: [UInt64] = [
            0x77F5_493B_9CEA_F053, 0x5742_B3D7_12BF_50AD, 0x53BA_6CFD_FCDB_2127, 0x744E_06FB_838F_5A6E,
            0xA887_5DCB_D36C_0225, 0xC609_A559_9A4D_6D99, 0xABAF_0DAB_BAC7_0475, 0x610E_67F7_961E_5543,
        ]
        #expect((0..<8).map { _ in rng.next() } == expected)
    }

    @Test("seed 42: uniform doubles, floats and bounded integers")
    func goldenUniform() {
        var rng = SplittableRandom(seed: 42)
        let doubles = (0..<4).map { _ in rng.uniformDouble() }
        #expect(doubles == [0x1.dfd524ee73abcp-2, 0x1.5d0acf5c4afd4p-2, 0x1.4ee9b3f7f36c8p-2, 0x1.d1381bee0e3d6p-2])

        rng = SplittableRandom(seed: 42)
        let floats = (0..<4).map { _ in rng.uniformFloat() }
        #expect(floats == [7_861_577, 5_718_707, 5_487_212, 7_622_150].map { Float($0) * 0x1p-24 })

        rng = SplittableRandom(seed: 42)
        #expect((0..<12).map { _ in rng.uniformInt(below: 10) } == [4, 3, 3, 4, 6, 7, 6, 3, 8, 2, 2, 0])

        rng = SplittableRandom(seed: 42)
        let large = (0..<4).map { _ in rng.uniformUInt64(below: 0xAAAA_AAAA_AAAA_AAAB) }
        #expect(large == [0x3A2C_77E4_B72A_35C8, 0x4D89_59FD_025F_919E, 0x7274_B3C7_D1DA_02F8, 0x40B4_454F_B969_8E2C])
    }

    @Test("seed 42: derived and split children")
    func goldenSplitting() {
        let root = SplittableRandom(seed: 42)
        var child0 = root.derive(stream: 0)
        var child1 = root.derive(stream: 1)
        #expect(child0.key == 0x4579_B960_BB00_7F46)
        #expect(child1.key == 0xA9CB_101B_E2F6_824F)
        #expect([child0.next(), child0.next()] == [0x5637_B205_2BD9_F2BF, 0xFE6E_2A29_6C34_B3CD])
        #expect([child1.next(), child1.next()] == [0x8950_8605_D0D6_7FDE, 0x20C5_E841_B84F_7BA5])

        var parent = SplittableRandom(seed: 42)
        #expect(parent.split().key == 0x0B0D_8AAF_564B_DD24)
        #expect(parent.split().key == 0xAC30_EFF4_86AB_202E)
        #expect(parent.next() == 0x53BA_6CFD_FCDB_2127)   // the parent's third output
    }

    @Test("seed 42: standard normals (Marsaglia polar), to libm's last bit")
    func goldenNormal() {
        var rng = SplittableRandom(seed: 42)
        let expected = [-0.4109468672693224, -1.9605079702666057, 0.6783488848961569, 1.523770421358348]
        for value in expected {
            let z = rng.standardNormal()
            #expect(abs(z - value) <= 4 * value.ulp, "got \(z), expected \(value)")
        }
    }

    @Test("seed 42: Poisson counts for small and large means", arguments: [
        (0.5, [0, 1, 0, 0, 0, 0, 1, 1]),
        (4.0, [5, 4, 8, 6, 6, 3, 2, 5]),
        (30.0, [29, 27, 33, 33, 36, 26, 34, 28]),
        (1e4, [9991, 9949, 10046, 10050, 10112, 9939, 10073, 9974]),
        (1e6, [999_912, 999_496, 1_000_459, 1_000_497, 1_001_123, 999_389, 1_000_734, 999_739]),
    ])
    func goldenPoisson(mean: Double, expected: [Int]) {
        var rng = SplittableRandom(seed: 42)
        #expect((0..<8).map { _ in rng.poisson(mean: mean) } == expected)
    }

    @Test("seed 42: permutation and sample without replacement")
    func goldenPermutation() {
        var rng = SplittableRandom(seed: 42)
        #expect(rng.permutation(10) == [4, 0, 1, 6, 7, 8, 5, 3, 9, 2])
        rng = SplittableRandom(seed: 42)
        #expect(rng.sample(5, from: 1000) == [468, 341, 328, 455, 659])
    }

    // MARK: Determinism and splitting

    @Test("the same seed gives the same stream; a copy forks an identical stream")
    func determinism() {
        var a = SplittableRandom(seed: 2024)
        var b = SplittableRandom(seed: 2024)
        let streamA = (0..<100).map { _ in a.next() }
        #expect(streamA == (0..<100).map { _ in b.next() })
        var fork = a
        #expect((0..<7).map { _ in a.next() } == (0..<7).map { _ in fork.next() })
        var other = SplittableRandom(seed: 2025)
        #expect(streamA != (0..<100).map { _ in other.next() })
    }

    @Test("derive(stream:) ignores the parent's position and gives distinct, reproducible children")
    func deriveIsPositionIndependent() {
        var parent = SplittableRandom(seed: 7)
        let before = parent.derive(stream: 5)
        for _ in 0..<13 { _ = parent.next() }
        #expect(parent.derive(stream: 5) == before)

        let keys = Set((0..<1000).map { parent.derive(stream: UInt64($0)).key })
        #expect(keys.count == 1000)
        #expect(!keys.contains(parent.key))

        var x = parent.derive(stream: 1)
        var y = parent.derive(stream: 2)
        let xs = (0..<64).map { _ in x.next() }
        let ys = (0..<64).map { _ in y.next() }
        #expect(Set(xs).isDisjoint(with: ys))
    }

    @Test("split() advances the parent, gives different children, and replays from the same seed")
    func splitIsReproducible() {
        var parent = SplittableRandom(seed: 99)
        var first = parent.split()
        var second = parent.split()
        #expect(first.key != second.key)
        var replay = SplittableRandom(seed: 99)
        #expect(replay.split() == first)
        #expect(replay.split() == second)
        #expect(first.next() != second.next())
    }

    @Test("work split by derived streams is the same in any execution order")
    func parallelReproducibility() async {
        let root = SplittableRandom(seed: 11)
        let sequential = (0..<8).map { worker -> [Int] in
            var rng = root.derive(stream: UInt64(worker))
            return rng.permutation(20)
        }
        let concurrent = await withTaskGroup(of: (Int, [Int]).self) { group in
            for worker in (0..<8).reversed() {
                group.addTask {
                    var rng = root.derive(stream: UInt64(worker))
                    return (worker, rng.permutation(20))
                }
            }
            var results = [[Int]](repeating: [], count: 8)
            for await (worker, permutation) in group { results[worker] = permutation }
            return results
        }
        #expect(concurrent == sequential)
        #expect(Set(sequential).count == 8)
    }

    // MARK: Statistical sanity (fixed seeds, bounds of about 5–6 standard errors)

    @Test("uniform doubles and floats: mean ½ and variance 1/12 over 10⁵ draws, always in [0, 1)")
    func uniformMoments() {
        var rng = SplittableRandom(seed: 1)
        let n = 100_000
        let doubles = (0..<n).map { _ in rng.uniformDouble() }
        #expect(doubles.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(sampleMean(doubles) - 0.5) < 0.005)            // SE 0.0009
        #expect(abs(sampleVariance(doubles) - 1.0 / 12) < 0.002)   // SE 0.0003
        let floats = (0..<n).map { _ in Double(rng.uniformFloat()) }
        #expect(floats.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(sampleMean(floats) - 0.5) < 0.005)
        #expect(abs(sampleVariance(floats) - 1.0 / 12) < 0.002)
    }

    @Test("uniform draws in a range stay inside it, also where rounding would reach the bound")
    func uniformRanges() {
        var rng = SplittableRandom(seed: 2)
        for _ in 0..<10_000 {
            let x = rng.uniformDouble(in: -3..<(-2.5))
            #expect(x >= -3 && x < -2.5)
            let f = rng.uniformFloat(in: 10..<10.000_01)
            #expect(f >= 10 && f < 10.000_01)
            let i = rng.uniformInt(in: -5..<5)
            #expect(i >= -5 && i < 5)
            let c = rng.uniformInt(in: -2...2)
            #expect(c >= -2 && c <= 2)
        }
        // A range one ulp wide: the only value in it is its lower bound.
        let tiny = 1.0..<1.0.nextUp
        #expect((0..<100).allSatisfy { _ in rng.uniformDouble(in: tiny) == 1.0 })
        // Full-width ranges must not overflow.
        _ = rng.uniformInt(in: Int.min...Int.max)
        let wide = rng.uniformInt(in: Int.min..<Int.max)
        #expect(wide < Int.max)
    }

    @Test("bounded integers pass a chi-square goodness-of-fit test", arguments: [10, 7, 100])
    func boundedChiSquare(bound: Int) {
        var rng = SplittableRandom(seed: UInt64(bound))
        let n = 100_000
        var counts = [Int](repeating: 0, count: bound)
        for _ in 0..<n { counts[rng.uniformInt(below: bound)] += 1 }
        let expected = [Double](repeating: Double(n) / Double(bound), count: bound)
        let statistic = chiSquare(counts, expected)
        #expect(statistic < chiSquareBound(degreesOfFreedom: bound - 1), "χ² = \(statistic)")
    }

    @Test("Lemire's rejection removes modulo bias for a bound of ⅔·2⁶⁴")
    func noModuloBias() {
        // Plain `next() % bound` would put 2/3 of the mass below bound/2; the exact answer is 1/2.
        var rng = SplittableRandom(seed: 3)
        let bound: UInt64 = 0xAAAA_AAAA_AAAA_AAAB
        let n = 100_000
        let below = (0..<n).filter { _ in rng.uniformUInt64(below: bound) < bound / 2 }.count
        #expect(abs(Double(below) / Double(n) - 0.5) < 0.01)   // SE 0.0016
    }

    @Test("normal draws: mean, variance and kurtosis of N(0, 1); normal(mean:sd:) rescales")
    func normalMoments() {
        var rng = SplittableRandom(seed: 4)
        let n = 100_000
        let z = (0..<n).map { _ in rng.standardNormal() }
        let m = sampleMean(z)
        let v = sampleVariance(z)
        let kurtosis = z.map { pow($0 - m, 4) }.reduce(0, +) / Double(n) / (v * v)
        #expect(abs(m) < 0.02)               // SE 0.003
        #expect(abs(v - 1) < 0.03)           // SE 0.0045
        #expect(abs(kurtosis - 3) < 0.1)     // SE 0.015
        let tail = Double(z.filter { abs($0) > 1.959_963_985 }.count) / Double(n)
        #expect(abs(tail - 0.05) < 0.004)    // SE 0.0007

        let x = (0..<n).map { _ in rng.normal(mean: 10, standardDeviation: 3) }
        #expect(abs(sampleMean(x) - 10) < 0.06)
        #expect(abs(sampleVariance(x) - 9) < 0.3)
    }

    @Test("Poisson draws have mean λ and variance λ", arguments: [0.5, 4, 9.99, 10, 30, 1e4, 1e6])
    func poissonMoments(lambda: Double) {
        var rng = SplittableRandom(seed: 5)
        let n = 100_000
        let k = (0..<n).map { _ in Double(rng.poisson(mean: lambda)) }
        #expect(k.allSatisfy { $0 >= 0 })
        let meanTolerance = 6 * (lambda / Double(n)).squareRoot()
        let varianceTolerance = 6 * ((lambda + 2 * lambda * lambda) / Double(n)).squareRoot()
        #expect(abs(sampleMean(k) - lambda) < meanTolerance, "mean \(sampleMean(k))")
        #expect(abs(sampleVariance(k) - lambda) < varianceTolerance, "variance \(sampleVariance(k))")
    }

    @Test("Poisson draws follow the Poisson pmf (chi-square over binned counts)",
          arguments: [3.0, 10, 30, 1e6])
    func poissonDistribution(lambda: Double) {
        var rng = SplittableRandom(seed: 6)
        let n = 100_000
        // Bins of `width` counts spanning ±6σ; the two tails go to the end bins.
        let sd = lambda.squareRoot()
        let width = max(1, Int((sd / 4).rounded()))
        let low = max(0, Int(lambda - 6 * sd))
        let binCount = (Int(lambda + 6 * sd) - low) / width + 1
        func bin(_ k: Int) -> Int { min(max((k - low) / width, 0), binCount - 1) }
        var observed = [Int](repeating: 0, count: binCount)
        for _ in 0..<n { observed[bin(rng.poisson(mean: lambda))] += 1 }
        var expected = [Double](repeating: 0, count: binCount)
        for k in max(0, Int(lambda - 12 * sd))...(Int(lambda + 12 * sd) + 20) {
            expected[bin(k)] += Double(n) * exp(-lambda + Double(k) * log(lambda) - lgamma(Double(k) + 1))
        }
        // Merge bins with fewer than 5 expected counts into their neighbour.
        var (mergedObserved, mergedExpected) = ([Int](), [Double]())
        var (pendingObserved, pendingExpected) = (0, 0.0)
        for b in 0..<binCount {
            pendingObserved += observed[b]
            pendingExpected += expected[b]
            if pendingExpected >= 5 {
                mergedObserved.append(pendingObserved)
                mergedExpected.append(pendingExpected)
                (pendingObserved, pendingExpected) = (0, 0)
            }
        }
        mergedObserved[mergedObserved.count - 1] += pendingObserved
        mergedExpected[mergedExpected.count - 1] += pendingExpected
        let statistic = chiSquare(mergedObserved, mergedExpected)
        let dof = mergedObserved.count - 1
        #expect(dof >= 5)
        #expect(statistic < chiSquareBound(degreesOfFreedom: dof), "χ² = \(statistic) with \(dof) dof")
    }

    @Test("Poisson with mean 0 is always 0 and consumes no draws")
    func poissonZero() {
        var rng = SplittableRandom(seed: 8)
        let reference = rng
        #expect((0..<10).allSatisfy { _ in rng.poisson(mean: 0) == 0 })
        #expect(rng == reference)
    }

    @Test("log k! matches lgamma across the exact and Stirling ranges")
    func logFactorial() {
        for k in [0.0, 1, 2, 5, 9, 10, 11, 30, 1000, 1e6, 1e12] {
            let exact: Double = lgamma(k + 1)
            let value = SplittableRandom.logFactorial(k)
            #expect(abs(value - exact) <= 1e-12 * max(1, exact), "k = \(k)")
        }
    }

    // MARK: Permutations and samples

    @Test("permutations and shuffles are permutations of their input", arguments: [0, 1, 2, 3, 17, 1000])
    func permutationsArePermutations(n: Int) {
        var rng = SplittableRandom(seed: UInt64(n))
        for _ in 0..<20 {
            #expect(rng.permutation(n).sorted() == Array(0..<n))
        }
        let words = (0..<n).map { "w\($0)" }
        #expect(rng.shuffled(words).sorted() == words.sorted())
        var copy = words
        rng.shuffle(&copy)
        #expect(copy.sorted() == words.sorted())
    }

    @Test("all 6 orderings of 3 elements are equally likely (chi-square)")
    func permutationUniformity() {
        var rng = SplittableRandom(seed: 12)
        var counts: [[Int]: Int] = [:]
        let n = 60_000
        for _ in 0..<n { counts[rng.permutation(3), default: 0] += 1 }
        #expect(counts.count == 6)
        let statistic = chiSquare(Array(counts.values), [Double](repeating: Double(n) / 6, count: 6))
        #expect(statistic < chiSquareBound(degreesOfFreedom: 5), "χ² = \(statistic)")
    }

    @Test("samples without replacement are distinct and in range", arguments: [(0, 0), (1, 1), (3, 10), (10, 10), (5, 1000), (200, 1000), (1000, 1000)])
    func samplesAreDistinct(count: Int, population: Int) {
        var rng = SplittableRandom(seed: 13)
        for _ in 0..<10 {
            let sample = rng.sample(count, from: population)
            #expect(sample.count == count)
            #expect(Set(sample).count == count)
            #expect(sample.allSatisfy { $0 >= 0 && $0 < population })
        }
    }

    @Test("sample(n, from: n) equals permutation(n), and the sparse path equals the dense one")
    func samplePathsAgree() {
        var a = SplittableRandom(seed: 14)
        var b = a
        #expect(a.sample(50, from: 50) == b.permutation(50))
        for (count, population) in [(1, 10_000), (7, 100), (12, 100), (40, 41)] {
            var dense = SplittableRandom(seed: UInt64(count))
            var sparse = dense
            var pool = Array(0..<population)   // reference: explicit partial Fisher–Yates
            var reference = dense
            for i in 0..<min(count, population - 1) {
                pool.swapAt(i, i + reference.uniformInt(below: population - i))
            }
            let expected = Array(pool.prefix(count))
            #expect(dense.sample(count, from: population) == expected)
            #expect(sparse.sparseSample(count, from: population, swaps: min(count, population - 1)) == expected)
        }
    }

    @Test("each element is equally likely to be sampled")
    func sampleInclusionUniformity() {
        var rng = SplittableRandom(seed: 15)
        var counts = [Int](repeating: 0, count: 20)
        let draws = 20_000
        for _ in 0..<draws { for i in rng.sample(3, from: 20) { counts[i] += 1 } }
        let statistic = chiSquare(counts, [Double](repeating: Double(draws * 3) / 20, count: 20))
        #expect(statistic < chiSquareBound(degreesOfFreedom: 19), "χ² = \(statistic)")
    }

    // MARK: NDArray fills

    @Test("uniform and normal NDArrays: shape, row-major order of draws, moments")
    func arrayFills() {
        var rng = SplittableRandom(seed: 16)
        var replay = rng
        let u = NDArray<Double>.uniform(shape: [3, 4], in: -1..<1, using: &rng)
        #expect(u.shape == [3, 4])
        #expect(u.scalars == (0..<12).map { _ in replay.uniformDouble(in: -1..<1) })

        let uf = NDArray<Float>.uniform(shape: [1000], using: &rng)
        #expect(uf.scalars.allSatisfy { $0 >= 0 && $0 < 1 })

        var pairSource = SplittableRandom(seed: 17)
        var fillSource = pairSource
        let (z1, z2) = pairSource.standardNormalPair()
        let z3 = pairSource.standardNormalPair().0
        let small = NDArray<Double>.normal(shape: [3], mean: 1, standardDeviation: 2, using: &fillSource)
        #expect(small.scalars == [1 + 2 * z1, 1 + 2 * z2, 1 + 2 * z3])

        let big = NDArray<Double>.normal(shape: [200, 500], mean: -2, standardDeviation: 0.5, using: &rng)
        #expect(abs(sampleMean(big.scalars) + 2) < 0.01)
        #expect(abs(sampleVariance(big.scalars) - 0.25) < 0.01)

        var d = SplittableRandom(seed: 18)
        var f = d
        let doubles = NDArray<Double>.normal(shape: [5, 3], using: &d)
        let floats = NDArray<Float>.normal(shape: [5, 3], using: &f)
        #expect(floats.scalars == doubles.scalars.map { Float($0) })
        #expect(d == f)
    }
}

// MARK: Helpers

private func sampleMean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }

private func sampleVariance(_ x: [Double]) -> Double {
    let m = sampleMean(x)
    return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
}

/// Pearson's χ² = Σ (O − E)² / E.
private func chiSquare(_ observed: [Int], _ expected: [Double]) -> Double {
    zip(observed, expected).reduce(0) { $0 + (Double($1.0) - $1.1) * (Double($1.0) - $1.1) / $1.1 }
}

/// A generous χ² acceptance bound (p ≈ 10⁻⁶ or smaller) by the Wilson–Hilferty approximation,
/// χ²_ν(1 − p) ≈ ν (1 − 2/(9ν) + z √(2/(9ν)))³ with z = 4.75.
private func chiSquareBound(degreesOfFreedom nu: Int) -> Double {
    let v = Double(nu)
    let c = 2 / (9 * v)
    return v * pow(1 - c + 4.75 * c.squareRoot(), 3)
}
