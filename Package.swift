// swift-tools-version: 6.1
//
// CortexKit: which deep spiking network represents a natural movie the way mouse visual cortex does?
//
// Targets follow the data flow, with one-way dependencies:
//
//   C shims (CHDF5, CFFTW, COpenBLAS, CCrypto) · CKernels (the engine's hot loops in C, per-CPU ISA)
//     → CortexNumerics (arrays, BLAS/LAPACK, FFT, ranks, RNG, .npy, parallel-for)
//       → CortexHDF5 → CortexNWB  ·  CortexSimilarity  ·  CortexEngine
//         → CortexReports (SVG figures, HTML/Markdown documents)
//           → CortexPipeline (feature files, comparisons, batch specs, report assembly)
//           → CortexKit (umbrella) → cortex (CLI)
import PackageDescription

let package = Package(
    name: "CortexKit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CortexKit", targets: ["CortexKit"]),
        .executable(name: "cortex", targets: ["cortex"]),
        .executable(name: "cortex-bench", targets: ["CortexBenchmarks"]),
        .executable(name: "cortex-fuzz", targets: ["cortex-fuzz"]),
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

        // The engine's hot Float loops, compiled for AVX-512 / AVX2 / baseline and chosen per CPU at load.
        .target(name: "CKernels"),

        // MARK: numeric core
        .target(name: "CortexNumerics", dependencies: ["COpenBLAS", "CFFTW", "CCrypto"]),

        // MARK: data IO
        .target(name: "CortexHDF5", dependencies: ["CHDF5", "CortexNumerics"]),
        .target(name: "CortexNWB", dependencies: ["CortexHDF5", "CortexNumerics"]),

        // MARK: similarity analysis
        .target(name: "CortexSimilarity", dependencies: ["CortexNumerics"]),

        // MARK: spiking neural network engine
        .target(name: "CortexEngine", dependencies: ["CortexNumerics", "CKernels"]),
        .target(name: "CortexModels", dependencies: ["CortexEngine", "CortexNumerics"]),

        // MARK: reports (figures and documents)
        .target(name: "CortexReports", dependencies: ["CortexNumerics"]),

        // MARK: the main job: features + responses → comparisons → reports, batch runs
        .target(name: "CortexPipeline",
                dependencies: ["CortexNWB", "CortexSimilarity", "CortexEngine", "CortexModels", "CortexReports", "CortexHDF5", "CortexNumerics",
                               .product(name: "Yams", package: "Yams")]),

        // MARK: umbrella and command line
        .target(name: "CortexKit",
                dependencies: ["CortexNumerics", "CortexHDF5", "CortexNWB", "CortexSimilarity", "CortexEngine",
                               "CortexModels", "CortexReports", "CortexPipeline"]),
        .executableTarget(
            name: "cortex",
            dependencies: ["CortexKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "CortexBenchmarks", dependencies: ["CortexKit"]),
        // The library-use example: a custom similarity metric through the batch runner and report.
        .executableTarget(name: "custom-metric-example", dependencies: ["CortexKit"], path: "Examples/CustomMetric"),

        // MARK: fuzzing the readers (`make fuzz`; a short smoke run is part of the tests)
        .target(name: "CortexFuzz", dependencies: ["CortexKit"], path: "Fuzz/CortexFuzz"),
        .executableTarget(name: "cortex-fuzz", dependencies: ["CortexFuzz"], path: "Fuzz/cortex-fuzz"),

        // MARK: tests
        .testTarget(name: "CortexNumericsTests", dependencies: ["CortexNumerics"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "CortexCLITests", dependencies: ["CortexKit", "cortex", "custom-metric-example"]),
        .testTarget(name: "CortexHDF5Tests", dependencies: ["CortexHDF5"], exclude: ["Fixtures"]),
        .testTarget(name: "CortexNWBTests", dependencies: ["CortexNWB"], exclude: ["Fixtures"]),
        .testTarget(name: "CortexSimilarityTests", dependencies: ["CortexSimilarity"], exclude: ["Fixtures"]),
        .testTarget(name: "CortexEngineTests", dependencies: ["CortexEngine"], exclude: ["Fixtures"]),
        .testTarget(name: "CortexReportsTests", dependencies: ["CortexReports"], exclude: ["Fixtures"]),
        .testTarget(name: "CortexPipelineTests", dependencies: ["CortexPipeline"]),
        .testTarget(name: "CortexModelsTests", dependencies: ["CortexModels"], exclude: ["Fixtures"]),
        .testTarget(name: "CortexFuzzTests", dependencies: ["CortexFuzz", "cortex-fuzz"]),
    ],
    swiftLanguageModes: [.v6]
)
