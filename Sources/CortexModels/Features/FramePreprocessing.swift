import CortexNumerics

/// Turns movie frames into network input: resize to the model's input size, scale to [0, 1],
/// replicate grayscale to the model's channels, normalise per channel.
///
///     x = (v/255 − mean_c) / std_c
///
/// Normalisation: the ``normalization`` given — what the checkpoint records its network was
/// trained with (``InputNormalization``; the study's UCF101 networks use mean 0.5 / std 0.5, its
/// ImageNet ones ImageNet's statistics). Without one (random weights, checkpoints that record
/// none) the earlier rule, ``statistics(channels:)``: 3-channel models use ImageNet's mean
/// (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225); 1-channel models the channel averages,
/// mean 0.449 and std 0.226. CortexKit's training tasks use the latter
/// (``normalise(unit:channels:)``) and record them, so features and training see identical input.
///
/// Resizing is separable per axis: an axis that shrinks uses **area averaging** (each output
/// pixel is the overlap-weighted mean of the input pixels it covers, OpenCV's `INTER_AREA`);
/// an axis that grows uses **bilinear** interpolation with half-pixel centres
/// (`align_corners=False`). Equal sizes copy.
public struct FramePreprocessing: Sendable, Hashable {
    public var height: Int
    public var width: Int
    public var channels: Int
    /// The per-channel normalisation; nil: ``statistics(channels:)``.
    public var normalization: InputNormalization?

    public init(height: Int, width: Int, channels: Int, normalization: InputNormalization? = nil) {
        precondition(normalization?.fits(channels: channels) ?? true,
                     "FramePreprocessing: normalisation of \(normalization?.mean.count ?? 0) channels for \(channels)")
        self.height = height
        self.width = width
        self.channels = channels
        self.normalization = normalization
    }

    public init(configuration: ModelConfiguration) {
        self.init(inputShape: configuration.inputShape)
    }

    /// Preprocessing to a network's input frames (``RecordableNetwork/inputShape``).
    public init(inputShape: NetworkInputShape, normalization: InputNormalization? = nil) {
        self.init(height: inputShape.height, width: inputShape.width, channels: inputShape.channels,
                  normalization: normalization)
    }

    /// Mean and std of every channel as applied: ``normalization``, else ``statistics(channels:)``.
    public var channelStatistics: (mean: [Float], std: [Float]) {
        guard let normalization else { return Self.statistics(channels: channels) }
        let each = (0..<channels).map { normalization.statistics(channel: $0) }
        return (each.map(\.mean), each.map(\.std))
    }

    /// Per-channel mean and standard deviation for `channels` (1 or 3).
    public static func statistics(channels: Int) -> (mean: [Float], std: [Float]) {
        channels == 3 ? ([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]) : ([0.449], [0.226])
    }

    /// Frames `range` of a uint8 movie `[F, H, W]` → `[n, C, height, width]` network input.
    public func frames(_ movie: NDArray<UInt8>, _ range: Range<Int>) -> NDArray<Float> {
        precondition(movie.shape.count == 3, "FramePreprocessing: movie must be frames × H × W, got \(movie.shape)")
        let (h, w) = (movie.shape[1], movie.shape[2])
        // Readers check this (MovieInput throws badMovie): resampling an empty frame has no pixels to average.
        precondition(h > 0 && w > 0, "FramePreprocessing: frames must have positive height and width, got \(movie.shape)")
        let plane = height * width
        var out = [Float](repeating: 0, count: range.count * channels * plane)
        let (mean, std) = channelStatistics
        let rows = Self.resampling(from: h, to: height), columns = Self.resampling(from: w, to: width)
        movie.withUnsafeBufferPointer { pixels in
            for (n, f) in range.enumerated() {
                let source = (0..<(h * w)).map { Float(pixels[f * h * w + $0]) / 255 }
                let resized = Self.resize(source, rows: rows, columns: columns, sourceWidth: w)
                for c in 0..<channels {
                    let base = (n * channels + c) * plane
                    for i in 0..<plane { out[base + i] = (resized[i] - mean[c]) / std[c] }
                }
            }
        }
        return NDArray(shape: [range.count, channels, height, width], scalars: out)
    }

    /// Normalises images already in [0, 1] `[N, 1, H, W]` to `[N, channels, H, W]` (no resize).
    public static func normalise(unit images: NDArray<Float>, channels: Int) -> NDArray<Float> {
        let (mean, std) = statistics(channels: channels)
        let (n, plane) = (images.shape[0], images.shape[2] * images.shape[3])
        let source = images.scalars
        var out = [Float](repeating: 0, count: n * channels * plane)
        for i in 0..<n {
            for c in 0..<channels {
                for p in 0..<plane { out[(i * channels + c) * plane + p] = (source[i * plane + p] - mean[c]) / std[c] }
            }
        }
        return NDArray(shape: [n, channels, images.shape[2], images.shape[3]], scalars: out)
    }

    /// For each output index along an axis, the input indices and weights that make it.
    static func resampling(from input: Int, to output: Int) -> [[(index: Int, weight: Float)]] {
        if input == output { return (0..<output).map { [($0, 1)] } }
        let scale = Double(input) / Double(output)
        if output < input {                       // area averaging
            return (0..<output).map { j in
                let start = Double(j) * scale, end = Double(j + 1) * scale
                var taps: [(index: Int, weight: Float)] = []
                var i = Int(start.rounded(.down))
                while Double(i) < end && i < input {
                    let overlap = min(end, Double(i + 1)) - max(start, Double(i))
                    if overlap > 1e-12 { taps.append((i, Float(overlap / scale))) }
                    i += 1
                }
                return taps
            }
        }
        return (0..<output).map { j in                // bilinear, half-pixel centres
            let x = max(0, (Double(j) + 0.5) * scale - 0.5)
            let i0 = min(Int(x.rounded(.down)), input - 1), i1 = min(i0 + 1, input - 1)
            let f = Float(x - Double(i0))
            return i0 == i1 ? [(index: i0, weight: Float(1))] : [(index: i0, weight: 1 - f), (index: i1, weight: f)]
        }
    }

    /// Separable resize of one plane (`sourceWidth` columns) with precomputed taps.
    static func resize(_ plane: [Float], rows: [[(index: Int, weight: Float)]], columns: [[(index: Int, weight: Float)]],
                       sourceWidth: Int) -> [Float] {
        let sourceHeight = plane.count / sourceWidth
        var horizontal = [Float](repeating: 0, count: sourceHeight * columns.count)
        for r in 0..<sourceHeight {
            for (j, taps) in columns.enumerated() {
                var s: Float = 0
                for t in taps { s += t.weight * plane[r * sourceWidth + t.index] }
                horizontal[r * columns.count + j] = s
            }
        }
        var out = [Float](repeating: 0, count: rows.count * columns.count)
        for (i, taps) in rows.enumerated() {
            for j in 0..<columns.count {
                var s: Float = 0
                for t in taps { s += t.weight * horizontal[t.index * columns.count + j] }
                out[i * columns.count + j] = s
            }
        }
        return out
    }
}
