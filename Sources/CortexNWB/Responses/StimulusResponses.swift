import CortexNumerics

/// Spike counts of every kept unit in every displayed frame of every repeat of a movie, their trial
/// average and the units' mean rates — the neural data of the reference study (counts per frame
/// averaged over repeats, optionally smoothed).
///
/// For unit `u`, repeat `r` and bin `b` of ``FrameBins`` (frame `f`, sub-bin `s`, `b = f·N + s`):
///
///     trials[r, u, b]  = #{ spikes of u in [start, stop) of that bin }          (half-open, see SpikeCounting)
///     average[u, b]    = (1/R) Σ_r trials[r, u, b]
///     meanRate[u]      = Σ_{r,b} trials[r, u, b] / Σ_presentations (stop − start)     (spikes / s)
///
/// ```swift
/// let session = try NWBSession.open(url)
/// let responses = try StimulusResponses(session: session,
///                                       options: ResponseOptions(filter: .minimumRate(spikesPerSecond: 0.5)))
/// let visp = responses.byArea().first { $0.name == "VISp" }     // 900 frames × units
/// ```
///
/// Reading stays on the calling thread: spikes are taken one block of ``ResponseOptions/unitsPerRead``
/// units at a time — memory-mapped in place when `spike_times` is stored contiguously as float64
/// (as pynwb and AllenSDK write it), else one hyperslab read — then that block's units are checked
/// (every spike) and counted (``SpikeBinIndex``: only the spikes inside the movie's time span) in
/// parallel with `ParallelFor`, straight into the trials buffer. Units without spikes are kept (zero
/// counts); a rate filter drops them, moving the others' rows down in place.
///
/// Complexity: O(S + K + U · B) for S spikes checked, K of them inside the movie's span, and U units
/// over B = R·F·N bins; memory O(U · B) for the trials (one buffer) plus one block of spikes (none
/// when mapped).
public struct StimulusResponses: Sendable {
    /// The session file.
    public let file: String
    /// The stimulus name.
    public let stimulus: String
    /// The kept units, in table order.
    public let units: [UnitRecord]
    /// The bins (repeats × frames × sub-bins).
    public let bins: FrameBins
    /// Counts, repeats × units × (frames · binsPerFrame).
    public let trials: NDArray<Int32>
    /// Trial average, units × (frames · binsPerFrame).
    public let trialAverage: NDArray<Double>
    /// ``trialAverage`` after ``smoothing`` (equal to it for `.none`).
    public let responses: NDArray<Double>
    /// The smoothing applied to give ``responses``.
    public let smoothing: ResponseSmoothing
    /// Mean rate of each kept unit over the movie (spikes / s).
    public let meanRates: [Double]
    /// Total presented time of the movie, Σ (stop − start) over its presentations (s).
    public let presentedTime: Double

