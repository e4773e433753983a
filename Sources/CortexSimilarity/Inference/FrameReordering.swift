import CortexNumerics

/// How a permutation test scrambles the frame order of one side while keeping its temporal
/// structure (neighbouring movie frames are correlated, so a full shuffle would give too narrow a
/// null distribution).
///
/// A reordering is a map σ: new frame t shows old frame σ(t).
///
/// ```swift
/// let shifts = PermutationScheme.circularShift(minimumShift: 30)   // ≥ 1 s at 30 Hz
/// let blocks = PermutationScheme.blockPermutation(blockLength: 30)
/// ```
public enum PermutationScheme: Sendable, Hashable {
    /// σ(t) = (t + s) mod n with s uniform in `minimumShift ... n − minimumShift`: keeps all
    /// autocorrelation except at the wrap-around.
    case circularShift(minimumShift: Int)
    /// The frames are cut into consecutive blocks of `blockLength` (the last may be shorter) and the
    /// blocks are put in a uniformly random order.
    case blockPermutation(blockLength: Int)

    /// The reordering σ of `0..<frames` drawn from `rng`.
    /// - Throws: `.invalidResampling` when the scheme cannot scramble `frames` frames (a minimum
    ///   shift above n/2, a block length < 1 or ≥ n).
    public func reordering<G: RandomNumberGenerator>(frames n: Int, using rng: inout G) throws(SimilarityError) -> [Int] {
        switch self {
        case .circularShift(let minimum):
            guard minimum >= 1, minimum <= n - minimum else {
                throw .invalidResampling("circular shift: minimum shift \(minimum) must be in 1...\(n / 2) for \(n) frames")
            }
            let s = minimum + rng.uniformInt(below: n - 2 * minimum + 1)
            return (0..<n).map { ($0 + s) % n }
        case .blockPermutation(let length):
            guard length >= 1, length < n else {
                throw .invalidResampling("block permutation: block length \(length) must be in 1..<\(n) for \(n) frames")
            }
            let blocks = (n + length - 1) / length
            return rng.permutation(blocks).flatMap { b in (b * length)..<min(n, (b + 1) * length) }
        }
    }
}

/// The resampling schemes of ``Bootstrap``.
public enum BootstrapScheme: Sendable, Hashable {
    /// Units (columns) of the second operand drawn with replacement.
    case neurons
    /// Moving-block bootstrap of frames (rows, the same draw for both operands): ⌈n/L⌉ blocks of
    /// L consecutive frames with starts uniform in 0...n − L, concatenated and cut to n frames.
    ///
    /// For ``TSRSAMetric`` and ``RSAMetric`` a frame drawn twice would give a pair at distance 0
    /// on *both* sides, and these agreeing ties would pull rank correlations up; as in
    /// rsatoolbox's pattern bootstrap, pairs of copies of one frame are left out of both RDMs
    /// (``Bootstrap/tsrsaScore(model:brain:frames:options:)``, ``Bootstrap/rsaScore(model:brain:frames:comparison:)``).
    /// For ``CKAMetric`` such a pair is a second copy of a Gram diagonal entry on both sides and
    /// raises every replicate; it is left out of the HSIC sums after centring
    /// (``Bootstrap/ckaScore(kernelX:kernelY:frames:estimator:)``). Other metrics see the drawn
    /// rows as they are.
    case frames(blockLength: Int)
    /// Repeats (trials) of the second operand drawn with replacement and averaged; needs trials.
    case repeats

    /// The default block length for `frames` compared frames: min(30, max(1, frames/10)) — about
    /// one second of a 30 Hz movie, and at least 10 blocks (the jackknife of BCa deletes one at a time).
    public static func defaultBlockLength(frames: Int) -> Int { min(30, max(1, frames / 10)) }

    /// Moving-block resample of `0..<n` frames.
    static func movingBlocks<G: RandomNumberGenerator>(frames n: Int, blockLength: Int, using rng: inout G) -> [Int] {
        var rows: [Int] = []
        rows.reserveCapacity(n + blockLength)
        while rows.count < n {
            let start = rng.uniformInt(below: n - blockLength + 1)
            rows.append(contentsOf: start..<(start + blockLength))
        }
        return Array(rows.prefix(n))
    }
}

extension FrameCorrelations {
    /// The correlations of the frames `frames` (in that order, repeats allowed): what preparing the
    /// matrix with its kept rows reindexed the same way would give.
    public func reindexed(_ frames: [Int]) -> FrameCorrelations {
        let n = frameCount, k = frames.count
        let values = correlations.withUnsafeBufferPointer { p in
            NDArray(shape: [k, k], generating: { index in p[frames[index / k] * n + frames[index % k]] })
        }
        let bad = Set(zeroVarianceFrames)
        return FrameCorrelations(correlations: values, firstFrame: firstFrame,
                                 zeroVarianceFrames: frames.indices.filter { bad.contains(frames[$0]) })
    }

    init(correlations: NDArray<Double>, firstFrame: Int, zeroVarianceFrames: [Int]) {
        self.correlations = correlations
        self.firstFrame = firstFrame
        self.zeroVarianceFrames = zeroVarianceFrames
    }
}

extension BootstrapScheme {
    /// How the scheme is written in tables and reports, e.g. "frame blocks of 30".
    public var label: String {
        switch self {
        case .neurons: return "neurons"
        case .frames(let length): return length == 1 ? "frames" : "frame blocks of \(length)"
        case .repeats: return "repeats"
        }
    }
}
