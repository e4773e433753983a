import CortexHDF5
import CortexNumerics

/// Per-movie-frame responses of every ROI of a 2-photon session, per repeat and averaged — the
/// 2-photon counterpart of ``StimulusResponses``, built plane by plane with ``CalciumResponses``:
///
///     trials[r, c, f]  = mean of ROI c's trace over the presentation window of frame f in repeat r
///     average[c, f]    = (1/R) Σ_r trials[r, c, f]
///
/// The window is the imaging-frame range of the stimulus table in Allen's NWB 1.x files, else the
/// samples with t ∈ [start, stop) of the NWB 2.x presentation, sample-and-hold when none falls
/// inside (see ``CalciumResponses``). Areas are the planes' `location`s. ROIs are left out — and
/// listed in ``exclusions`` — when their plane has no area, lies outside the depth range, belongs to
/// another Cre line, or when their response is not finite in some window (NaN traces).
///
/// ```swift
/// let session = try TwoPhotonSession(file: HDF5File.open(url))
/// let responses = try TwoPhotonResponses(session: session, options: TwoPhotonOptions(signal: .dff))
/// responses.byArea().map(\.name)           // ["VISp"]
/// ```
public struct TwoPhotonResponses: Sendable {
    /// A kept ROI: its id, plane and area.
    public struct ROI: Sendable, Hashable {
        public let id: Int64
        public let plane: String
        public let area: String
    }

    /// The session file.
    public let file: String
    /// The stimulus name.
    public let stimulus: String
    /// The trace signal.
    public let signal: ResponseSignal
    /// The kept ROIs, plane by plane.
    public let rois: [ROI]
    /// Repeats × ROIs × frames.
    public let trials: NDArray<Double>
    /// ROIs × frames.
    public let trialAverage: NDArray<Double>
    /// ``trialAverage`` after ``smoothing``.
    public let responses: NDArray<Double>
    /// The smoothing applied to give ``responses``.
    public let smoothing: ResponseSmoothing
    /// What was left out, and why.
    public let exclusions: [TwoPhotonExclusion]
    /// Repeats of the movie.
    public let repeatCount: Int
    /// Frames per repeat.
    public let frameCount: Int
    /// Seconds per movie frame (``MoviePeriod``), nil when the stimulus timing does not give one.
    public let framePeriod: Double?

    /// Aligns every plane's traces of `options.signal` to `options.stimulus`.
    /// - Throws: `.invalidData` when the file has no traces of the signal; `.unknownStimulus`;
    ///   the alignment errors of ``CalciumResponses`` and ``ImagingFrameStimulus``; `.hdf5`.
    public init(session: TwoPhotonSession, options: TwoPhotonOptions = TwoPhotonOptions()) throws(NWBError) {
        let series = session.series(of: options.signal)
        guard !series.isEmpty else {
            let has = session.signals.map(\.displayName)
            throw .invalidData(file: session.path, path: "/processing", reason: "no \(options.signal.displayName) traces ("
                               + (has.isEmpty ? "the file has no 2-photon traces" : "the file has: " + has.joined(separator: ", ")) + ")")
        }
        let align = try Self.alignment(session, stimulus: options.stimulus)
        var exclusions: [TwoPhotonExclusion] = []
        var rois: [ROI] = []
        var blocks: [NDArray<Double>] = []   // each repeats × kept ROIs × frames
        var repeats = 0, frames = 0
        var period: Double?
        let creMatches = options.creLine.map { wanted in session.creLine?.lowercased() == wanted.lowercased() } ?? true
        var seenPlanes = Set<String>()
        if !creMatches {      // one line for the session: every plane's ROIs (one series per plane)
            var planes = Set<String>()
            let rois = series.filter { $0.plane.map { planes.insert($0).inserted } ?? true }.reduce(0) { $0 + $1.roiCount }
            exclusions.append(.otherCreLine(found: session.creLine, rois: rois))
        }
        for s in series where creMatches {
            guard let planeName = s.plane else { exclusions.append(.seriesWithoutPlane(series: s.path, rois: s.roiCount)); continue }
            guard seenPlanes.insert(planeName).inserted else { continue }      // one series per plane
            let plane = session.plane(named: planeName)
            guard let area = plane?.area else { exclusions.append(.planeWithoutArea(plane: planeName, rois: s.roiCount)); continue }
            if let range = options.depthRange, !(plane?.depth.map(range.contains) ?? false) {
                exclusions.append(.outsideDepthRange(plane: planeName, depth: plane?.depth, rois: s.roiCount))
                continue
            }
            let traces = try CalciumTraces(file: session.file, seriesPath: s.path)
            let aligned = try align(traces)
            if period == nil { period = try Self.framePeriod(session, stimulus: options.stimulus, timestamps: traces.timestamps) }
            (repeats, frames) = (aligned.repeatCount, aligned.frameCount)
            var kept: [Int] = [], bad: [Int64] = []
            aligned.trials.withUnsafeBufferPointer { t in
                for c in 0..<aligned.roiCount {
                    var finite = true
                    for r in 0..<repeats where finite {
                        let base = (r * aligned.roiCount + c) * frames
                        for f in 0..<frames where !t[base + f].isFinite { finite = false; break }
                    }
                    if finite { kept.append(c) } else { bad.append(s.roiIDs[c]) }
                }
            }
            if !bad.isEmpty { exclusions.append(.nonFiniteROIs(plane: planeName, ids: bad)) }
            rois += kept.map { ROI(id: s.roiIDs[$0], plane: planeName, area: area) }
            blocks.append(Self.rows(kept, of: aligned.trials))
        }
        let c = rois.count
        if blocks.isEmpty { (repeats, frames) = try Self.layout(session, stimulus: options.stimulus) }
        var trials = [Double](repeating: 0, count: repeats * c * frames)
        var offset = 0
        for block in blocks {
            let n = block.shape[1]
            block.withUnsafeBufferPointer { b in
                for r in 0..<repeats {
                    for i in 0..<n {
                        let from = (r * n + i) * frames, to = (r * c + offset + i) * frames
                        for f in 0..<frames { trials[to + f] = b[from + f] }
                    }
                }
            }
            offset += n
        }
        var sums = [Double](repeating: 0, count: c * frames)
        for r in 0..<repeats { for i in 0..<(c * frames) { sums[i] += trials[r * c * frames + i] } }
        let average = NDArray(shape: [c, frames], scalars: sums.map { $0 / Double(max(repeats, 1)) })
        file = session.path
        stimulus = options.stimulus
        signal = options.signal
        self.rois = rois
        self.trials = NDArray(shape: [repeats, c, frames], scalars: trials)
        trialAverage = average
        smoothing = options.smoothing
        responses = c == 0 ? average : options.smoothing.apply(to: average, binsPerFrame: 1)
        self.exclusions = exclusions
        repeatCount = repeats
        frameCount = frames
        framePeriod = period
    }

