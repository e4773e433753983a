import CortexNumerics
import Foundation

/// Altered copies of a movie for the interventions (``Intervention``); the URL stays the
/// original's (results name the movie the frames came from).
extension MovieInput {
    init(url: URL, alteredPixels: Pixels) {
        self.url = url
        self.pixels = alteredPixels
    }

    /// The frames in `order` (`order[i]` is the source of frame i).
    public func reordered(_ order: [Int]) -> MovieInput {
        switch pixels {
        case .uint8(let p): return MovieInput(url: url, alteredPixels: .uint8(Self.rows(p, order)))
        case .float32(let v): return MovieInput(url: url, alteredPixels: .float32(Self.rows(v, order)))
        }
    }

    /// The first `count` frames.
    public func prefix(_ count: Int) -> MovieInput {
        reordered(Array(0..<min(count, frameCount)))
    }

    /// The movie with the frames at `positions` replaced by noise frames: independent Gaussian
    /// pixels with the movie's own mean and standard deviation over all pixels (so brightness and
    /// contrast stay those of the movie), rounded and clipped to 0…255 for uint8 frames. Every
    /// replaced frame gets its own noise.
    public func replacingWithNoise<G: RandomNumberGenerator>(_ positions: [Int], using rng: inout G) -> MovieInput {
        switch pixels {
        case .uint8(let p):
            let (mean, sd) = Self.moments(p.scalars.lazy.map(Double.init))
            var scalars = p.scalars
            let size = p.shape.dropFirst().reduce(1, *)
            for f in positions {
                for i in 0..<size {
                    let v = (mean + sd * rng.standardNormal()).rounded()
                    scalars[f * size + i] = UInt8(min(255, max(0, v)))
                }
            }
            return MovieInput(url: url, alteredPixels: .uint8(NDArray(shape: p.shape, scalars: scalars)))
        case .float32(let v):
            let (mean, sd) = Self.moments(v.scalars.lazy.map(Double.init))
            var scalars = v.scalars
            let size = v.shape.dropFirst().reduce(1, *)
            for f in positions {
                for i in 0..<size { scalars[f * size + i] = Float(mean + sd * rng.standardNormal()) }
            }
            return MovieInput(url: url, alteredPixels: .float32(NDArray(shape: v.shape, scalars: scalars)))
        }
    }

    /// Mean and population standard deviation, in one pass (Welford).
    static func moments<S: Sequence>(_ values: S) -> (mean: Double, sd: Double) where S.Element == Double {
        var (n, mean, m2) = (0.0, 0.0, 0.0)
        for x in values {
            n += 1
            let d = x - mean
            mean += d / n
            m2 += d * (x - mean)
        }
        return (mean, n > 0 ? (m2 / n).squareRoot() : 0)
    }

    /// Frames (first axis) of `array` in `order`.
    static func rows<T>(_ array: NDArray<T>, _ order: [Int]) -> NDArray<T> {
        let size = array.shape.dropFirst().reduce(1, *)
        var out: [T] = []
        out.reserveCapacity(order.count * size)
        array.withUnsafeBufferPointer { buffer in
            for f in order { out += buffer[(f * size)..<((f + 1) * size)] }
        }
        return NDArray(shape: [order.count] + Array(array.shape.dropFirst()), scalars: out)
    }
}
