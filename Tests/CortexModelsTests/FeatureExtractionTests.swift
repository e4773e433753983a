import CortexEngine
import CortexNumerics
import Testing
@testable import CortexModels

@Suite("Feature extraction protocols")
struct FeatureExtractionTests {
    /// A random uint8 movie `[F, 40, 48]` (resized to the tiny model's 32×32).
    static func movie(frames: Int, seed: UInt64) -> NDArray<UInt8> {
        var rng = SplittableRandom(seed: seed)
        return NDArray(shape: [frames, 40, 48], generating: { _ in UInt8(truncatingIfNeeded: rng.next()) })
    }

    /// Runs the extraction and gathers frames × units per layer.
    static func extract(_ movie: NDArray<UInt8>, protocol featureProtocol: FeatureProtocol, chunk: Int,
                        architecture: Architecture = .loraFBSNet,
                        memoryLimit: ((FeatureExtraction, SpikingResNet) -> Int)? = nil) throws -> [String: (shape: [Int], values: [Float])] {
        var model = TinyModels.model(architecture)
        let preprocessing = FramePreprocessing(configuration: model.configuration)
        var extraction = FeatureExtraction(featureProtocol: featureProtocol, steps: 3,
                                           layers: model.defaultFeatureLayers, chunkFrames: chunk)
        if let memoryLimit { extraction.memoryLimit = memoryLimit(extraction, model) }
        var out: [String: (shape: [Int], values: [Float])] = [:]
        var seenFrames = 0
        try extraction.run(model: &model, frameCount: movie.shape[0], frames: { preprocessing.frames(movie, $0) },
                           progress: { seenFrames = $0 }) { layer, frames, shape, values in
            #expect(values.count == frames.count * shape.reduce(1, *))
            out[layer, default: (shape, [])].values += values
        }
        #expect(seenFrames == movie.shape[0])
        return out
    }

    static func frame(_ f: Int, of layer: (shape: [Int], values: [Float])) -> ArraySlice<Float> {
        let units = layer.shape.reduce(1, *)
        return layer.values[(f * units)..<((f + 1) * units)]
    }

