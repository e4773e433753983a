// swift-tools-version: 6.1
//
// CortexKit: which deep spiking network represents a natural movie the way mouse visual cortex does?
//
// Targets follow the data flow, with one-way dependencies:
//
//   C shims (CHDF5, CFFTW, COpenBLAS, CCrypto, CCPUID) · CKernels (hot loops of the engine and the similarity scans in C, per-CPU ISA)
//     → CortexRuntime (SHA-256, progress updates, CPU features, version; CCrypto, CCPUID)
//       → CortexNumerics (arrays, BLAS/LAPACK, FFT, ranks, RNG, column sources, parallel-for)
//         → CortexHDF5 → CortexIO (.npy files; .npy and HDF5 column sources)
//             → CortexNWB (sessions, units, stimuli, responses)
//         → CortexSimilarity (RDMs, TSRSA, CKA, CCA, ceilings, statistics; streams any column source)
//         → CortexEngine → CortexModels (networks, training, features; reads .npy through CortexIO)
//         → CortexReports (SVG figures, HTML/Markdown documents)
//           → CortexPipeline (Comparison/, Batch/, Features/, Energy/, IO/, Diagnostics/)
//             → CortexKit (umbrella: re-exports only) → cortex (CLI), cortex-bench, CortexCABI (C ABI for python/)
import PackageDescription

let package = Package(
    name: "CortexKit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CortexKit", targets: ["CortexKit"]),
        .executable(name: "cortex", targets: ["cortex"]),
        .executable(name: "cortex-bench", targets: ["CortexBenchmarks"]),
        .executable(name: "cortex-fuzz", targets: ["cortex-fuzz"]),
        // The C ABI the Python package (python/) loads with ctypes: libCortexKitC.so.
        .library(name: "CortexKitC", type: .dynamic, targets: ["CortexCABI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // MARK: C shims over system libraries (pkg-config; installed by scripts/setup-system.sh)
        .systemLibrary(name: "CHDF5", pkgConfig: "hdf5",
                       providers: [.apt(["libhdf5-dev"])]),
        .systemLibrary(name: "CFFTW", pkgConfig: "fftw3",
                       providers: [.apt(["libfftw3-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        // cpuid + xgetbv, header only (no library to link).
        .systemLibrary(name: "CCPUID"),

        // The engine's hot Float loops, compiled for AVX-512 / AVX2 / baseline and chosen per CPU at load.
        .target(name: "CKernels"),

        // MARK: runtime: SHA-256 digests, progress updates, CPU features, the version
        .target(name: "CortexRuntime", dependencies: ["CCrypto", "CCPUID"]),

        // MARK: numeric core
        .target(name: "CortexNumerics", dependencies: ["CortexRuntime", "COpenBLAS", "CFFTW"]),

        // MARK: data IO
        .target(name: "CortexHDF5", dependencies: ["CHDF5", "CortexNumerics"]),
        // .npy files and the column sources (memory-mapped .npy, HDF5 hyperslabs)
        .target(name: "CortexIO", dependencies: ["CortexNumerics", "CortexHDF5"]),
        .target(name: "CortexNWB", dependencies: ["CortexIO", "CortexHDF5", "CortexNumerics", "CortexRuntime"]),

        // MARK: similarity analysis
        .target(name: "CortexSimilarity", dependencies: ["CortexNumerics", "CKernels"]),

        // MARK: spiking neural network engine
        .target(name: "CortexEngine", dependencies: ["CortexNumerics", "CKernels"]),
        .target(name: "CortexModels", dependencies: ["CortexEngine", "CortexIO", "CortexNumerics"]),

        // MARK: reports (figures and documents)
        .target(name: "CortexReports", dependencies: ["CortexNumerics"]),

        // MARK: the main job: features + responses → comparisons → reports, batch runs
        .target(name: "CortexPipeline",
                dependencies: ["CortexNWB", "CortexSimilarity", "CortexEngine", "CortexModels", "CortexReports", "CortexIO", "CortexHDF5", "CortexNumerics", "CortexRuntime",
                               .product(name: "Yams", package: "Yams")]),

        // MARK: umbrella and command line
        .target(name: "CortexKit",
                dependencies: ["CortexRuntime", "CortexNumerics", "CortexHDF5", "CortexIO", "CortexNWB", "CortexSimilarity", "CortexEngine",
                               "CortexModels", "CortexReports", "CortexPipeline"]),
        .executableTarget(
            name: "cortex",
            dependencies: ["CortexKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // `@_cdecl` exports over CortexKit for other languages (no Python in Swift): see python/.
        .target(name: "CortexCABI", dependencies: ["CortexKit"]),
        .executableTarget(name: "CortexBenchmarks", dependencies: ["CortexKit"]),
        // The library-use example: a custom similarity metric through the batch runner and report.
        .executableTarget(name: "custom-metric-example", dependencies: ["CortexKit"], path: "Examples/CustomMetric"),

        // MARK: fuzzing the readers (`make fuzz`; a short smoke run is part of the tests)
        .target(name: "CortexFuzz", dependencies: ["CortexKit"], path: "Fuzz/CortexFuzz"),
        .executableTarget(name: "cortex-fuzz", dependencies: ["CortexFuzz"], path: "Fuzz/cortex-fuzz"),

        // MARK: tests
        .testTarget(name: "CortexRuntimeTests", dependencies: ["CortexRuntime"]),
        .testTarget(name: "CortexNumericsTests", dependencies: ["CortexNumerics"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "CortexCLITests", dependencies: ["CortexKit", "cortex", "custom-metric-example"]),
        .testTarget(name: "CortexHDF5Tests", dependencies: ["CortexHDF5"], exclude: ["Fixtures"]),
        .testTarget(name: "CortexIOTests", dependencies: ["CortexIO"], exclude: ["Fixtures"]),
        .testTarget(name: "CortexNWBTests", dependencies: ["CortexNWB", "CortexIO"], exclude: ["Fixtures"]),
        .testTarget(name: "CortexSimilarityTests", dependencies: ["CortexSimilarity", "CortexIO"], exclude: ["Fixtures"]),
        .testTarget(name: "CortexEngineTests", dependencies: ["CortexEngine"], exclude: ["Fixtures"]),
        .testTarget(name: "CortexReportsTests", dependencies: ["CortexReports"], exclude: ["Fixtures"]),
        .testTarget(name: "CortexPipelineTests", dependencies: ["CortexPipeline"], exclude: ["Fixtures"]),
        .testTarget(name: "CortexModelsTests", dependencies: ["CortexModels", "CortexIO", "CortexSimilarity"], exclude: ["Fixtures"]),
        .testTarget(name: "CortexFuzzTests", dependencies: ["CortexFuzz", "cortex-fuzz"]),
    ],
    swiftLanguageModes: [.v6]
)