    /// Counts the responses of `session`'s units to `options.stimulus`.
    /// - Throws: `.unknownStimulus`, `.malformedRepeats`, `.presentationsOutOfOrder`,
    ///   `.overlappingPresentations` (presentations); `.hdf5(.objectMissing)` for a missing `/units`;
    ///   `.invalidRaggedIndex`; `.spikesOutOfOrder`, `.nonFiniteSpikeTime` naming the unit.
    public init(session: NWBSession, options: ResponseOptions = ResponseOptions()) throws(NWBError) {
        let repeats = try MovieRepeats(session.presentations(of: options.stimulus))
        let table = try session.units()
        let bins = FrameBins(repeats: repeats, binsPerFrame: options.binsPerFrame)
        let presentedTime = repeats.presentedTime
        let candidates = table.records.filter { options.filter.accepts($0, meanRate: nil) }

        // Every candidate's counts go straight into one repeats × candidates × bins buffer (no array
        // per unit, no second buffer): units dropped by the rate filter are squeezed out in place.
        let (r, width, total) = (bins.repeatCount, bins.binsPerRepeat, candidates.count)
        guard r.multipliedReportingOverflow(by: total).overflow == false,
              (r * total).multipliedReportingOverflow(by: width).overflow == false else {
            throw .malformedRepeats(file: session.path, path: UnitTable.defaultPath,
                                    reason: "\(r) repeats × \(total) units × \(width) bins do not fit in memory")
        }
        var trials = [Int32](repeating: 0, count: r * total * width)
        var spikeTotals = [Int](repeating: 0, count: total)
        let index = SpikeBinIndex(bins: bins)    // nil (stops that decrease): the merge counts instead
        var position = 0
        try trials.withUnsafeMutableBufferPointer { (out) throws(NWBError) in
            try spikeTotals.withUnsafeMutableBufferPointer { (sums) throws(NWBError) in
                let target = CountTarget(trials: out.baseAddress!, totals: sums.baseAddress!, candidates: total,
                                         repeats: r, width: width)
                for block in Self.readBlocks(candidates, spikes: table.spikeTimes, unitsPerRead: options.unitsPerRead) {
                    try Self.countBlock(block, firstCandidate: position, table: table, bins: bins, index: index,
                                        into: target)
                    position += block.count
                }
            }
        }

        let rates = spikeTotals.map { Double($0) / presentedTime }
        let kept = candidates.indices.filter { options.filter.accepts(candidates[$0], meanRate: rates[$0]) }
        let u = kept.count
        if u < total {
            // Move kept rows down in place; a destination never lies after its source.
            trials.withUnsafeMutableBufferPointer { t in
                for rep in 0..<r {
                    for (column, k) in kept.enumerated() {
                        let (from, to) = ((rep * total + k) * width, (rep * u + column) * width)
                        if from != to { (t.baseAddress! + to).update(from: t.baseAddress! + from, count: width) }
                    }
                }
            }
            trials.removeLast((total - u) * r * width)
        }
        var sums = [Double](repeating: 0, count: u * width)
        trials.withUnsafeBufferPointer { t in
            sums.withUnsafeMutableBufferPointer { s in
                for rep in 0..<r {
                    for column in 0..<u {
                        let row = (rep * u + column) * width
                        for b in 0..<width { s[column * width + b] += Double(t[row + b]) }
                    }
                }
            }
        }
        let average = NDArray(shape: [u, width], scalars: sums.map { $0 / Double(r) })
        self.file = session.path
        self.stimulus = options.stimulus
        self.units = kept.map { candidates[$0] }
        self.bins = bins
        self.trials = NDArray(shape: [r, u, width], scalars: trials)
        self.trialAverage = average
        self.smoothing = options.smoothing
        self.responses = u == 0 ? average : options.smoothing.apply(to: average, binsPerFrame: bins.binsPerFrame)
        self.meanRates = kept.map { rates[$0] }
        self.presentedTime = presentedTime
    }

    /// Unit ids of the kept units.
    public var unitIDs: [Int64] { units.map(\.id) }
    /// Number of repeats.
    public var repeatCount: Int { bins.repeatCount }
    /// Frames per repeat.
    public var frameCount: Int { bins.frameCount }
    /// Sub-bins per frame.
    public var binsPerFrame: Int { bins.binsPerFrame }

    /// ``responses`` split by area (units outside the brain or of unknown area left out), sorted by
    /// area name; columns keep table order; every unit's session index is 0 (this session).
    /// - Parameter keepTrials: also split the per-repeat counts (repeats × units × bins).
    public func byArea(keepTrials: Bool = false) -> [AreaResponses] {
        let width = bins.binsPerRepeat
        let groups = Dictionary(grouping: units.indices.filter { units[$0].area != nil }, by: { units[$0].area! })
        return groups.keys.sorted().map { area in
            let rows = groups[area]!
            var values: [Double] = []
            values.reserveCapacity(rows.count * width)
            for row in rows { values += responses.scalars[(row * width)..<((row + 1) * width)] }
            let unitsByBins = NDArray(shape: [rows.count, width], scalars: values)
            return AreaResponses(name: area, unitIDs: rows.map { units[$0].id },
                                 sessionIndex: Array(repeating: 0, count: rows.count), matrix: unitsByBins.transposed(),
                                 trials: keepTrials ? trials(ofRows: rows) : nil)
        }
    }

    /// Repeats × rows.count × bins: the per-repeat counts of the given unit rows.
    func trials(ofRows rows: [Int]) -> NDArray<Int32> {
        let repeats = repeatCount, width = bins.binsPerRepeat, total = units.count
        var values = [Int32](repeating: 0, count: repeats * rows.count * width)
        trials.withUnsafeBufferPointer { t in
            for r in 0..<repeats {
                for (u, row) in rows.enumerated() {
                    let source = (r * total + row) * width, target = (r * rows.count + u) * width
                    for b in 0..<width { values[target + b] = t[source + b] }
                }
            }
        }
        return NDArray(shape: [repeats, rows.count, width], scalars: values)
    }