    @Test("both protocols give frames × units for every default layer, units = C·H·W")
    func shapes() throws {
        for p in FeatureProtocol.allCases {
            let features = try Self.extract(Self.movie(frames: 5, seed: 1), protocol: p, chunk: 2)
            #expect(features.count == 11)
            #expect(features["sn1"]!.shape == [4, 16, 16])
            #expect(features["maxpool"]!.shape == [4, 8, 8])
            #expect(features["recurrent_layer4.sub_module.1"]!.shape == [32, 1, 1])
            #expect(features["avgpool"]!.shape == [32, 1, 1])
            for (_, layer) in features { #expect(layer.values.count == 5 * layer.shape.reduce(1, *)) }
        }
    }

    @Test("image protocol: a frame's features do not depend on the previous frame; video protocol: they do")
    func history() throws {
        let a = Self.movie(frames: 4, seed: 2)
        var scalars = a.scalars
        let other = Self.movie(frames: 1, seed: 3).scalars
        for i in 0..<other.count { scalars[i] = other[i] }        // change frame 0 only
        let b = NDArray(shape: a.shape, scalars: scalars)
        let imageA = try Self.extract(a, protocol: .image, chunk: 4), imageB = try Self.extract(b, protocol: .image, chunk: 4)
        let videoA = try Self.extract(a, protocol: .video, chunk: 4), videoB = try Self.extract(b, protocol: .video, chunk: 4)
        for name in imageA.keys {
            for f in 1..<4 { #expect(Self.frame(f, of: imageA[name]!) == Self.frame(f, of: imageB[name]!), "\(name) frame \(f)") }
        }
        #expect(Self.frame(0, of: imageA["sn1"]!) != Self.frame(0, of: imageB["sn1"]!))
        let changed = videoA.keys.filter { name in Self.frame(1, of: videoA[name]!) != Self.frame(1, of: videoB[name]!) }
        #expect(changed.contains("sn1"))
    }

    @Test("chunking does not change the features (state carries across video chunks)")
    func chunking() throws {
        let movie = Self.movie(frames: 5, seed: 4)
        for p in FeatureProtocol.allCases {
            let whole = try Self.extract(movie, protocol: p, chunk: 5), pieces = try Self.extract(movie, protocol: p, chunk: 2)
            for name in whole.keys {
                let d = zip(whole[name]!.values, pieces[name]!.values).map { abs($0 - $1) }.max() ?? 0
                #expect(d < 1e-5, "\(p) \(name)")
            }
        }
    }

    @Test("a memory limit below a chunk shrinks the chunk (same features); one frame over it is refused before any frame is read")
    func memoryLimit() throws {
        let movie = Self.movie(frames: 5, seed: 6)
        for p in FeatureProtocol.allCases {
            let whole = try Self.extract(movie, protocol: p, chunk: 5)
            let limited = try Self.extract(movie, protocol: p, chunk: 5, memoryLimit: { extraction, model in
                let limit = 2 * extraction.bytesPerFrame(of: model) + 1
                var shrunk = extraction
                shrunk.memoryLimit = limit
                #expect(shrunk.effectiveChunkFrames(for: model) == 2)
                return limit
            })
            for name in whole.keys {
                let d = zip(whole[name]!.values, limited[name]!.values).map { abs($0 - $1) }.max() ?? 1
                #expect(d < 1e-5, "\(p) \(name)")
            }
            // The run really takes chunks of 2 frames: progress comes after frames 2, 4, 5.
            let model = TinyModels.model(.loraFBSNet)
            var shrunk = FeatureExtraction(featureProtocol: p, steps: 3, layers: model.defaultFeatureLayers, chunkFrames: 5)
            shrunk.memoryLimit = 2 * shrunk.bytesPerFrame(of: model) + 1
            var network = model, done: [Int] = []
            try shrunk.run(model: &network, frameCount: 5, frames: { FramePreprocessing(configuration: model.configuration).frames(movie, $0) },
                           progress: { done.append($0) }) { _, _, _, _ in }
            #expect(done == [2, 4, 5], "\(p)")
            // The image protocol holds T samples per frame.
            let video = FeatureExtraction(featureProtocol: .video, layers: model.defaultFeatureLayers)
            let image = FeatureExtraction(featureProtocol: .image, steps: 3, layers: model.defaultFeatureLayers)
            #expect(image.bytesPerFrame(of: model) == 3 * video.bytesPerFrame(of: model))

            var tooSmall = FeatureExtraction(featureProtocol: p, steps: 3, layers: model.defaultFeatureLayers)
            tooSmall.memoryLimit = tooSmall.bytesPerFrame(of: model) - 1
            network = model
            var reads = 0
            do {
                try tooSmall.run(model: &network, frameCount: 5, frames: { range in
                    reads += 1
                    return FramePreprocessing(configuration: model.configuration).frames(movie, range)
                }) { _, _, _, _ in }
                Issue.record("\(p): ran over the memory limit")
            } catch let error as FeatureExtractionError {
                guard case .frameExceedsMemory(let input, let needed, let limit) = error else { return }
                #expect(input == model.inputShape && needed == limit + 1)
                #expect(error.description.contains("32x32") && error.description.contains("--input-size"))
            }
            #expect(reads == 0)
        }
    }

    @Test("the largest activation: the widest layer, or Spikformer's attention scores heads × N × N on large inputs")
    func largestActivation() throws {
        let model = TinyModels.model(.sewResNet)
        let widest = model.layerUnitShapes.values.map { $0.reduce(1, *) }.max()!
        #expect(model.largestActivationPerSample == widest)
        var config = try #require(TransformerRegistry.configuration(named: "spikformer-2-32"))
        (config.inputHeight, config.inputWidth) = (4096, 4096)
        var rng = SplittableRandom(seed: 1)
        let network = ModelNetwork(configuration: .transformer(config), rng: &rng)
        #expect(network.largestActivationPerSample == config.heads * config.tokens * config.tokens)
        #expect(config.tokens == 1024 * 1024)
        let extraction = FeatureExtraction(featureProtocol: .image, layers: ["block.1"])
        #expect(extraction.bytesPerFrame(of: network) > 1 << 45)        // > 32 TiB: refused on any machine
    }

    @Test("resizing: area average when shrinking, bilinear when growing, identity at equal size")
    func resizing() {
        let plane: [Float] = [0, 1, 2, 3, 4, 5, 6, 7]                 // 2 × 4
        let halved = FramePreprocessing.resize(plane, rows: FramePreprocessing.resampling(from: 2, to: 1),
                                               columns: FramePreprocessing.resampling(from: 4, to: 2), sourceWidth: 4)
        #expect(halved == [2.5, 4.5])                                  // means of 2×2 blocks
        let thirds = FramePreprocessing.resampling(from: 4, to: 3)     // 4/3-wide boxes
        #expect(abs(thirds[1].map(\.weight).reduce(0, +) - 1) < 1e-6 && thirds[1].count == 2)
        let doubled = FramePreprocessing.resampling(from: 2, to: 4)    // centres at −0.25, 0.25, 0.75, 1.25
        let line = FramePreprocessing.resize([0, 4], rows: [[(0, 1)]], columns: doubled, sourceWidth: 2)
        #expect(line == [0, 1, 3, 4])
        #expect(FramePreprocessing.resampling(from: 5, to: 5).map(\.count) == [1, 1, 1, 1, 1])
        let grey = FramePreprocessing(height: 1, width: 1, channels: 3)
            .frames(NDArray(shape: [1, 1, 1], scalars: [255]), 0..<1)
        #expect(grey.shape == [1, 3, 1, 1])
        #expect(abs(grey.scalars[0] - (1 - 0.485) / 0.229) < 1e-5)
    }

    @Test("layerUnitShapes equals the shapes the network records, for every layer and odd input sizes",
          arguments: [(Architecture.sewResNet, 34, 50, 70), (.sewResNet, 18, 64, 64), (.loraFBSNet, 18, 32, 64)])
    func unitShapes(_ architecture: Architecture, _ depth: Int, _ height: Int, _ width: Int) throws {
        let configuration = ModelConfiguration(architecture: architecture, depth: depth, baseWidth: 2, inputChannels: 1,
                                               inputHeight: height, inputWidth: width, classes: 5)
        var rng = SplittableRandom(seed: 1)
        var model = SpikingResNet(configuration: configuration, rng: &rng)
        var state = NetworkState()
        let x = Tensor<Float>(shape: [1, 1, 1, height, width], scalars: [Float](repeating: 0.5, count: height * width))
        let recorded = model.forward(x, state: &state, mode: .inference, recording: Set(model.layerNames)).recorded
        let shapes = configuration.layerUnitShapes
        #expect(Set(shapes.keys) == Set(model.layerNames))
        for name in model.layerNames {
            #expect(Array(recorded[name]!.shape.dropFirst(2)) == shapes[name], "\(name)")
        }
    }
}
