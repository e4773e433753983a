import Foundation

/// The memory bound that feature extraction and training check their estimates against before
/// they allocate (``FeatureExtraction/bytesPerFrame(of:)``, ``RecordableNetwork/trainingBytes(samples:)``),
/// and how their errors print sizes.
public enum MemoryEstimate {
    /// Half of the machine's physical memory.
    public static var defaultLimit: Int { max(1, Int(clamping: ProcessInfo.processInfo.physicalMemory / 2)) }

    /// `12.3 GiB`, `4099 TiB`, or "more than 8 EiB" for a saturated estimate.
    public static func describe(_ bytes: Int) -> String {
        if bytes == .max { return "more than 8 EiB" }
        let g = Double(bytes) / 1_073_741_824
        return g >= 1024 ? String(format: "%.0f TiB", g / 1024) : String(format: "%.1f GiB", g)
    }
}

extension Int {
    /// `self × other`, or `Int.max` when that overflows (sizes for memory estimates).
    func multipliedClamped(_ other: Int) -> Int {
        let (value, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? .max : value
    }
}
