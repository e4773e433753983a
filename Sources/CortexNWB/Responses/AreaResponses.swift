import CortexNumerics

/// The responses of one brain area — the one in-memory response type of CortexKit: a frames ×
/// units matrix (rows = bins: frames × sub-bins per frame; columns = units, the orientation every
/// similarity metric takes), the identity of every unit, and the per-repeat counts when kept.
///
/// Built from one session (``StimulusResponses/byArea()``), read from a response file
/// (``ResponseFile/read(from:)``, which stores units × bins on disk and orients the matrix on
/// reading), or pooled over sessions and files into a pseudo-population
/// (``ResponseFile/init(pooling:)``).
///
/// ```swift
/// let visp = try ResponseFile.read(from: url).areas.first { $0.name == "VISp" }!
/// visp.matrix.shape        // [900, units]: frames × units
/// visp.trials?.shape       // [repeats, units, 900] when written with --keep-trials
/// ```
public struct AreaResponses: Sendable {
    /// The structure acronym, e.g. "VISp".
    public var name: String
    /// Unit ids, one per column of `matrix`.
    public var unitIDs: [Int64]
    /// Index of each unit's session among the sources of the file or sessions it came from.
    public var sessionIndex: [Int64]
    /// Bins × units (bins = frames · sub-bins per frame): trial-averaged counts, smoothed if requested.
    public var matrix: NDArray<Double>
    /// Repeats × units × bins spike counts, when kept (the layout of a response file's
    /// `/<AREA>/trials` and of ``NoiseCeiling``'s split-half trials).
    public var trials: NDArray<Int32>?
    /// Repeats × units × bins of a continuous signal (2-photon ΔF/F, events, fluorescence), when
    /// kept; `trials` is then nil. Stored as float64 `/<AREA>/trials` in a response file.
    public var signalTrials: NDArray<Double>?

    /// An area's responses; shapes must agree (a programmer error otherwise: readers validate
    /// files before building one). At most one of `trials` (counts) and `signalTrials` is given.
    public init(name: String, unitIDs: [Int64], sessionIndex: [Int64], matrix: NDArray<Double>, trials: NDArray<Int32>?,
                signalTrials: NDArray<Double>? = nil) {
        precondition(matrix.rank == 2 && matrix.shape[1] == unitIDs.count && sessionIndex.count == unitIDs.count,
                     "AreaResponses: matrix must be bins × units with one unit id and session index per unit")
        precondition(trials == nil || (trials!.rank == 3 && trials!.shape[1] == unitIDs.count && trials!.shape[2] == matrix.shape[0]),
                     "AreaResponses: trials must be repeats × units × bins")
        precondition(signalTrials == nil || (trials == nil && signalTrials!.rank == 3 && signalTrials!.shape[1] == unitIDs.count
                                             && signalTrials!.shape[2] == matrix.shape[0]),
                     "AreaResponses: signal trials must be repeats × units × bins, without count trials")
        self.signalTrials = signalTrials
        self.name = name
        self.unitIDs = unitIDs
        self.sessionIndex = sessionIndex
        self.matrix = matrix
        self.trials = trials
    }

    /// The kept trials as real numbers, whichever kind was kept (counts converted), or nil.
    public var trialValues: NDArray<Double>? { signalTrials ?? trials.map { $0.map { Double($0) } } }

    /// Number of units.
    public var unitCount: Int { unitIDs.count }
    /// Number of bins (frames × sub-bins per frame).
    public var binCount: Int { matrix.shape[0] }
}
