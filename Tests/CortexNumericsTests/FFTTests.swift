import Foundation
import Synchronization
import Testing
@testable import CortexNumerics

/// Real FFTs against NumPy (fixtures from `scripts/reference/fft_reference.py`) and identities.
@Suite("Real FFT")
struct FFTTests {
    private struct SpectrumCase: Decodable {
        let n: Int
        let precision: String
        let input: [Double]
        let real: [Double]
        let imag: [Double]
    }

    private struct InverseCase: Decodable {
        let n: Int
        let real: [Double]
        let imag: [Double]
        let output: [Double]
    }

    private struct Cases<Case: Decodable>: Decodable {
        let cases: [Case]
    }

    /// The script's signal: sin(2π·3k/n) + 0.5·cos(2π·7k/n + 0.3) + 0.1·k/n + 0.25.
    private static func formulaSignal(_ n: Int) -> [Double] {
        (0..<n).map { k in
            let t = Double(k) / Double(n)
            return sin(2 * .pi * 3 * t) + 0.5 * cos(2 * .pi * 7 * t + 0.3) + 0.1 * t + 0.25
        }
    }

    @Test("rfft (Double) equals numpy.fft.rfft for even and odd n")
    func forwardDoubleMatchesNumPy() throws {
        let cases = try Fixtures.json("fft/rfft.json", as: Cases<SpectrumCase>.self).cases
            .filter { $0.precision == "double" }
        #expect(Set(cases.map { $0.n % 2 }) == [0, 1])
        for c in cases {
            #expect(FFTTestSupport.maxAbsDifference(Self.formulaSignal(c.n), c.input) < 1e-12, "fixture input, n = \(c.n)")
            let spectrum = RealFFT.forward(c.input)
            let tolerance = 64 * Double.ulpOfOne * max(1, FFTTestSupport.l1(c.input))
            #expect(spectrum.count == c.n / 2 + 1)
            #expect(FFTTestSupport.maxAbsDifference(spectrum.real, c.real) < tolerance, "real, n = \(c.n)")
            #expect(FFTTestSupport.maxAbsDifference(spectrum.imag, c.imag) < tolerance, "imag, n = \(c.n)")
        }
    }

    @Test("rfft (Float) equals numpy.fft.rfft of the same float32 inputs to Float precision")
    func forwardFloatMatchesNumPy() throws {
        let cases = try Fixtures.json("fft/rfft.json", as: Cases<SpectrumCase>.self).cases
            .filter { $0.precision == "single" }
        #expect(Set(cases.map { $0.n % 2 }) == [0, 1])
        for c in cases {
            let spectrum = RealFFT.forward(c.input.map { Float($0) })
            let tolerance = 8 * Double(Float.ulpOfOne) * max(1, FFTTestSupport.l1(c.input))
            #expect(FFTTestSupport.maxAbsDifference(spectrum.real.map(Double.init), c.real) < tolerance, "real, n = \(c.n)")
            #expect(FFTTestSupport.maxAbsDifference(spectrum.imag.map(Double.init), c.imag) < tolerance, "imag, n = \(c.n)")
        }
    }

    @Test("rfft of [1, 2, 3, 4] is [10, -2 + 2i, -2] exactly")
    func forwardSmallClosedForm() {
        let spectrum = RealFFT.forward([1.0, 2, 3, 4])
        #expect(spectrum.real == [10, -2, -2])
        #expect(spectrum.imag == [0, 2, 0])
        #expect(spectrum[1] == (real: -2, imag: 2))
        #expect(FFTTestSupport.maxAbsDifference(spectrum.magnitudes, [10, (8.0).squareRoot(), 2]) < 1e-15)
        #expect(spectrum.conjugated.imag == [0, -2, 0])
    }

