import CortexEngine
import CortexIO
import CortexNumerics
import Foundation
import Testing
@testable import CortexModels

enum TaskFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let movie: NDArray<UInt8> = {
        guard case .uint8(let m) = try! NPYFile.read(from: root.appendingPathComponent("datasets/demo-movie.npy")) else {
            fatalError("demo movie is not uint8")
        }
        return m
    }()
    /// Fashion-MNIST when the Debian package is installed (scripts/setup-system.sh), else `nil`.
    static let fashion: (train: FashionMNIST, test: FashionMNIST)? = {
        guard let train = try? FashionMNIST.load(.train), let test = try? FashionMNIST.load(.test) else { return nil }
        return (train, test)
    }()
    static var hasFashion: Bool { fashion != nil }
}

@Suite("Data sets")
struct DatasetTests {

    /// `gzip -k url` (url.gz beside url, replaced if present).
    static func gzipKeeping(_ url: URL) throws {
        try? FileManager.default.removeItem(at: url.appendingPathExtension("gz"))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-k", url.path]
        try gzip.run()
        gzip.waitUntilExit()
    }
    @Test("IDX parsing: shape from the big-endian header, values row-major; malformed files are rejected")
    func idx() throws {
        let bytes: [UInt8] = [0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]
        let array = try IDXFile.parse(bytes)
        #expect(array.shape == [2, 3] && array.scalars == [1, 2, 3, 4, 5, 6])
        #expect(throws: DatasetError.self) { try IDXFile.parse(Array(bytes.dropLast())) }
        #expect(throws: DatasetError.self) { try IDXFile.parse([0, 0, 0x0D, 1, 0, 0, 0, 1, 0]) }
    }

    @Test("gzip-compressed IDX files are read through gzip -dc; a missing file names the package")
    func gzipped() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("idx-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let raw = dir.appendingPathComponent("x-idx1-ubyte")
        try Data([0, 0, 8, 1, 0, 0, 0, 4, 9, 8, 7, 6]).write(to: raw)
        try Self.gzipKeeping(raw)
        #expect(try IDXFile.read(raw.appendingPathExtension("gz")).scalars == [9, 8, 7, 6])
        #expect(try IDXFile.read(raw).scalars == [9, 8, 7, 6])                  // uncompressed, streamed the same way
        // Streamed reads reject what parse(_:) rejects, naming the file: too few values, values
        // past the announced shape, a bad magic, and a file gzip cannot decompress.
        for (bytes, reason) in [([0, 0, 8, 1, 0, 0, 0, 4, 9, 8, 7] as [UInt8], "3 values for shape [4]"),
                                ([0, 0, 8, 1, 0, 0, 0, 4, 9, 8, 7, 6, 5], "5 values for shape [4]"),
                                ([1, 0, 8, 1, 0, 0, 0, 1, 0], "bad magic"),
                                ([0, 0, 8, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], "too large")] {
            try Data(bytes).write(to: raw)
            try Self.gzipKeeping(raw)
            for url in [raw, raw.appendingPathExtension("gz")] {
                do {
                    _ = try IDXFile.read(url)
                    Issue.record("\(url.lastPathComponent): \(bytes) accepted")
                } catch {
                    #expect(error.description.contains(url.path) && error.description.contains(reason), "\(error)")
                }
            }
        }
        // The first items only: read up to them (gzip stopped early), short files still refused.
        try Data([0, 0, 8, 2, 0, 0, 0, 3, 0, 0, 0, 2, 1, 2, 3, 4, 5, 6]).write(to: raw)
        try Self.gzipKeeping(raw)
        for url in [raw, raw.appendingPathExtension("gz")] {
            let two = try IDXFile.read(url, firstItems: 2)
            #expect(two.shape == [2, 2] && two.scalars == [1, 2, 3, 4])
            #expect(try IDXFile.read(url, firstItems: 9).shape == [3, 2])
            #expect(try IDXFile.read(url, firstItems: 0).shape == [0, 2])
        }
        try Data([0, 0, 8, 2, 0, 0, 0, 3, 0, 0, 0, 2, 1, 2, 3]).write(to: raw)
        #expect(throws: DatasetError.self) { try IDXFile.read(raw, firstItems: 2) }
        let notGzip = dir.appendingPathComponent("plain.gz")
        try Data([0, 0, 8, 1, 0, 0, 0, 1, 7]).write(to: notGzip)
        do {
            _ = try IDXFile.read(notGzip)
            Issue.record("a file that is not gzip was read")
        } catch {
            #expect(error.description.contains("cannot decompress") && error.description.contains("not in gzip format"), "\(error)")
        }
        do {
            _ = try IDXFile.read(dir.appendingPathComponent("none.gz"))
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("dataset-fashion-mnist"))
        }
    }

    @Test("Fashion-MNIST from the Debian package: 60,000 + 10,000 images of 28×28, balanced labels",
          .enabled(if: TaskFixtures.hasFashion, "dataset-fashion-mnist is not installed"))
    func fashionMNIST() throws {
        let (train, test) = TaskFixtures.fashion!
        // A run's first examples alone equal the full set's first examples.
        let first = try FashionMNIST.load(.test, first: 100)
        #expect(first.images.shape == [100, 28, 28] && first.labels == Array(test.labels.prefix(100)))
        #expect(first.images.scalars == Array(test.images.scalars.prefix(100 * 784)))
        #expect(train.images.shape == [60_000, 28, 28] && test.images.shape == [10_000, 28, 28])
        #expect(Set(train.labels) == Set(0..<10))
        #expect(train.labels.filter { $0 == 3 }.count == 6000)
        #expect(train.labels.prefix(3) == [9, 0, 0])          // the published first labels
    }
}

