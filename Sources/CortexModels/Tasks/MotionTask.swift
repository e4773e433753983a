import CortexNumerics
import Foundation

/// The kinds of motion the video task asks a network to tell apart (the label).
public enum MotionKind: Int, Sendable, Hashable, CaseIterable {
    case right, left, down, up
    case rotateClockwise, rotateCounterclockwise
    case zoomIn, zoomOut
    case appear, disappear
}

/// A deterministic motion-classification video task: an object (a Fashion-MNIST item or a
/// soft-edged patch of the demo movie) moves over a textured background (a low-contrast crop of
/// the demo movie) in one of ten ways (``MotionKind``: four directions, two rotations, zoom in /
/// out, fade in / out); the label is the kind of motion.
///
/// Every parameter is drawn symmetrically around the middle frame (positions, angles, scales and
/// opacities have the same distribution in every class), so a single frame carries no label
/// information: telling the classes apart needs at least two frames.
///
/// Example `i` of a split is generated from `SplittableRandom(seed).derive(stream:)` of
/// (split, i) alone; the label is `i mod 10` (balanced). Held-out test split: test objects come
/// from Fashion-MNIST's test images and from the last fifth of the movie's frames (training uses
/// the training images and the first four fifths), with different random streams.
///
/// The **discontinuous** control shuffles each clip's frames with a per-clip permutation (the
/// study's network trained on discontinuous clips).
public struct MotionTask: TrainingTask {
    /// Fashion-MNIST objects per split (`nil`: movie patches only).
    public let objects: (train: FashionMNIST, test: FashionMNIST)?
    /// The demo movie `[F, H, W]` uint8 (backgrounds and patch objects).
    public let movie: NDArray<UInt8>
    public let seed: UInt64
    public let trainCount: Int
    public let testCount: Int
    public let discontinuous: Bool

    public init(objects: (train: FashionMNIST, test: FashionMNIST)?, movie: NDArray<UInt8>, seed: UInt64,
                trainCount: Int = 2000, testCount: Int = 500, discontinuous: Bool = false) {
        precondition(movie.shape.count == 3 && movie.shape[0] >= 5, "MotionTask: the movie must be frames × H × W")
        self.objects = objects
        self.movie = movie
        self.seed = seed
        self.trainCount = trainCount
        self.testCount = testCount
        self.discontinuous = discontinuous
    }

    public var classes: Int { MotionKind.allCases.count }

    public func count(_ split: TaskSplit) -> Int { split == .train ? trainCount : testCount }

    public func example(_ index: Int, split: TaskSplit, steps: Int, height: Int, width: Int) -> (frames: [Float], label: Int) {
        let kind = MotionKind(rawValue: index % classes)!
        var rng = SplittableRandom(seed: seed).derive(stream: (split == .train ? 0 : 1 << 40) + UInt64(index))
        let movieFrames = movie.shape[0]
        let trainFrames = movieFrames * 4 / 5
        let frameRange = split == .train ? 0..<trainFrames : trainFrames..<movieFrames
        let background = backgroundTexture(frame: Int.random(in: frameRange, using: &rng), height: height, width: width,
                                           rng: &rng)
        let sprite = object(split: split, frameRange: frameRange, rng: &rng)
        // Motion parameters, symmetric about the middle frame m = (T − 1)/2.
        let m = Double(steps - 1) / 2
        let size = Double(min(height, width))
        let centre = (Double(width) / 2 + Double.random(in: -0.1...0.1, using: &rng) * size,
                      Double(height) / 2 + Double.random(in: -0.1...0.1, using: &rng) * size)
        let speed = Double.random(in: 0.03...0.05, using: &rng) * size          // pixels per frame
        let spin = Double.random(in: 0.15...0.3, using: &rng)                     // radians per frame
        let zoom = Double.random(in: 0.06...0.1, using: &rng)                     // log-scale per frame
        let angle0 = Double.random(in: 0..<(2 * Double.pi), using: &rng)
        let scale0 = Double.random(in: 0.75...1.0, using: &rng) * size / 2 / Double(sprite.size)
        var frames: [Float] = []
        frames.reserveCapacity(steps * height * width)
        for t in 0..<steps {
            let s = Double(t) - m
            var (cx, cy, angle, scale, opacity) = (centre.0, centre.1, angle0, scale0, 1.0)
            switch kind {
            case .right: cx += speed * s
            case .left: cx -= speed * s
            case .down: cy += speed * s
            case .up: cy -= speed * s
            case .rotateClockwise: angle += spin * s
            case .rotateCounterclockwise: angle -= spin * s
            case .zoomIn: scale *= exp(zoom * s)
            case .zoomOut: scale *= exp(-zoom * s)
            case .appear: opacity = 0.55 + 0.45 * s / max(m, 1)
            case .disappear: opacity = 0.55 - 0.45 * s / max(m, 1)
            }
            frames += render(sprite, over: background, width: width, centre: (cx, cy), angle: angle, scale: scale,
                             opacity: opacity)
        }
        if discontinuous {
            var order = Array(0..<steps)
            order.shuffle(using: &rng)
            let plane = height * width
            frames = order.flatMap { frames[($0 * plane)..<(($0 + 1) * plane)] }
        }
        return (frames, kind.rawValue)
    }

