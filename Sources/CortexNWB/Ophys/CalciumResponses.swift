import CortexNumerics

/// Per-frame mean dF/F of every ROI in every repeat of a movie, and the trial average: the 2-photon
/// counterpart of ``StimulusResponses``.
///
/// Two alignments:
/// - **by imaging frames** (Allen NWB 1.x, ``ImagingFrameStimulus``): movie frame row `k` covers imaging
///   frames `[start_k, end_k)`; when `end_k ≤ start_k` (a movie frame shorter than one imaging frame)
///   the single imaging frame `start_k` is used:
///
///       trials[r, c, f] = mean_{j ∈ [start, end)} dff[c, j]      (or dff[c, start])
///
/// - **by time** (NWB 2.x, ``MovieRepeats``): the samples with `t ∈ [start, stop)` of the presentation,
///   found by one merge pass over the sorted timestamps; when no sample falls inside, the last sample
///   at or before `start` (sample-and-hold); NaN when the presentation precedes the recording.
///
/// `average[c, f] = (1/R) Σ_r trials[r, c, f]`.
///
/// Complexity: O(R·F·C + samples touched · C).
public struct CalciumResponses: Sendable {
    /// Mean dF/F, repeats × ROIs × frames.
    public let trials: NDArray<Double>
    /// Trial average, ROIs × frames.
    public let trialAverage: NDArray<Double>

    /// Aligns by imaging-frame indices (Allen NWB 1.x).
    /// - Throws: `.invalidData` when a row's imaging frames fall outside the traces.
    public init(traces: CalciumTraces, stimulus: ImagingFrameStimulus) throws(NWBError) {
        var windows: [Range<Int>?] = []
        for k in stimulus.movieFrames.indices {
            let (start, end) = (stimulus.imagingStarts[k], stimulus.imagingEnds[k])
            let window = end > start ? start..<end : start..<(start + 1)
            guard window.upperBound <= traces.sampleCount else {
                throw .invalidData(file: stimulus.file, path: stimulus.path + "/frame_duration",
                                   reason: "row \(k): imaging frames \(window) outside the \(traces.sampleCount) "
                                    + "frames of \(traces.path)")
            }
            windows.append(window)
        }
        self.init(traces: traces, repeats: stimulus.repeats, windows: windows)
    }

    /// Aligns by time (NWB 2.x presentations).
    public init(traces: CalciumTraces, repeats: MovieRepeats) {
        let presentations = repeats.presentations
        let times = traces.timestamps
        var windows: [Range<Int>?] = []
        var lower = 0
        for k in 0..<presentations.count {
            let (start, stop) = (presentations.startTimes[k], presentations.stopTimes[k])
            while lower < times.count && times[lower] < start { lower += 1 }
            var upper = lower
            while upper < times.count && times[upper] < stop { upper += 1 }
            if upper > lower {
                windows.append(lower..<upper)
            } else {
                // Last sample at or before `start`: the one at `lower` if it equals start, else lower − 1.
                let held = lower < times.count && times[lower] == start ? lower : lower - 1
                windows.append(held >= 0 ? held..<(held + 1) : nil)
            }
        }
        self.init(traces: traces, repeats: repeats.rowRanges, windows: windows)
    }

    private init(traces: CalciumTraces, repeats: [Range<Int>], windows: [Range<Int>?]) {
        let (r, c, f) = (repeats.count, traces.roiCount, repeats.first?.count ?? 0)
        let samples = traces.sampleCount
        var trials = [Double](repeating: .nan, count: r * c * f)
        traces.values.withUnsafeBufferPointer { values in
            for (rep, rows) in repeats.enumerated() {
                for (frame, k) in rows.enumerated() {
                    guard let window = windows[k] else { continue }
                    for roi in 0..<c {
                        var sum = 0.0
                        for j in window { sum += values[roi * samples + j] }
                        trials[(rep * c + roi) * f + frame] = sum / Double(window.count)
                    }
                }
            }
        }
        var average = [Double](repeating: 0, count: c * f)
        for rep in 0..<r { for i in 0..<(c * f) { average[i] += trials[rep * c * f + i] } }
        self.trials = NDArray(shape: [r, c, f], scalars: trials)
        trialAverage = NDArray(shape: [c, f], scalars: average.map { $0 / Double(r) })
    }

    /// Number of repeats.
    public var repeatCount: Int { trials.shape[0] }
    /// Number of ROIs.
    public var roiCount: Int { trials.shape[1] }
    /// Frames per repeat.
    public var frameCount: Int { trials.shape[2] }
}
