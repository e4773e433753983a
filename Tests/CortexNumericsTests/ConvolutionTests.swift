import Foundation
import Testing
@testable import CortexNumerics

/// Convolution, correlation and Gaussian smoothing against SciPy (fixtures from
/// `scripts/reference/fft_reference.py`), against the direct sums, and identities.
@Suite("Convolution")
struct ConvolutionTests {
    private struct FilterCase: Decodable {
        let mode: String
        let x: [Double]
        let y: [Double]
        let output: [Double]
    }

    private struct GaussianCase: Decodable {
        let x: [Double]
        let sigma: Double
        let mode: String
        let cval: Double
        let output: [Double]
    }

    private struct GaussianMatrixCase: Decodable {
        let rows: Int
        let columns: Int
        let axis: Int
        let sigma: Double
        let mode: String
        let cval: Double
        let x: [Double]
        let output: [Double]
    }

    private struct GaussianKernel: Decodable {
        let sigma: Double
        let truncate: Double
        let weights: [Double]
    }

    private struct FilterFixture: Decodable {
        let cases: [FilterCase]
    }

    private struct GaussianFixture: Decodable {
        let cases: [GaussianCase]
        let matrices: [GaussianMatrixCase]
        let kernel: GaussianKernel
    }

    private static func mode(_ name: String) -> ConvolutionMode {
        switch name {
        case "full": .full
        case "same": .same
        case "valid": .valid
        default: fatalError("unknown mode \(name)")
        }
    }

    private static func boundary(_ name: String, cval: Double) -> BoundaryMode {
        switch name {
        case "reflect": .reflect
        case "constant": .constant(cval)
        case "mirror": .mirror
        case "nearest": .nearest
        case "wrap": .wrap
        default: fatalError("unknown boundary \(name)")
        }
    }

    /// A bound on every output of x ∗ y, times a Double rounding allowance.
    private static func tolerance(_ x: [Double], _ y: [Double], ulps: Double = 64) -> Double {
        ulps * Double.ulpOfOne * max(1, FFTTestSupport.l1(x) * FFTTestSupport.l1(y))
    }

