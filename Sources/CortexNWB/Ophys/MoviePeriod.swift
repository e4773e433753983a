/// Seconds per movie frame of a 2-photon session's stimulus, as response files record it
/// (`frame_period_s`), so reports can give lags in milliseconds.
///
/// NWB 2.x presentations: the median of stop − start over the presentations. Allen's NWB 1.x
/// imaging-frame tables: the median, within each repeat, of the time between consecutive movie
/// frames — from the table's `timestamps` when stored, else from the imaging timestamps of each
/// movie frame's first imaging frame. Nil when neither gives a positive finite period.
enum MoviePeriod {
    /// From presentation start and stop times.
    static func of(starts: [Double], stops: [Double]) -> Double? {
        median(zip(starts, stops).map { $1 - $0 })
    }

    /// From an imaging-frame table: its own presentation times when stored, else the imaging
    /// timestamps of each movie frame's first imaging frame.
    static func of(_ stimulus: ImagingFrameStimulus, timestamps: [Double]) -> Double? {
        var steps: [Double] = []
        for rows in stimulus.repeats where rows.count > 1 {
            for row in rows.dropLast() {
                if let times = stimulus.times {
                    steps.append(times[row + 1] - times[row])
                    continue
                }
                let (a, b) = (stimulus.imagingStarts[row], stimulus.imagingStarts[row + 1])
                guard a < timestamps.count, b < timestamps.count else { continue }
                steps.append(timestamps[b] - timestamps[a])
            }
        }
        return median(steps)
    }

    /// The median of the positive finite values (nil when there are none).
    static func median(_ values: [Double]) -> Double? {
        let v = values.filter { $0.isFinite && $0 > 0 }.sorted()
        guard !v.isEmpty else { return nil }
        let n = v.count
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2
    }
}
