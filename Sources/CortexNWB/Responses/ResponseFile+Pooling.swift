import CortexNumerics

extension ResponseFile {
    /// Several response files pooled into one pseudo-population, as the reference study pools all
    /// mice: per area, the units of every file are concatenated in file order; sources are
    /// concatenated and each unit's session index points into the pooled sources. Trials
    /// (repeats × units × bins) are kept for an area when every file that has the area kept them
    /// with the same number of repeats, so trial ceilings work on pooled data; otherwise the pooled
    /// area has none.
    ///
    /// ```swift
    /// let pooled = try ResponseFile(pooling: [mouseA, mouseB])
    /// pooled.areas.first { $0.name == "VISp" }?.unitIDs.count   // units of A + units of B
    /// ```
    ///
    /// - Throws: `.frameLayoutMismatch` naming the first file whose stimulus, frames, bins per frame,
    ///   unit filter, rate threshold or smoothing differs from the first file's (pooling units
    ///   preprocessed differently would silently mix two analyses); `.invalidData` when two
    ///   sources have the same SHA-256 (the same session given twice).
    /// - Complexity: O(total units × bins × (1 + repeats)).
    public init(pooling files: [ResponseFile]) throws(NWBError) {
        precondition(!files.isEmpty, "ResponseFile(pooling:): no files")
        let first = files[0]
        func layout(_ f: ResponseFile) -> String {
            (f.signal == .spikeCounts ? "" : "\(f.signal.displayName) of ") + "\(f.stimulus) with \(f.frameCount) frames × \(f.binsPerFrame) bins per frame, filter \(f.filter.recorded), minimum rate "
                + (f.minimumRate.map { "\($0)" } ?? "none") + ", smoothing \(f.smoothing.recorded)"
        }
        for other in files.dropFirst() where layout(other) != layout(first) {
            throw .frameLayoutMismatch(expected: layout(first) + " (as \(first.sources.map(\.path).joined(separator: ", ")))",
                                       found: layout(other), file: other.sources.map(\.path).joined(separator: ", "))
        }
        // The same session twice (by content, whatever its path) would count its units twice.
        var seen: [String: String] = [:]
        for source in files.flatMap(\.sources) where !source.sha256.isEmpty {
            if let first = seen[source.sha256] {
                throw .invalidData(file: source.path, path: "/", reason: "same content as \(first) (SHA-256 "
                                   + "\(source.sha256.prefix(12))…): the same session given twice would count its units twice")
            }
            seen[source.sha256] = source.path
        }
        var names: [String] = []
        for file in files { for area in file.areas where !names.contains(area.name) { names.append(area.name) } }
        let bins = first.frameCount * first.binsPerFrame
        var areas: [AreaResponses] = []
        for name in names {
            var ids: [Int64] = [], sessions: [Int64] = [], columns: [NDArray<Double>] = []
            var parts: [(file: ResponseFile, area: AreaResponses)] = []
            var offset: Int64 = 0
            for file in files {
                if let area = file.areas.first(where: { $0.name == name }) {
                    ids += area.unitIDs
                    sessions += area.sessionIndex.map { $0 + offset }
                    columns.append(area.matrix)
                    parts.append((file, area))
                }
                offset += Int64(file.sources.count)
            }
            let trials = Self.pooledTrials(parts.map(\.area.trials), units: ids.count, bins: bins, zero: Int32(0))
            let signalTrials = Self.pooledTrials(parts.map(\.area.signalTrials), units: ids.count, bins: bins, zero: 0.0)
            areas.append(AreaResponses(name: name, unitIDs: ids, sessionIndex: sessions,
                                       matrix: Self.concatenatingColumns(columns, rows: bins), trials: trials,
                                       signalTrials: signalTrials))
        }
        let repeats = files.map(\.repeatCount)
        self.init(stimulus: first.stimulus, repeatCount: repeats.allSatisfy { $0 == repeats[0] } ? repeats[0] : repeats.min()!,
                  frameCount: first.frameCount, binsPerFrame: first.binsPerFrame, filter: first.filter,
                  minimumRate: first.minimumRate, smoothing: first.smoothing, sources: files.flatMap(\.sources),
                  areas: areas, producer: first.producer)
        signal = first.signal
        // The median of the inputs' frame periods (sessions of one movie agree to a fraction of a ms).
        let periods = files.compactMap(\.framePeriod).sorted()
        framePeriod = periods.isEmpty ? nil : periods[periods.count / 2]
    }

    /// The bins × units matrices side by side (units of the first, then of the second, …).
    private static func concatenatingColumns(_ parts: [NDArray<Double>], rows: Int) -> NDArray<Double> {
        guard parts.count > 1 else { return parts.first ?? NDArray(shape: [rows, 0], scalars: []) }
        let total = parts.reduce(0) { $0 + $1.shape[1] }
        var values = [Double](repeating: 0, count: rows * total)
        var offset = 0
        for part in parts {
            let width = part.shape[1]
            part.withUnsafeBufferPointer { p in
                for r in 0..<rows { for c in 0..<width { values[r * total + offset + c] = p[r * width + c] } }
            }
            offset += width
        }
        return NDArray(shape: [rows, total], scalars: values)
    }

    /// Repeats × (units of every part, in order) × bins, or nil unless every part has trials with
    /// the same number of repeats.
    private static func pooledTrials<T: Sendable>(_ parts: [NDArray<T>?], units: Int, bins: Int, zero: T) -> NDArray<T>? {
        guard let repeats = parts.first??.shape.first,
              parts.allSatisfy({ $0?.shape.first == repeats }) else { return nil }
        var values = [T](repeating: zero, count: repeats * units * bins)
        var u = 0
        for part in parts {
            let t = part!
            let partUnits = t.shape[1]
            t.withUnsafeBufferPointer { source in
                for r in 0..<repeats {
                    for row in 0..<partUnits {
                        let from = (r * partUnits + row) * bins, to = (r * units + u + row) * bins
                        for b in 0..<bins { values[to + b] = source[from + b] }
                    }
                }
            }
            u += partUnits
        }
        return NDArray(shape: [repeats, units, bins], scalars: values)
    }
}