    private static let primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79,
                                 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167,
                                 173, 179, 181, 191, 193, 197, 199]

    // MARK: SciPy references

    @Test("convolve equals scipy.signal.fftconvolve in every mode, by FFT, direct sum and automatic choice",
          arguments: ConvolutionMethod.allCases)
    func convolveMatchesSciPy(method: ConvolutionMethod) throws {
        let cases = try Fixtures.json("fft/fftconvolve.json", as: FilterFixture.self).cases
        #expect(cases.contains { $0.y.count > $0.x.count && $0.mode == "same" })
        for c in cases {
            let output = Convolution.convolve(c.x, c.y, mode: Self.mode(c.mode), method: method)
            #expect(FFTTestSupport.maxAbsDifference(output, c.output) < Self.tolerance(c.x, c.y),
                    "n = \(c.x.count), m = \(c.y.count), \(c.mode)")
        }
    }

    @Test("correlate equals scipy.signal.correlate(method='fft') in every mode, by FFT, direct sum and automatic choice",
          arguments: ConvolutionMethod.allCases)
    func correlateMatchesSciPy(method: ConvolutionMethod) throws {
        let cases = try Fixtures.json("fft/correlate.json", as: FilterFixture.self).cases
        for c in cases {
            let output = Convolution.correlate(c.x, c.y, mode: Self.mode(c.mode), method: method)
            #expect(FFTTestSupport.maxAbsDifference(output, c.output) < Self.tolerance(c.x, c.y),
                    "n = \(c.x.count), m = \(c.y.count), \(c.mode)")
        }
    }

    @Test("the public direct sums equal SciPy too (the reference is itself checked)")
    func directReferencesMatchSciPy() throws {
        for (file, correlation) in [("fft/fftconvolve.json", false), ("fft/correlate.json", true)] {
            for c in try Fixtures.json(file, as: FilterFixture.self).cases {
                let mode = Self.mode(c.mode)
                let output = correlation ? Convolution.directCorrelate(c.x, c.y, mode: mode)
                                         : Convolution.directConvolve(c.x, c.y, mode: mode)
                #expect(FFTTestSupport.maxAbsDifference(output, c.output) < Self.tolerance(c.x, c.y),
                        "\(file): n = \(c.x.count), m = \(c.y.count), \(c.mode)")
            }
        }
    }

    @Test("Float convolution and correlation equal SciPy to Float precision")
    func floatMatchesSciPy() throws {
        for (file, correlation) in [("fft/fftconvolve.json", false), ("fft/correlate.json", true)] {
            for c in try Fixtures.json(file, as: FilterFixture.self).cases {
                let (x, y) = (c.x.map { Float($0) }, c.y.map { Float($0) })
                let mode = Self.mode(c.mode)
                let output = correlation ? Convolution.correlate(x, y, mode: mode, method: .fft)
                                         : Convolution.convolve(x, y, mode: mode, method: .fft)
                let tolerance = 16 * Double(Float.ulpOfOne) * max(1, FFTTestSupport.l1(c.x) * FFTTestSupport.l1(c.y))
                #expect(FFTTestSupport.maxAbsDifference(output.map(Double.init), c.output) < tolerance,
                        "\(file): n = \(c.x.count), m = \(c.y.count), \(c.mode)")
            }
        }
    }

    // MARK: properties

    @Test("FFT convolution and correlation equal the direct sums for n = 1 … 200 (every prime included) in every mode")
    func fftEqualsDirect() {
        for n in 1...200 {
            // Kernel lengths: a prime, a pseudo-random length (sometimes longer than the signal) and 1.
            let m1 = Self.primes[n % Self.primes.count]
            let m2 = 1 + (n * 7919) % 211
            for m in Set([m1, m2, 1]) {
                let x = FFTTestSupport.randomSignal(count: n, seed: UInt64(n * 1000 + m))
                let y = FFTTestSupport.randomSignal(count: m, seed: UInt64(n * 1000 + m + 500_000))
                let tolerance = Self.tolerance(x, y)
                for mode in ConvolutionMode.allCases {
                    let convolution = Convolution.convolve(x, y, mode: mode, method: .fft)
                    #expect(FFTTestSupport.maxAbsDifference(convolution, Convolution.directConvolve(x, y, mode: mode)) < tolerance,
                            "convolve n = \(n), m = \(m), \(mode)")
                    let correlation = Convolution.correlate(x, y, mode: mode, method: .fft)
                    #expect(FFTTestSupport.maxAbsDifference(correlation, Convolution.directCorrelate(x, y, mode: mode)) < tolerance,
                            "correlate n = \(n), m = \(m), \(mode)")
                }
            }
        }
    }

    @Test("correlate(x, y) == convolve(x, reversed(y)) in every mode, FFT and direct")
    func correlationIsConvolutionWithReversedKernel() {
        for (n, m) in [(1, 1), (5, 3), (6, 3), (6, 4), (3, 8), (4, 9), (17, 17), (64, 31), (31, 64), (199, 101)] {
            let x = FFTTestSupport.randomSignal(count: n, seed: UInt64(3 * n + m))
            let y = FFTTestSupport.randomSignal(count: m, seed: UInt64(5 * n + m))
            for mode in ConvolutionMode.allCases {
                for method in [ConvolutionMethod.fft, .direct] {
                    let lhs = Convolution.correlate(x, y, mode: mode, method: method)
                    let rhs = Convolution.convolve(x, Array(y.reversed()), mode: mode, method: method)
                    #expect(FFTTestSupport.maxAbsDifference(lhs, rhs) < Self.tolerance(x, y), "n = \(n), m = \(m), \(mode), \(method)")
                }
            }
        }
    }

    @Test("output lengths: full n+m-1, same n, valid |n-m|+1; empty inputs give []")
    func outputLengths() {
        for (n, m) in [(8, 3), (3, 8), (5, 5), (1, 7)] {
            let x = [Double](repeating: 1, count: n), y = [Double](repeating: 1, count: m)
            #expect(Convolution.convolve(x, y, mode: .full).count == n + m - 1)
            #expect(Convolution.convolve(x, y, mode: .same, method: .fft).count == n)
            #expect(Convolution.correlate(x, y, mode: .valid, method: .fft).count == abs(n - m) + 1)
        }
        #expect(Convolution.convolve([Double](), [1, 2], mode: .same).isEmpty)
        #expect(Convolution.correlate([1.0, 2], [], mode: .full).isEmpty)
        #expect(Convolution.convolve([1.0, 2, 3], [0, 1, 0.5]) == [0, 1, 2.5, 4, 1.5])
        #expect(Convolution.correlate([1.0, 2, 3], [1, 1], mode: .valid) == [3, 5])
    }

    @Test("the automatic method takes the direct sum for tiny kernels and the FFT for long ones")
    func automaticChoice() {
        #expect(Convolution.prefersDirect(signalCount: 10_000, kernelCount: 5, mode: .full))
        #expect(Convolution.prefersDirect(signalCount: 50, kernelCount: 20, mode: .same))
        #expect(!Convolution.prefersDirect(signalCount: 10_000, kernelCount: 200, mode: .full))
        #expect(!Convolution.prefersDirect(signalCount: 300, kernelCount: 4096, mode: .valid))
    }

    // MARK: matrices

    @Test("matrix convolution along rows and columns equals convolving each signal, with one pair of plans",
          arguments: [SignalAxis.eachRow, .eachColumn])
    func matrixMatchesPerSignal(axis: SignalAxis) {
        let (rows, columns) = (9, 37)
        let matrix = NDArray(rows: rows, columns: columns, scalars: FFTTestSupport.randomSignal(count: rows * columns, seed: 42))
        let kernel = FFTTestSupport.randomSignal(count: 12, seed: 43)
        for mode in ConvolutionMode.allCases {
            for correlation in [false, true] {
                let cache = FFTPlanCache()
                let result = correlation
                    ? Convolution.correlate(matrix, template: kernel, along: axis, mode: mode, method: .fft, cache: cache)
                    : Convolution.convolve(matrix, kernel: kernel, along: axis, mode: mode, method: .fft, cache: cache)
                #expect(cache.planCount == 2, "one forward and one inverse plan serve every signal")
                let signals = axis == .eachRow ? (0..<rows).map { matrix.row($0) } : (0..<columns).map { matrix.column($0) }
                for (i, signal) in signals.enumerated() {
                    let expected = correlation ? Convolution.directCorrelate(signal, kernel, mode: mode)
                                               : Convolution.directConvolve(signal, kernel, mode: mode)
                    let got = axis == .eachRow ? result.row(i) : result.column(i)
                    #expect(FFTTestSupport.maxAbsDifference(got, expected) < Self.tolerance(signal, kernel),
                            "\(axis) \(i), \(mode), correlation \(correlation)")
                }
                let direct = correlation
                    ? Convolution.correlate(matrix, template: kernel, along: axis, mode: mode, method: .direct)
                    : Convolution.convolve(matrix, kernel: kernel, along: axis, mode: mode, method: .direct)
                #expect(direct.shape == result.shape)
            }
        }
    }

    // MARK: Gaussian smoothing

    @Test("the Gaussian kernel equals SciPy's weights, sums to 1 and has radius int(4σ + 0.5)")
    func gaussianKernel() throws {
        let reference = try Fixtures.json("fft/gaussian_filter1d.json", as: GaussianFixture.self).kernel
        let weights = GaussianSmoothing.kernel(sigma: reference.sigma, truncate: reference.truncate)
        #expect(FFTTestSupport.maxAbsDifference(weights, reference.weights) < 1e-16)
        #expect(abs(weights.reduce(0, +) - 1) < 1e-15)
        #expect(GaussianSmoothing.radius(sigma: 2) == 8)
        #expect(GaussianSmoothing.radius(sigma: 1.3) == 5)
        #expect(GaussianSmoothing.radius(sigma: 1.5, truncate: 3) == 5)
        #expect(GaussianSmoothing.kernel(sigma: 0.1).count == 1)
    }

    @Test("boundary extensions follow SciPy's diagrams for a b c d")
    func boundaryIndices() {
        // Positions -6 … 9 of the extended signal a b c d (indices 0 … 3).
        func extended(_ mode: BoundaryMode) -> [Int?] { (-6...9).map { mode.sourceIndex($0, count: 4) } }
        #expect(extended(.reflect) == [2, 3, 3, 2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0, 0, 1])
        #expect(extended(.mirror) == [0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1, 2, 3])
        #expect(extended(.nearest) == [0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 3, 3, 3, 3, 3])
        #expect(extended(.wrap) == [2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1])
        #expect(extended(.zero) == [nil, nil, nil, nil, nil, nil, 0, 1, 2, 3, nil, nil, nil, nil, nil, nil])
        #expect(BoundaryMode.mirror.sourceIndex(-3, count: 1) == 0)
    }

    @Test("gaussianSmooth equals scipy.ndimage.gaussian_filter1d for every boundary mode, σ and method",
          arguments: ConvolutionMethod.allCases)
    func gaussianMatchesSciPy(method: ConvolutionMethod) throws {
        let cases = try Fixtures.json("fft/gaussian_filter1d.json", as: GaussianFixture.self).cases
        #expect(cases.contains { GaussianSmoothing.radius(sigma: $0.sigma) > $0.x.count }, "kernels longer than signals")
        for c in cases {
            let output = GaussianSmoothing.smooth(c.x, sigma: c.sigma, boundary: Self.boundary(c.mode, cval: c.cval), method: method)
            let tolerance = 1e-13 * max(1, c.x.map(abs).max()! + abs(c.cval))
            #expect(FFTTestSupport.maxAbsDifference(output, c.output) < tolerance,
                    "n = \(c.x.count), σ = \(c.sigma), \(c.mode) \(c.cval)")
            let single = GaussianSmoothing.smooth(c.x.map { Float($0) }, sigma: c.sigma,
                                                  boundary: Self.boundary(c.mode, cval: c.cval), method: method)
            #expect(FFTTestSupport.maxAbsDifference(single.map(Double.init), c.output) < 1e7 * tolerance,
                    "Float: n = \(c.x.count), σ = \(c.sigma), \(c.mode) \(c.cval)")
        }
    }

    @Test("matrix gaussianSmooth along each axis equals gaussian_filter1d(axis=0/1)",
          arguments: ConvolutionMethod.allCases)
    func gaussianMatrixMatchesSciPy(method: ConvolutionMethod) throws {
        let cases = try Fixtures.json("fft/gaussian_filter1d.json", as: GaussianFixture.self).matrices
        #expect(Set(cases.map(\.axis)) == [0, 1])
        for c in cases {
            let matrix = NDArray(rows: c.rows, columns: c.columns, scalars: c.x)
            let axis: SignalAxis = c.axis == 0 ? .eachColumn : .eachRow
            let output = GaussianSmoothing.smooth(matrix, along: axis, sigma: c.sigma,
                                                  boundary: Self.boundary(c.mode, cval: c.cval), method: method)
            #expect(output.shape == [c.rows, c.columns])
            #expect(FFTTestSupport.maxAbsDifference(output.scalars, c.output) < 1e-12, "axis \(c.axis), \(c.mode)")
        }
    }

    @Test("large batches split over the cores give exactly the per-signal results",
          arguments: [ConvolutionMethod.direct, .fft])
    func parallelBatchesMatchSerial(method: ConvolutionMethod) {
        let (rows, columns) = (160, 701)          // 160 · (701 + 17) samples: above the parallel threshold
        let matrix = NDArray(rows: rows, columns: columns, scalars: FFTTestSupport.randomSignal(count: rows * columns, seed: 7))
        let kernel = FFTTestSupport.randomSignal(count: 17, seed: 8)
        for axis in [SignalAxis.eachRow, .eachColumn] {
            let batch = Convolution.convolve(matrix, kernel: kernel, along: axis, mode: .same, method: method)
            let signals = axis == .eachRow ? rows : columns
            for i in stride(from: 0, to: signals, by: 7) {
                let signal = axis == .eachRow ? matrix.row(i) : matrix.column(i)
                let single = Convolution.convolve(signal, kernel, mode: .same, method: method)
                let fromBatch = axis == .eachRow ? batch.row(i) : batch.column(i)
                #expect(fromBatch == single, "signal \(i) along \(axis)")
            }
        }
    }
}
