import CortexKit
import Foundation

// cortex-bench: CortexKit's side of the benchmarks in BENCHMARKS.md.
// Prints one JSON object (cases with best/median seconds and rates) on stdout; the peer script
// scripts/bench/numpy_peer.py prints the same cases for numpy/scipy, and scripts/bench/run.sh
// runs both in one go and prints the comparison table.
//
//   cortex-bench [--quick]        --quick uses small sizes (a smoke run, seconds)
//   cortex-bench similarity [--quick]          similarity cases on bench-data/ (SimilarityBenchmarks.swift)
//   cortex-bench similarity-stream [--quick]   the streaming case alone (for its peak memory)
//   cortex-bench snn [--quick] [--data DIR]    spiking-CNN training/inference (SNNBenchmarks.swift)

AllocatorPolicy.keepLargeBlocks()

if let mode = CommandLine.arguments.dropFirst().first, mode.hasPrefix("similarity") || mode == "snn" {
    do {
        if mode == "snn" {
            try SNNBenchmarks.main(arguments: CommandLine.arguments)
        } else {
            try SimilarityBenchmarks.main(arguments: CommandLine.arguments)
        }
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("cortex-bench: \(error)\n".utf8))
        exit(1)
    }
}

let quick = CommandLine.arguments.contains("--quick")
let gemmN = quick ? 256 : 1024
let gramRows = quick ? 128 : 899
let gramColumns = quick ? 5_000 : 200_000
let repeats = quick ? 3 : 7

/// Deterministic fill without the RNG module: a cheap hash of the index mapped to [-0.5, 0.5).
func filled<T: BLASScalar>(_ shape: [Int], salt: UInt64) -> NDArray<T> {
    NDArray(shape: shape, generating: { i in
        var z = UInt64(i) &+ salt &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return T(Double(z >> 11) / Double(UInt64(1) << 53) - 0.5)
    })
}

var results: [BenchmarkResult] = []
let report = BLASRuntime.report

do {
    let a: NDArray<Float> = filled([gemmN, gemmN], salt: 1)
    let b: NDArray<Float> = filled([gemmN, gemmN], salt: 2)
    let flops = 2 * pow(Double(gemmN), 3)
    results.append(measure("sgemm \(gemmN)³", work: flops, unit: "GFLOP/s", repeats: repeats) {
        _ = LinearAlgebra.matmul(a, b)
    })
    let ad: NDArray<Double> = filled([gemmN, gemmN], salt: 1)
    let bd: NDArray<Double> = filled([gemmN, gemmN], salt: 2)
    results.append(measure("dgemm \(gemmN)³", work: flops, unit: "GFLOP/s", repeats: repeats) {
        _ = LinearAlgebra.matmul(ad, bd)
    })
}

do {
    let x: NDArray<Float> = filled([gramRows, gramColumns], salt: 3)
    // Rates count the flops of the full product (2·n²·k) for both, so they compare directly.
    let flops = 2 * Double(gramRows) * Double(gramRows) * Double(gramColumns)
    results.append(measure("Gram X·Xᵀ \(gramRows)×\(gramColumns) f32, syrk", work: flops, unit: "GFLOP/s (gemm-equivalent)",
                           repeats: max(3, repeats / 2)) {
        _ = LinearAlgebra.gram(x, of: .rows)
    })
    results.append(measure("Gram X·Xᵀ \(gramRows)×\(gramColumns) f32, gemm", work: flops, unit: "GFLOP/s (gemm-equivalent)",
                           repeats: max(3, repeats / 2)) {
        _ = LinearAlgebra.matmul(x, x, transposeB: true)
    })
}

do {
    let n = quick ? 100_000 : 1_000_000
    let m = quick ? 1_001 : 10_001
    let signal: NDArray<Double> = filled([n], salt: 4)
    let kernel: NDArray<Double> = filled([m], salt: 5)
    let x = signal.scalars, k = kernel.scalars
    results.append(measure("fftconvolve \(n) ⊛ \(m) f64, full", work: Double(n + m - 1), unit: "G output samples/s",
                           repeats: repeats) {
        _ = Convolution.convolve(x, k, mode: .full, method: .fft)
    })
    let fftN = quick ? 1 << 16 : 1 << 20
    let wave: NDArray<Double> = filled([fftN], salt: 6)
    let w = wave.scalars
    results.append(measure("rfft 2^\(fftN.trailingZeroBitCount) f64", work: Double(fftN), unit: "G input samples/s",
                           repeats: repeats) {
        _ = RealFFT.forward(w)
    })
    let units = quick ? 300 : 2_800
    let counts: NDArray<Double> = filled([units, 900], salt: 7)
    results.append(measure("Gaussian smoothing \(units) units × 900 frames, σ = 2, reflect", work: Double(units * 900),
                           unit: "G samples/s", repeats: repeats) {
        _ = GaussianSmoothing.smooth(counts, along: .eachRow, sigma: 2, boundary: .reflect)
    })
}

struct Output: Codable {
    var tool: String
    var blasCore: String
    var blasThreads: Int
    var results: [BenchmarkResult]
}
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
let data = try encoder.encode(Output(tool: "CortexKit \(CortexKitVersion.string)", blasCore: report.coreInUse,
                                     blasThreads: report.threads, results: results))
print(String(decoding: data, as: UTF8.self))
