import CortexNumerics
import CortexSimilarity

/// One frame RDM exported with a report (`rdms/…npy`): the TSRSA distances d(i, j) = 1 − r(i, j)
/// (or the metric's other frame distance) between the kept frames of one area or one layer, as
/// the float32 upper triangle (i < j, row by row: numpy's `triu_indices(n, k=1)` order).
///
/// Above ``maximumFrames`` kept frames the RDM is block-averaged first: frame f goes to bin
/// ⌊f·n/N⌋ of n = ``maximumFrames`` bins, and each cell is the mean of the finite distances whose
/// frame pair falls in it — ``Entry/frames`` then differs from ``Entry/sourceFrames``, and the
/// index (`rdms/index.csv`) says so. Distances of zero-variance frames are undefined and stored as NaN.
public struct FrameRDM: Sendable, Hashable {
    /// The most frames a side an exported RDM keeps before it is block-averaged.
    public static let maximumFrames = 1000

    /// What the RDM is of, as stored in job results and `rdms/index.csv`.
    public struct Entry: Sendable, Codable, Hashable {
        /// The brain area (of the area's RDM, or the area whose best layer this is).
        public var area: String
        /// The layer, nil for an area's RDM.
        public var layer: String?
        /// Frames a side of the stored RDM.
        public var frames: Int
        /// Kept frames before block-averaging (equal to `frames` when not downsampled).
        public var sourceFrames: Int
        /// The movie frame index of kept frame 0 (1 when the metric drops the first frame).
        public var firstFrame: Int
        /// The file name inside the job's RDM folder.
        public var file: String

        public var isDownsampled: Bool { frames != sourceFrames }

        enum CodingKeys: String, CodingKey {
            case area, layer, frames, file
            case sourceFrames = "source_frames", firstFrame = "first_frame"
        }
    }

    public var entry: Entry
    /// The upper triangle, frames·(frames − 1)/2 values.
    public var triangle: [Float]

    /// The RDM of `correlations` (which hold 1 − d for every frame pair), block-averaged above
    /// `maximumFrames`.
    public init(correlations: FrameCorrelations, area: String, layer: String?, file: String,
                maximumFrames: Int = FrameRDM.maximumFrames) {
        let c = correlations.correlations
        let n = c.rows
        let size = min(n, max(2, maximumFrames))
        var triangle = [Float](repeating: 0, count: size * (size - 1) / 2)
        c.withUnsafeBufferPointer { r in
            if size == n {
                var k = 0
                for i in 0..<n {
                    for j in (i + 1)..<n {
                        triangle[k] = Float(1 - r[i * n + j])
                        k += 1
                    }
                }
                return
            }
            var sums = [Double](repeating: 0, count: size * size), counts = [Int](repeating: 0, count: size * size)
            for i in 0..<n {
                let bi = i * size / n
                for j in (i + 1)..<n {
                    let d = 1 - r[i * n + j]
                    guard d.isFinite else { continue }
                    let bj = j * size / n
                    let cell = bi <= bj ? bi * size + bj : bj * size + bi
                    sums[cell] += d
                    counts[cell] += 1
                }
            }
            var k = 0
            for i in 0..<size {
                for j in (i + 1)..<size {
                    let cell = i * size + j
                    triangle[k] = counts[cell] > 0 ? Float(sums[cell] / Double(counts[cell])) : .nan
                    k += 1
                }
            }
        }
        self.entry = Entry(area: area, layer: layer, frames: size, sourceFrames: n,
                           firstFrame: correlations.firstFrame, file: file)
        self.triangle = triangle
    }

    /// The triangle as a one-dimensional array (what the `.npy` file holds).
    public var array: NDArray<Float> { NDArray(shape: [triangle.count], scalars: triangle) }
}