    /// Seconds per movie frame: from the imaging-frame table and `timestamps` (NWB 1.x), else from
    /// the presentations' start and stop times.
    private static func framePeriod(_ session: TwoPhotonSession, stimulus: String, timestamps: [Double]) throws(NWBError) -> Double? {
        if session.imagingFrameStimulusNames().contains(stimulus) {
            return MoviePeriod.of(try ImagingFrameStimulus(file: session.file, stimulus: stimulus), timestamps: timestamps)
        }
        let presentations = try NWBSession(file: session.file).presentations(of: stimulus)
        return MoviePeriod.of(starts: presentations.startTimes, stops: presentations.stopTimes)
    }

    /// ``responses`` split by area (sorted by name), ROIs in plane order; session index 0.
    /// - Parameter keepTrials: also split the per-repeat values (``AreaResponses/signalTrials``).
    public func byArea(keepTrials: Bool = false) -> [AreaResponses] {
        let groups = Dictionary(grouping: rois.indices, by: { rois[$0].area })
        return groups.keys.sorted().map { area in
            let rows = groups[area]!
            var values: [Double] = []
            values.reserveCapacity(rows.count * frameCount)
            for row in rows { values += responses.scalars[(row * frameCount)..<((row + 1) * frameCount)] }
            let unitsByFrames = NDArray(shape: [rows.count, frameCount], scalars: values)
            return AreaResponses(name: area, unitIDs: rows.map { rois[$0].id }, sessionIndex: Array(repeating: 0, count: rows.count),
                                 matrix: unitsByFrames.transposed(), trials: nil,
                                 signalTrials: keepTrials ? Self.rows(rows, of: trials) : nil)
        }
    }

    // MARK: internals

    /// Repeats × rows.count × frames: the given ROI rows of a repeats × ROIs × frames array.
    static func rows(_ rows: [Int], of trials: NDArray<Double>) -> NDArray<Double> {
        let (r, c, f) = (trials.shape[0], trials.shape[1], trials.shape[2])
        var values = [Double](repeating: 0, count: r * rows.count * f)
        trials.withUnsafeBufferPointer { t in
            for rep in 0..<r {
                for (i, row) in rows.enumerated() {
                    let from = (rep * c + row) * f, to = (rep * rows.count + i) * f
                    for k in 0..<f { values[to + k] = t[from + k] }
                }
            }
        }
        return NDArray(shape: [r, rows.count, f], scalars: values)
    }

    /// The alignment of the session's stimulus: imaging-frame windows (NWB 1.x) or times (NWB 2.x).
    private static func alignment(_ session: TwoPhotonSession, stimulus: String) throws(NWBError)
        -> (CalciumTraces) throws(NWBError) -> CalciumResponses {
        let framed = session.imagingFrameStimulusNames()
        if framed.contains(stimulus) {
            let movie = try ImagingFrameStimulus(file: session.file, stimulus: stimulus)
            return { traces throws(NWBError) in try CalciumResponses(traces: traces, stimulus: movie) }
        }
        if !framed.isEmpty && !session.file.exists("/intervals") {
            throw .unknownStimulus(file: session.path, name: stimulus, available: framed)
        }
        let repeats = try MovieRepeats(NWBSession(file: session.file).presentations(of: stimulus))
        return { traces throws(NWBError) in CalciumResponses(traces: traces, repeats: repeats) }
    }

    /// Repeats and frames of the stimulus when no plane was aligned.
    private static func layout(_ session: TwoPhotonSession, stimulus: String) throws(NWBError) -> (Int, Int) {
        if session.imagingFrameStimulusNames().contains(stimulus) {
            let movie = try ImagingFrameStimulus(file: session.file, stimulus: stimulus)
            return (movie.repeatCount, movie.frameCount)
        }
        let repeats = try MovieRepeats(NWBSession(file: session.file).presentations(of: stimulus))
        return (repeats.repeatCount, repeats.frameCount)
    }
}
