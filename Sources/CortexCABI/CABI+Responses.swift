import CortexKit
import Foundation

/// The caller's allocator for ``ck_responses_read``: returns writable memory for one array of an
/// area (`which`: 0 the bins × units Float64 responses, 1 the repeats × bins × units Float64
/// trials, 2 the Int64 unit ids, 3 the Int64 session indices; shape d0 × d1 × d2, unused
/// dimensions 1), or NULL to stop the read.
public typealias CKAllocate = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, Int32, Int64, Int64, Int64)
    -> UnsafeMutableRawPointer?

/// Reads a response file (`cortexkit-responses/1`): its description as JSON in `*result_json`
/// (`stimulus`, `repeats`, `frames`, `bins_per_frame`, `filter`, `min_rate`, `smoothing`,
/// `signal`, `sources`, `cortexkit_version`, `areas`: names in file order), and each area's arrays
/// into memory from `allocate` (one pass over the file; bins × units, as CortexKit holds them).
@_cdecl("ck_responses_read")
public func ck_responses_read(
    _ path: UnsafePointer<CChar>?, _ allocate: CKAllocate?, _ context: UnsafeMutableRawPointer?,
    _ resultJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
    CABIStrings.status(result: resultJSON, error: error) {
        guard let allocate else { throw CABIError("allocate: no function (NULL pointer)") }
        let file = try ResponseFile.read(from: URL(fileURLWithPath: CABIStrings.text(path) ?? ""))
        func buffer(_ area: String, _ which: Int32, _ shape: [Int]) throws -> UnsafeMutableRawPointer {
            let dims = shape + Array(repeating: 1, count: 3 - shape.count)
            guard let memory = area.withCString({ allocate(context, $0, which, Int64(dims[0]), Int64(dims[1]), Int64(dims[2])) }) else {
                throw CABIError("\(area): the caller could not allocate \(shape)")
            }
            return memory
        }
        for area in file.areas {
            let (bins, units) = (area.binCount, area.unitCount)
            let counts = try buffer(area.name, 0, [bins, units]).assumingMemoryBound(to: Double.self)
            area.matrix.scalars.withUnsafeBufferPointer { counts.update(from: $0.baseAddress!, count: bins * units) }
            if let trials = area.trialValues {                 // repeats × units × bins on disk
                let repeats = trials.shape[0]
                let out = try buffer(area.name, 1, [repeats, bins, units]).assumingMemoryBound(to: Double.self)
                trials.scalars.withUnsafeBufferPointer { t in
                    for r in 0..<repeats {
                        for u in 0..<units {
                            for k in 0..<bins { out[(r * bins + k) * units + u] = t[(r * units + u) * bins + k] }
                        }
                    }
                }
            }
            let ids = try buffer(area.name, 2, [units]).assumingMemoryBound(to: Int64.self)
            ids.update(from: area.unitIDs, count: units)
            let sessions = try buffer(area.name, 3, [units]).assumingMemoryBound(to: Int64.self)
            sessions.update(from: area.sessionIndex, count: units)
        }
        return try ResponseHeader(file).json()
    }
}

/// Writes a response file (`cortexkit-responses/1`, atomically) from the caller's arrays:
/// `header_json` is ``ResponseHeader`` (its `areas` in order); for area k, `counts[k]` holds
/// bins × units Float64 values (row-major), `unit_ids[k]` and `session_index[k]` units Int64
/// values, `trials[k]` NULL or repeats × bins × units Float64 values (whole numbers for spike
/// counts). Shapes come from the header's `units` per area, `frames`, `bins_per_frame` and `repeats`.
@_cdecl("ck_responses_write")
public func ck_responses_write(
    _ path: UnsafePointer<CChar>?, _ headerJSON: UnsafePointer<CChar>?, _ areaCount: Int64,
    _ counts: UnsafePointer<UnsafePointer<Double>?>?, _ unitIDs: UnsafePointer<UnsafePointer<Int64>?>?,
    _ sessionIndex: UnsafePointer<UnsafePointer<Int64>?>?, _ trials: UnsafePointer<UnsafePointer<Double>?>?,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
    CABIStrings.status(result: nil, error: error) {
        guard let target = CABIStrings.text(path), !target.isEmpty else { throw CABIError("path: empty") }
        let header = try ResponseHeader(json: CABIStrings.text(headerJSON) ?? "")
        guard header.areas.count == Int(areaCount), let counts, let unitIDs, let sessionIndex else {
            throw CABIError("areas: the header names \(header.areas.count) areas but \(areaCount) were passed")
        }
        let bins = header.frames * header.binsPerFrame
        var areas: [AreaResponses] = []
        for (k, area) in header.areas.enumerated() {
            guard let c = counts[k], let ids = unitIDs[k], let sessions = sessionIndex[k] else {
                throw CABIError("\(area.name): missing counts, unit ids or session indices")
            }
            let units = area.units
            let matrix = NDArray(shape: [bins, units], scalars: Array(UnsafeBufferPointer(start: c, count: bins * units)))
            var spikeTrials: NDArray<Int32>?, signalTrials: NDArray<Double>?
            if let t = trials?[k] {
                let repeats = header.repeats
                var onDisk = [Double](repeating: 0, count: repeats * units * bins)   // repeats × units × bins
                for r in 0..<repeats {
                    for b in 0..<bins {
                        for u in 0..<units { onDisk[(r * units + u) * bins + b] = t[(r * bins + b) * units + u] }
                    }
                }
                if header.responseSignal == .spikeCounts {
                    if let bad = onDisk.first(where: { $0 != $0.rounded() || abs($0) > Double(Int32.max) }) {
                        throw CABIError("\(area.name): trials of spike counts must be whole numbers; \(bad) is not "
                                        + "(give signal='dff', 'events' or 'fluorescence' for imaging data)")
                    }
                    spikeTrials = NDArray(shape: [repeats, units, bins], scalars: onDisk.map { Int32($0) })
                } else {
                    signalTrials = NDArray(shape: [repeats, units, bins], scalars: onDisk)
                }
            }
            areas.append(AreaResponses(name: area.name, unitIDs: Array(UnsafeBufferPointer(start: ids, count: units)),
                                       sessionIndex: Array(UnsafeBufferPointer(start: sessions, count: units)),
                                       matrix: matrix, trials: spikeTrials, signalTrials: signalTrials))
        }
        var file = ResponseFile(stimulus: header.stimulus, repeatCount: header.repeats, frameCount: header.frames,
                                binsPerFrame: header.binsPerFrame, filter: .init(recorded: header.filter),
                                minimumRate: header.minRate, smoothing: try header.responseSmoothing(),
                                sources: header.sources.map { .init(path: $0.path, sha256: $0.sha256) }, areas: areas,
                                producer: header.cortexkitVersion)
        file.signal = header.responseSignal
        try file.write(to: URL(fileURLWithPath: target))
        return nil
    }
}