    @Test("irfft with explicit n equals numpy.fft.irfft, including padding, truncation and ignored imaginary DC/Nyquist")
    func inverseMatchesNumPy() throws {
        let cases = try Fixtures.json("fft/irfft.json", as: Cases<InverseCase>.self).cases
        #expect(cases.contains { $0.real.count > $0.n / 2 + 1 } && cases.contains { $0.real.count < $0.n / 2 + 1 })
        for c in cases {
            let spectrum = ComplexSpectrum(real: c.real, imag: c.imag)
            let output = RealFFT.inverse(spectrum, length: c.n)
            let tolerance = 64 * Double.ulpOfOne * max(1, FFTTestSupport.l1(c.real) + FFTTestSupport.l1(c.imag))
            #expect(FFTTestSupport.maxAbsDifference(output, c.output) < tolerance, "n = \(c.n), \(c.real.count) coefficients")

            let single = ComplexSpectrum(real: c.real.map { Float($0) }, imag: c.imag.map { Float($0) })
            let outputFloat = RealFFT.inverse(single, length: c.n).map(Double.init)
            let toleranceFloat = 8 * Double(Float.ulpOfOne) * max(1, FFTTestSupport.l1(c.real) + FFTTestSupport.l1(c.imag))
            #expect(FFTTestSupport.maxAbsDifference(outputFloat, c.output) < toleranceFloat, "Float, n = \(c.n)")
        }
    }

    @Test("irfft(rfft(x), n) == x for n = 1 … 130 (Double and Float)")
    func roundTrip() {
        for n in 1...130 {
            let x = FFTTestSupport.randomSignal(count: n, seed: UInt64(n))
            let back = RealFFT.inverse(RealFFT.forward(x), length: n)
            #expect(FFTTestSupport.maxAbsDifference(back, x) < 1e-14 * Double(n).squareRoot() * 8, "Double, n = \(n)")
            let xf = x.map { Float($0) }
            let backFloat = RealFFT.inverse(RealFFT.forward(xf), length: n)
            #expect(FFTTestSupport.maxAbsDifference(backFloat.map(Double.init), xf.map(Double.init)) < 1e-6 * 8, "Float, n = \(n)")
        }
    }

    @Test("Parseval: Σ x² = (1/n) Σ_{k<n} |X[k]|², counting the mirrored half twice")
    func parseval() {
        for n in [1, 2, 3, 8, 15, 64, 97, 100, 211, 1000] {
            let x = FFTTestSupport.randomSignal(count: n, seed: 99 &+ UInt64(n))
            let power = RealFFT.forward(x).squaredMagnitudes
            // Bins 1 … (n-1)/2 stand for themselves and their mirror images n-k.
            var total = power[0]
            for k in 1..<power.count { total += (2 * k == n ? 1 : 2) * power[k] }
            let energy = x.reduce(0) { $0 + $1 * $1 }
            #expect(abs(total / Double(n) - energy) < 1e-12 * max(1, energy), "n = \(n)")
        }
    }

    @Test("fastLength is the smallest 2^a·3^b·5^c·7^d ≥ n (checked against brute force up to 3000)")
    func fastLength() {
        func isSmooth(_ value: Int) -> Bool {
            var v = value
            for p in [2, 3, 5, 7] { while v % p == 0 { v /= p } }
            return v == 1
        }
        var next = 1
        for n in stride(from: 3000, through: 1, by: -1) {
            if isSmooth(n) { next = n }
            #expect(RealFFT.fastLength(atLeast: n) == next, "n = \(n)")
        }
        #expect(RealFFT.fastLength(atLeast: 97) == 98)
        #expect(RealFFT.fastLength(atLeast: 0) == 1)
    }

