import COpenBLAS
import CortexRuntime
import Foundation
import Synchronization

/// What the BLAS library in use is, and what CortexKit did about its kernel choice.
public struct BLASRuntimeReport: Sendable, Hashable {
    /// OpenBLAS's build configuration string (`openblas_get_config()`).
    public var configuration: String
    /// The core OpenBLAS picked by itself when it loaded.
    public var coreAtLoad: String
    /// The core in use now.
    public var coreInUse: String
    /// `OPENBLAS_CORETYPE` as found in the environment, if set.
    public var environmentCore: String?
    /// The policy that was applied.
    public var policy: BLASCorePolicy
    /// The CPU's vector features.
    public var cpu: CPUFeatures
    /// BLAS worker threads.
    public var threads: Int
    /// True when the core in use is of a slower vector class than the CPU supports.
    public var isFallback: Bool { BLASVectorClass(coreName: coreInUse) < cpu.vectorClass }
    /// Problems met while applying the policy (e.g. an unknown core name), for `cortex doctor`.
    public var warnings: [String]
    /// True when CortexKit replaced OpenBLAS's own choice.
    public var switched: Bool { coreAtLoad != coreInUse }
}

/// The process's BLAS library: kernel-core selection and thread control.
///
/// OpenBLAS holds its core and thread count in process-wide C state; this type is the one place
/// CortexKit touches it. The first BLAS-backed call in CortexKit applies the policy named by
/// `CORTEXKIT_BLAS_CORE` (default `.automatic`) once; `configure(_:)` applies another explicitly.
/// Switching is done only while no CortexKit BLAS call is in flight (guarded by a lock).
public enum BLASRuntime {
    private static let state = Mutex<BLASRuntimeReport?>(nil)

    /// Applies the default policy if none was applied yet; cheap after the first call.
    @inline(__always)
    public static func ensureConfigured() {
        _ = defaultConfiguration
    }

    private static let defaultConfiguration: Bool = {
        state.withLock { current in
            if current == nil {
                current = apply(BLASCorePolicy.fromEnvironment(ProcessInfo.processInfo.environment))
                // Idle OpenBLAS workers spin about 0.3 ms (2^20 cycles) instead of ~0.1 s before
                // sleeping, so they stop taking a core from CortexKit's own loops between BLAS calls
                // (CKA/TSRSA from .npy on 2 cores: 13–30 % less wall time, BENCHMARKS.md). An
                // OPENBLAS_THREAD_TIMEOUT set by the user is left alone.
                _ = ck_openblas_set_thread_timeout("20")
            }
        }
        return true
    }()

    /// Applies `policy` now and returns the resulting report. Call before starting BLAS work on
    /// other threads.
    @discardableResult
    public static func configure(_ policy: BLASCorePolicy) -> BLASRuntimeReport {
        _ = defaultConfiguration
        return state.withLock { current in
            let report = apply(policy, coreAtLoad: current?.coreAtLoad)
            current = report
            return report
        }
    }

    /// The current state (configuring with the default policy first if needed).
    public static var report: BLASRuntimeReport {
        ensureConfigured()
        return state.withLock { $0! }
    }

    /// Whether the linked OpenBLAS can change its kernel core at run time (a DYNAMIC_ARCH build).
    public static var canSelectCore: Bool { ck_openblas_can_switch_core() != 0 }

    /// How long idle OpenBLAS workers spin before sleeping, as log2 of cycles (OpenBLAS's
    /// `OPENBLAS_THREAD_TIMEOUT`; 0 = its built-in 2^28), or `nil` when this OpenBLAS does not say.
    public static var idleSpinLog2Cycles: Int? {
        ensureConfigured()
        let value = Int(ck_openblas_thread_timeout())
        return value < 0 ? nil : value
    }

    /// Number of BLAS worker threads.
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// Sets the number of BLAS worker threads (process-wide).
    public static func setThreads(_ n: Int) {
        precondition(n >= 1, "BLASRuntime.setThreads: need at least one thread, got \(n)")
        openblas_set_num_threads(Int32(n))
    }

    private static func apply(_ policy: BLASCorePolicy, coreAtLoad: String? = nil) -> BLASRuntimeReport {
        let loaded = coreAtLoad ?? currentCoreName()
        let cpu = CPUFeatures.current
        let environmentCore = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"].flatMap { $0.isEmpty ? nil : $0 }
        var warnings: [String] = []
        if ck_openblas_can_switch_core() == 0 && policy != .system {
            warnings.append("this OpenBLAS was built without DYNAMIC_ARCH: its core cannot be changed")
        }
        switch policy {
        case .system:
            break
        case .core(let name):
            if let known = BLASCorePolicy.knownCores.first(where: { $0.lowercased() == name.lowercased() }) {
                if currentCoreName().lowercased() != known.lowercased() {
                    _ = known.withCString { ck_openblas_force_core($0) }
                }
            } else {
                warnings.append("unknown OpenBLAS core \"\(name)\" (known: \(BLASCorePolicy.knownCores.joined(separator: ", "))); kept \(currentCoreName())")
            }
        case .automatic:
            if BLASVectorClass(coreName: currentCoreName()) < cpu.vectorClass,
               let better = cpu.vectorClass.preferredCore {
                _ = better.withCString { ck_openblas_force_core($0) }
            }
        }
        return BLASRuntimeReport(configuration: String(cString: openblas_get_config()), coreAtLoad: loaded,
                                 coreInUse: currentCoreName(), environmentCore: environmentCore, policy: policy, cpu: cpu,
                                 threads: Int(openblas_get_num_threads()), warnings: warnings)
    }

    private static func currentCoreName() -> String { String(cString: openblas_get_corename()) }
}
