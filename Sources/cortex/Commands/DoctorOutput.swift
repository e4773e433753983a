import CortexKit

/// What `cortex doctor --json` prints: the ``SystemReport`` with its warnings, keys in snake_case
/// like every command's JSON (``CommandLineJSON``).
///
///     {"cortexkit_version", "operating_system", "hdf5_version", "fftw_version",
///      "blas": {"configuration", "core_at_load", "core_in_use", "environment_core" (when set),
///               "policy", "is_fallback", "switched", "threads", "warnings"},
///      "cpu": {"vendor", "family", "model", "features", "vector_class", "logical_cores", "memory_gib"},
///      "warnings": [...]}
struct DoctorOutput: Encodable {
    struct BLAS: Encodable {
        var configuration: String
        var coreAtLoad: String
        var coreInUse: String
        var environmentCore: String?
        var policy: String
        var isFallback: Bool
        var switched: Bool
        var threads: Int
        var warnings: [String]
    }
    struct CPU: Encodable {
        var vendor: String
        var family: Int
        var model: Int
        var features: String
        var vectorClass: String
        var logicalCores: Int
        var memoryGib: Double
    }

    var cortexkitVersion: String
    var operatingSystem: String
    var hdf5Version: String
    var fftwVersion: String
    var blas: BLAS
    var cpu: CPU
    /// Problems a user should act on (``SystemReport/warnings``).
    var warnings: [String]

    init(_ report: SystemReport) {
        let b = report.blas, c = report.cpu
        cortexkitVersion = report.cortexKitVersion
        operatingSystem = report.operatingSystem
        hdf5Version = report.hdf5Version
        fftwVersion = report.fftwVersion
        blas = BLAS(configuration: b.configuration, coreAtLoad: b.coreAtLoad, coreInUse: b.coreInUse,
                    environmentCore: b.environmentCore, policy: b.policy, isFallback: b.isFallback, switched: b.switched,
                    threads: b.threads, warnings: b.warnings)
        cpu = CPU(vendor: c.vendor, family: c.family, model: c.model, features: c.features, vectorClass: c.vectorClass,
                  logicalCores: c.logicalCores, memoryGib: c.memoryGiB)
        warnings = report.warnings
    }
}
