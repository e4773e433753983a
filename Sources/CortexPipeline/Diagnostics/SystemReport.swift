import CortexHDF5
import CortexNumerics
import CortexRuntime
import Foundation

/// Everything `cortex doctor` reports: library versions, BLAS kernel and threads, the machine.
public struct SystemReport: Sendable, Codable {
    public struct BLAS: Sendable, Codable {
        public var configuration: String
        public var coreAtLoad: String
        public var coreInUse: String
        public var environmentCore: String?
        public var policy: String
        public var isFallback: Bool
        public var switched: Bool
        public var threads: Int
        public var warnings: [String]
    }
    public struct CPU: Sendable, Codable {
        public var vendor: String
        public var family: Int
        public var model: Int
        public var features: String
        public var vectorClass: String
        public var logicalCores: Int
        public var memoryGiB: Double
    }

    public var cortexKitVersion: String
    public var operatingSystem: String
    public var hdf5Version: String
    public var fftwVersion: String
    public var blas: BLAS
    public var cpu: CPU

    /// Problems a user should act on (empty when all is well).
    public var warnings: [String] {
        var result = blas.warnings
        if blas.isFallback {
            result.append("BLAS core \(blas.coreInUse) is a fallback: this CPU supports \(cpu.vectorClass) kernels; "
                          + "matrix products run several times slower (unset CORTEXKIT_BLAS_CORE or set it to auto to let CortexKit choose)")
        }
        return result
    }

    /// Gathers the report for this process (applies the default BLAS policy first).
    public static func current() -> SystemReport {
        let b = BLASRuntime.report
        let policy: String
        switch b.policy {
        case .automatic: policy = "automatic"
        case .system: policy = "system"
        case .core(let name): policy = "core(\(name))"
        }
        let info = ProcessInfo.processInfo
        return SystemReport(
            cortexKitVersion: CortexKitVersion.string,
            operatingSystem: info.operatingSystemVersionString,
            hdf5Version: HDF5Library.version,
            fftwVersion: FFTWLibrary.version,
            blas: BLAS(configuration: b.configuration, coreAtLoad: b.coreAtLoad, coreInUse: b.coreInUse,
                       environmentCore: b.environmentCore, policy: policy, isFallback: b.isFallback, switched: b.switched, threads: b.threads,
                       warnings: b.warnings),
            cpu: CPU(vendor: b.cpu.vendor, family: b.cpu.family, model: b.cpu.model, features: b.cpu.summary,
                     vectorClass: b.cpu.vectorClass.description, logicalCores: info.activeProcessorCount,
                     memoryGiB: (Double(info.physicalMemory) / 1_073_741_824 * 10).rounded() / 10))
    }
}
