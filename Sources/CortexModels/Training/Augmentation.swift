import CortexNumerics

/// Training-time data augmentation of the train split, as a value stored in the run's options.
///
/// Every example's transform is a pure function of (run seed, epoch, example index), drawn from
/// `SplittableRandom(seed ^ tag).derive(stream: epoch << 32 | index)`, so augmentation neither
/// depends on batch order or prefetching nor breaks bit-identical resumption. All frames of a clip
/// get the same transform (a motion clip stays a coherent motion).
public struct Augmentation: Sendable, Hashable, Codable {
    /// Mirror each example left–right with probability ½. Image task only: mirroring a motion
    /// clip would swap the leftward and rightward labels.
    public var horizontalFlip: Bool
    /// Shift each example by dx, dy drawn uniformly from −maxShift…maxShift pixels, filling the
    /// uncovered border with black (pixel value 0 before normalisation) — pad-and-random-crop.
    public var maxShift: Int

    public init(horizontalFlip: Bool = false, maxShift: Int = 0) {
        precondition(maxShift >= 0, "Augmentation: maxShift must not be negative")
        self.horizontalFlip = horizontalFlip
        self.maxShift = maxShift
    }

    /// No augmentation.
    public static let none = Augmentation()
    public var isNone: Bool { !horizontalFlip && maxShift == 0 }

    /// The transform of one example: whether to mirror, and the shift.
    public func transform(seed: UInt64, epoch: Int, index: Int) -> (flip: Bool, dx: Int, dy: Int) {
        var rng = SplittableRandom(seed: seed ^ 0x6175_676D_656E_7421).derive(stream: UInt64(epoch) << 32 | UInt64(index))
        let flip = horizontalFlip && rng.uniformInt(below: 2) == 1
        let dx = maxShift > 0 ? rng.uniformInt(in: -maxShift...maxShift) : 0
        let dy = maxShift > 0 ? rng.uniformInt(in: -maxShift...maxShift) : 0
        return (flip, dx, dy)
    }

    /// Applies each example's transform in place to a prepared batch `[T, B, C, H, W]` of
    /// normalised values (`fill[c]` is channel c's normalised black).
    /// - Parameter indices: the batch's example indices, in batch order.
    public func apply(to batch: inout PreparedBatch, indices: [Int], epoch: Int, seed: UInt64, fill: [Float]) {
        guard !isNone else { return }
        let s = batch.shape
        precondition(s.count == 5 && s[1] == indices.count && fill.count == s[2], "Augmentation: batch shape \(s)")
        let (steps, b, c, h, w) = (s[0], s[1], s[2], s[3], s[4])
        var plane = [Float](repeating: 0, count: h * w)
        batch.values.withUnsafeMutableBufferPointer { values in
            for (j, index) in indices.enumerated() {
                let (flip, dx, dy) = transform(seed: seed, epoch: epoch, index: index)
                if !flip && dx == 0 && dy == 0 { continue }
                for t in 0..<steps {
                    for ch in 0..<c {
                        let base = ((t * b + j) * c + ch) * h * w
                        for p in 0..<(h * w) { plane[p] = values[base + p] }
                        // output(y, x) = input(y − dy, x' − dx), x' = mirrored x when flipping.
                        for y in 0..<h {
                            let sy = y - dy
                            for x in 0..<w {
                                let sx = x - dx
                                var value = fill[ch]
                                if sy >= 0 && sy < h && sx >= 0 && sx < w {
                                    value = plane[sy * w + (flip ? w - 1 - sx : sx)]
                                }
                                values[base + y * w + x] = value
                            }
                        }
                    }
                }
            }
        }
    }
}