    /// A square sprite: value and alpha per pixel.
    struct Sprite {
        var size: Int
        var value: [Float]
        var alpha: [Float]
    }

    /// A Fashion-MNIST item (alpha = its intensity) or a round soft-edged movie patch, with
    /// values in [0.5, 1] so objects are brighter than the background.
    func object(split: TaskSplit, frameRange: Range<Int>, rng: inout SplittableRandom) -> Sprite {
        let useImage = objects != nil && Bool.random(using: &rng)
        if useImage, let objects {
            let data = split == .train ? objects.train : objects.test
            let image = data.image(Int.random(in: 0..<data.count, using: &rng))
            return Sprite(size: 28, value: image.map { 0.5 + 0.5 * $0 }, alpha: image.map { min(1, 2 * $0) })
        }
        let (h, w) = (movie.shape[1], movie.shape[2])
        let size = min(28, h, w)
        let f = Int.random(in: frameRange, using: &rng)
        let y0 = Int.random(in: 0...(h - size), using: &rng), x0 = Int.random(in: 0...(w - size), using: &rng)
        var value = [Float](repeating: 0, count: size * size), alpha = value
        let r = Double(size) / 2
        movie.withUnsafeBufferPointer { p in
            for y in 0..<size {
                for x in 0..<size {
                    let v = Float(p[(f * h + y0 + y) * w + x0 + x]) / 255
                    value[y * size + x] = 0.5 + 0.5 * v
                    let d = ((Double(x) + 0.5 - r) * (Double(x) + 0.5 - r) + (Double(y) + 0.5 - r) * (Double(y) + 0.5 - r)).squareRoot()
                    alpha[y * size + x] = Float(min(1, max(0, (r - d) / 2)))
                }
            }
        }
        // an asymmetric notch so rotations of round patches are visible
        for y in 0..<(size / 2) { for x in (size / 2)..<size where x - size / 2 < size / 2 - y { alpha[y * size + x] *= 0.2 } }
        return Sprite(size: size, value: value, alpha: alpha)
    }

    /// A low-contrast crop of a movie frame (values in [0, 0.4]), resized to the output.
    func backgroundTexture(frame: Int, height: Int, width: Int, rng: inout SplittableRandom) -> [Float] {
        let (h, w) = (movie.shape[1], movie.shape[2])
        let side = min(h, w)
        let y0 = Int.random(in: 0...(h - side), using: &rng), x0 = Int.random(in: 0...(w - side), using: &rng)
        var crop = [Float](repeating: 0, count: side * side)
        movie.withUnsafeBufferPointer { p in
            for y in 0..<side { for x in 0..<side { crop[y * side + x] = 0.4 * Float(p[(frame * h + y0 + y) * w + x0 + x]) / 255 } }
        }
        return FramePreprocessing.resize(crop, rows: FramePreprocessing.resampling(from: side, to: height),
                                         columns: FramePreprocessing.resampling(from: side, to: width), sourceWidth: side)
    }

    /// Composites the sprite (inverse-mapped with bilinear sampling) over the background.
    func render(_ sprite: Sprite, over background: [Float], width: Int, centre: (Double, Double), angle: Double,
                scale: Double, opacity: Double) -> [Float] {
        var out = background
        let height = background.count / width
        let (c, s) = (cos(angle), sin(angle))
        let half = Double(sprite.size) / 2
        let reach = half * scale * 1.5
        let yRange = max(0, Int(centre.1 - reach))..<min(height, Int(centre.1 + reach) + 1)
        let xRange = max(0, Int(centre.0 - reach))..<min(width, Int(centre.0 + reach) + 1)
        for y in yRange {
            for x in xRange {
                let dx = (Double(x) + 0.5 - centre.0) / scale, dy = (Double(y) + 0.5 - centre.1) / scale
                let u = c * dx + s * dy + half - 0.5, v = -s * dx + c * dy + half - 0.5
                guard u > -1, v > -1, u < Double(sprite.size), v < Double(sprite.size) else { continue }
                let (value, alpha) = sample(sprite, u, v)
                let a = Float(opacity) * alpha
                out[y * width + x] = out[y * width + x] * (1 - a) + value * a
            }
        }
        return out
    }

    /// Bilinear sample of (value·alpha, alpha) at continuous pixel coordinates; outside = transparent.
    func sample(_ sprite: Sprite, _ u: Double, _ v: Double) -> (Float, Float) {
        let u0 = Int(u.rounded(.down)), v0 = Int(v.rounded(.down))
        let fu = Float(u - Double(u0)), fv = Float(v - Double(v0))
        var premultiplied: Float = 0, alpha: Float = 0
        for (dy, wy) in [(0, 1 - fv), (1, fv)] {
            for (dx, wx) in [(0, 1 - fu), (1, fu)] {
                let (x, y) = (u0 + dx, v0 + dy)
                guard x >= 0, y >= 0, x < sprite.size, y < sprite.size else { continue }
                let a = sprite.alpha[y * sprite.size + x]
                premultiplied += wx * wy * a * sprite.value[y * sprite.size + x]
                alpha += wx * wy * a
            }
        }
        return (alpha > 0 ? premultiplied / alpha : 0, alpha)
    }
}