    // MARK: internals

    /// Largest span of spike times read in one hyperslab (just under 4 Mi doubles = 32 MiB) unless a
    /// single unit needs more: keeps memory bounded when the kept units are sparse among the table's
    /// rows. Below glibc's largest mmap threshold (``AllocatorPolicy/mmapThreshold``), so with
    /// ``AllocatorPolicy/keepLargeBlocks()`` (as `cortex` runs) each block's buffer reuses the last
    /// one's pages instead of faulting in and zeroing fresh ones (64 MiB blocks spent ≈ 30 % of a
    /// 130 M-spike session in the kernel's page clearing).
    static let spikesPerRead = (4 << 20) - 512

    /// Splits the candidates (in row order) into read blocks of at most `unitsPerRead` units whose
    /// spike span (first to last row, rows in between included) stays within `spikeBudget`; a unit whose
    /// own spikes exceed the budget is read alone.
    static func readBlocks(_ candidates: [UnitRecord], spikes: RaggedColumn, unitsPerRead: Int,
                           spikeBudget: Int = spikesPerRead) -> [[UnitRecord]] {
        var blocks: [[UnitRecord]] = []
        var current: [UnitRecord] = []
        for unit in candidates {
            if let first = current.first {
                let span = spikes.range(ofRows: first.row..<(unit.row + 1)).count
                if current.count >= unitsPerRead || span > spikeBudget {
                    blocks.append(current)
                    current = []
                }
            }
            current.append(unit)
        }
        if !current.isEmpty { blocks.append(current) }
        return blocks
    }

    /// Takes one block of units' spikes (one mapping or hyperslab over their rows), then checks and
    /// counts each unit in parallel into `target` (candidate `firstCandidate + i` for the block's
    /// unit `i`).
    private static func countBlock(_ block: [UnitRecord], firstCandidate: Int, table: UnitTable, bins: FrameBins,
                                   index: SpikeBinIndex?, into target: CountTarget) throws(NWBError) {
        guard let first = block.first?.row, let last = block.last?.row else { return }
        let path = table.spikeTimes.data.path
        let file = table.table.file
        // The block's spike times in place (memory-mapped when stored plainly), checked and counted
        // per unit in parallel.
        let failures = try table.spikeTimes.withRows(first..<(last + 1), as: Double.self) {
            (values, ranges) throws(NWBError) -> [NWBError?] in
            let shared = UncheckedBuffer(values: values)
            return ParallelFor.map(count: block.count) { i -> NWBError? in
                let unit = block[i]
                let spikes = UnsafeBufferPointer(rebasing: shared.values[ranges[unit.row - first]])
                switch SpikeCounting.firstDefect(spikes) {
                case .nonFinite(let position):
                    return .nonFiniteSpikeTime(file: file, path: path, unitID: unit.id, row: unit.row, position: position)
                case .outOfOrder(let position, let time, let previous):
                    return .spikesOutOfOrder(file: file, path: path, unitID: unit.id, row: unit.row,
                                             position: position, time: time, previous: previous)
                case nil:
                    target.store(index?.counts(spikes) ?? SpikeCounting.counts(spikes, in: bins),
                                 candidate: firstCandidate + i)
                    return nil
                }
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }
}

/// Where counting tasks write: a repeats × candidates × bins buffer and one spike total per
/// candidate; each task writes only its own candidate's rows.
private struct CountTarget: @unchecked Sendable {
    let trials: UnsafeMutablePointer<Int32>
    let totals: UnsafeMutablePointer<Int>
    let candidates: Int, repeats: Int, width: Int

    /// Stores one candidate's counts (repeat-major, as the bins) and their sum.
    func store(_ counts: [Int32], candidate: Int) {
        var sum = 0
        counts.withUnsafeBufferPointer { c in
            for rep in 0..<repeats {
                let row = trials + (rep * candidates + candidate) * width
                for b in 0..<width {
                    let value = c[rep * width + b]
                    row[b] = value
                    sum += Int(value)
                }
            }
        }
        totals[candidate] = sum
    }
}

/// The spike times of a read block, shared read-only by the counting tasks.
private struct UncheckedBuffer: @unchecked Sendable {
    let values: UnsafeBufferPointer<Double>
}