    @Test("the cache makes one plan per (length, direction, precision) and reuses it")
    func planCacheReuse() {
        let cache = FFTPlanCache()
        #expect(cache.planCount == 0)
        _ = RealFFT.forward(FFTTestSupport.randomSignal(count: 48, seed: 1), cache: cache)
        _ = RealFFT.forward(FFTTestSupport.randomSignal(count: 48, seed: 2), cache: cache)
        #expect(cache.planCount == 1)
        #expect(cache.containsPlan(length: 48, direction: .forward, precision: .double))
        #expect(!cache.containsPlan(length: 48, direction: .inverse, precision: .double))
        _ = RealFFT.forward(FFTTestSupport.randomSignal(count: 48, seed: 3).map { Float($0) }, cache: cache)
        _ = RealFFT.inverse(ComplexSpectrum<Double>(zeros: 25), length: 48, cache: cache)
        #expect(cache.planCount == 3)
        #expect(cache.containsPlan(length: 48, direction: .forward, precision: .single))
        cache.preparePlan(length: 10, direction: .inverse, precision: .single)
        #expect(cache.containsPlan(length: 10, direction: .inverse, precision: .single))
        #expect(cache.planCount == 4)
    }

    @Test("plans made with FFTW_MEASURE give the same transforms as FFTW_ESTIMATE")
    func measureRigor() {
        let measured = FFTPlanCache(rigor: .measure)
        for n in [12, 35, 64] {
            let x = FFTTestSupport.randomSignal(count: n, seed: 7 &+ UInt64(n))
            let a = RealFFT.forward(x, cache: measured)
            let b = RealFFT.forward(x, cache: FFTPlanCache(rigor: .estimate))
            #expect(FFTTestSupport.maxAbsDifference(a.real, b.real) < 1e-13, "n = \(n)")
            #expect(FFTTestSupport.maxAbsDifference(a.imag, b.imag) < 1e-13, "n = \(n)")
            #expect(FFTTestSupport.maxAbsDifference(RealFFT.inverse(a, length: n, cache: measured), x) < 1e-14, "n = \(n)")
        }
    }

    @Test("concurrent transforms and convolutions on one shared cache equal the serial results")
    func concurrentUseMatchesSerial() {
        let cache = FFTPlanCache()
        let lengths = [7, 16, 30, 97, 128, 243, 500, 1000, 1001, 2048]
        let jobs = 120
        @Sendable func job(_ i: Int) -> [Double] {
            let n = lengths[i % lengths.count]
            let x = FFTTestSupport.randomSignal(count: n, seed: UInt64(i))
            let kernel = FFTTestSupport.randomSignal(count: 20 + 13 * (i % 5), seed: 1000 &+ UInt64(i))
            if i % 2 == 0 {
                let spectrum = RealFFT.forward(x, cache: cache)
                return spectrum.real + spectrum.imag + RealFFT.inverse(spectrum, length: n, cache: cache)
                    + Convolution.convolve(x, kernel, mode: .same, method: .fft, cache: cache)
            } else {
                let xf = x.map { Float($0) }, kf = kernel.map { Float($0) }
                let spectrum = RealFFT.forward(xf, cache: cache)
                return (spectrum.real + spectrum.imag
                    + Convolution.correlate(xf, kf, mode: .full, method: .fft, cache: cache)).map(Double.init)
            }
        }
        let concurrent = Mutex<[Int: [Double]]>([:])
        DispatchQueue.concurrentPerform(iterations: jobs) { i in
            let result = job(i)
            concurrent.withLock { $0[i] = result }
        }
        let plansAfterConcurrent = cache.planCount
        let results = concurrent.withLock { $0 }
        #expect(results.count == jobs)
        for i in 0..<jobs {
            #expect(results[i] == job(i), "job \(i): concurrent result differs from serial")
        }
        // Every plan was made during the concurrent phase, and no duplicate survived.
        #expect(cache.planCount == plansAfterConcurrent)
        // And the shared results are right, not merely reproducible.
        let x = FFTTestSupport.randomSignal(count: lengths[4], seed: 4)
        let kernel = FFTTestSupport.randomSignal(count: 20 + 13 * 4, seed: 1004)
        let direct = Convolution.directConvolve(x, kernel, mode: .same)
        #expect(FFTTestSupport.maxAbsDifference(Array(results[4]!.suffix(direct.count)), direct) < 1e-12)
    }
}