@Suite("Motion video task")
struct MotionTaskTests {
    static func task(seed: UInt64 = 7, discontinuous: Bool = false) -> MotionTask {
        MotionTask(objects: TaskFixtures.fashion, movie: TaskFixtures.movie, seed: seed, trainCount: 300, testCount: 200,
                   discontinuous: discontinuous)
    }

    @Test("deterministic given the seed; another seed gives other clips; labels balanced")
    func deterministic() {
        let a = Self.task().example(17, split: .train, steps: 4, height: 32, width: 32)
        let b = Self.task().example(17, split: .train, steps: 4, height: 32, width: 32)
        let c = Self.task(seed: 8).example(17, split: .train, steps: 4, height: 32, width: 32)
        #expect(a.frames == b.frames && a.label == b.label)
        #expect(a.frames != c.frames)
        #expect(a.frames.allSatisfy { $0 >= 0 && $0 <= 1 } && a.frames.count == 4 * 32 * 32)
        let labels = (0..<300).map { Self.task().example($0, split: .train, steps: 2, height: 16, width: 16).label }
        #expect(Set((0..<10).map { l in labels.filter { $0 == l }.count }) == [30])
        let test = Self.task().example(17, split: .test, steps: 4, height: 32, width: 32)
        #expect(test.frames != a.frames)
    }

    @Test("discontinuous control: the same frames in a shuffled order")
    func discontinuous() {
        let plane = 32 * 32
        let a = Self.task().example(3, split: .train, steps: 6, height: 32, width: 32)
        let d = Self.task(discontinuous: true).example(3, split: .train, steps: 6, height: 32, width: 32)
        let frames = { (x: [Float]) in (0..<6).map { Array(x[($0 * plane)..<(($0 + 1) * plane)]) } }
        #expect(Set(frames(a.frames).map { $0.description }) == Set(frames(d.frames).map { $0.description }))
        #expect(a.frames != d.frames)
    }

    /// Position-invariant moments of a frame-sized map: mass, first moments, |mass|, spread.
    static func moments(_ m: [Float], side: Int) -> [Double] {
        var s = [Double](repeating: 0, count: 5)
        var absolute = 0.0, cx = 0.0, cy = 0.0
        for y in 0..<side { for x in 0..<side {
            let v = Double(m[y * side + x])
            s[0] += v; s[1] += v * Double(x); s[2] += v * Double(y); absolute += abs(v)
            cx += abs(v) * Double(x); cy += abs(v) * Double(y)
        } }
        s[3] = absolute
        (cx, cy) = absolute > 0 ? (cx / absolute, cy / absolute) : (0, 0)
        for y in 0..<side { for x in 0..<side {
            s[4] += Double(m[y * side + x]) * ((Double(x) - cx) * (Double(x) - cx) + (Double(y) - cy) * (Double(y) - cy))
        } }
        return s
    }

    /// Nearest-centroid accuracy on standardised features.
    static func nearestCentroid(train: [([Double], Int)], test: [([Double], Int)]) -> Double {
        let d = train[0].0.count
        let mean = (0..<d).map { j in train.map { $0.0[j] }.reduce(0, +) / Double(train.count) }
        let std = (0..<d).map { j -> Double in
            let variance = train.map { ($0.0[j] - mean[j]) * ($0.0[j] - mean[j]) }.reduce(0, +) / Double(train.count)
            return max(1e-9, variance.squareRoot())
        }
        let z = { (f: [Double]) in (0..<d).map { (f[$0] - mean[$0]) / std[$0] } }
        var centroids = [[Double]](repeating: [Double](repeating: 0, count: d), count: 10)
        var counts = [Double](repeating: 0, count: 10)
        for (f, l) in train { let zf = z(f); for j in 0..<d { centroids[l][j] += zf[j] }; counts[l] += 1 }
        for l in 0..<10 { for j in 0..<d { centroids[l][j] /= max(counts[l], 1) } }
        func distance(_ a: [Double], _ b: [Double]) -> Double {
            var sum = 0.0
            for j in a.indices { sum += (a[j] - b[j]) * (a[j] - b[j]) }
            return sum
        }
        var correct = 0
        for (f, l) in test {
            let zf = z(f)
            let distances = centroids.map { distance(zf, $0) }
            if distances.firstIndex(of: distances.min()!) == l { correct += 1 }
        }
        return Double(correct) / Double(test.count)
    }

    @Test("the label needs time: a one-frame baseline is near chance, a two-frame difference baseline is well above")
    func labelNeedsTime() {
        let task = Self.task()
        let side = 32, plane = side * side
        func features(_ split: TaskSplit, _ n: Int) -> (one: [([Double], Int)], two: [([Double], Int)]) {
            var one: [([Double], Int)] = [], two: [([Double], Int)] = []
            for i in 0..<n {
                let (frames, label) = task.example(i, split: split, steps: 4, height: side, width: side)
                let f1 = Array(frames[plane..<(2 * plane)]), f2 = Array(frames[(2 * plane)..<(3 * plane)])
                one.append((Self.moments(f1, side: side), label))
                two.append((Self.moments(zip(f2, f1).map { $0 - $1 }, side: side), label))
            }
            return (one, two)
        }
        let train = features(.train, 300), test = features(.test, 200)
        let oneFrame = Self.nearestCentroid(train: train.one, test: test.one)
        let difference = Self.nearestCentroid(train: train.two, test: test.two)
        #expect(oneFrame < 0.22, "one-frame accuracy \(oneFrame)")
        #expect(difference > 0.4, "two-frame accuracy \(difference)")
    }
}
