@testable import CortexModels
import Testing

@Suite("training augmentation")
struct AugmentationTests {
    /// A batch [T, B, C, H, W] with one bright pixel (value 9) per example at (y0, x0) on zeros.
    static func spotBatch(steps: Int, examples: Int, channels: Int, side: Int, y0: Int, x0: Int) -> PreparedBatch {
        var values = [Float](repeating: 0, count: steps * examples * channels * side * side)
        for t in 0..<steps { for j in 0..<examples { for c in 0..<channels {
            values[(((t * examples + j) * channels + c) * side + y0) * side + x0] = 9
        } } }
        return PreparedBatch(shape: [steps, examples, channels, side, side], values: values,
                             labels: [Int](repeating: 0, count: examples))
    }

    @Test("no augmentation leaves the batch unchanged")
    func none() {
        var batch = Self.spotBatch(steps: 2, examples: 3, channels: 1, side: 8, y0: 2, x0: 5)
        let before = batch.values
        Augmentation.none.apply(to: &batch, indices: [0, 1, 2], epoch: 0, seed: 1, fill: [-1])
        #expect(batch.values == before)
    }

    @Test("a spot moves to (y0 + dy, x0' + dx), x0' mirrored when flipping; the same on every frame and channel; border filled")
    func spotMoves() {
        let side = 12, (y0, x0) = (4, 3)
        let augmentation = Augmentation(horizontalFlip: true, maxShift: 3)
        let indices = Array(100..<140)
        var batch = Self.spotBatch(steps: 3, examples: indices.count, channels: 2, side: side, y0: y0, x0: x0)
        augmentation.apply(to: &batch, indices: indices, epoch: 2, seed: 7, fill: [-0.5, -0.25])
        var flips = 0
        for (j, index) in indices.enumerated() {
            let (flip, dx, dy) = augmentation.transform(seed: 7, epoch: 2, index: index)
            flips += flip ? 1 : 0
            #expect(abs(dx) <= 3 && abs(dy) <= 3)
            let expected = (y0 + dy, (flip ? side - 1 - x0 : x0) + dx)
            for t in 0..<3 { for c in 0..<2 {
                let base = ((t * indices.count + j) * 2 + c) * side * side
                let plane = Array(batch.values[base..<(base + side * side)])
                let spot = plane.indices.filter { plane[$0] == 9 }
                #expect(spot == [expected.0 * side + expected.1], "example \(index) t \(t) c \(c)")
                // Uncovered border rows/columns hold the channel's fill value.
                let fill: Float = c == 0 ? -0.5 : -0.25
                if dy > 0 { #expect(plane[0..<(dy * side)].allSatisfy { $0 == fill }) }
                if dx < 0 { #expect((0..<side).allSatisfy { plane[$0 * side + side - 1] == fill }) }
            } }
        }
        #expect(flips > 5 && flips < 35, "flip fraction \(flips)/40")
    }

    @Test("transforms are a pure function of (seed, epoch, index) and change with the epoch")
    func determinism() {
        let a = Augmentation(horizontalFlip: true, maxShift: 4)
        let first = (0..<64).map { a.transform(seed: 3, epoch: 0, index: $0) }
        let again = (0..<64).map { a.transform(seed: 3, epoch: 0, index: $0) }
        let nextEpoch = (0..<64).map { a.transform(seed: 3, epoch: 1, index: $0) }
        #expect(first.map { "\($0)" } == again.map { "\($0)" })
        #expect(first.map { "\($0)" } != nextEpoch.map { "\($0)" })
        let shifts = Set(first.map(\.dx) + first.map(\.dy))
        #expect(shifts == Set(-4...4))
    }
}
