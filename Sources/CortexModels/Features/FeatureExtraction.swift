import CortexEngine
import CortexNumerics

/// How a movie is presented to a network for feature extraction (the reference study's two
/// protocols).
public enum FeatureProtocol: String, Sendable, Hashable, CaseIterable, Codable {
    /// One frame per time step; the state is reset **once**, before the first frame, and carried
    /// across the whole movie (video-trained networks).
    case video
    /// Each frame repeated for T steps, features averaged over the T steps, the state reset after
    /// every frame (image-trained networks).
    case image
}

/// Streams the layer outputs of a network (any ``RecordableNetwork``) on a movie, chunk by chunk, so memory stays bounded by the
/// chunk: the video protocol runs `chunkFrames` time steps per call with carried state; the
/// image protocol runs `chunkFrames` frames as a batch of independent samples, T steps each.
///
/// ```swift
/// let extraction = FeatureExtraction(featureProtocol: .video, layers: model.defaultFeatureLayers)
/// try extraction.run(model: &model, frameCount: 300, frames: { preprocessing.frames(movie, $0) }) {
///     layer, frames, unitShape, values in …       // values: frames.count × units, row-major
/// }
/// ```
public struct FeatureExtraction: Sendable {
    public var featureProtocol: FeatureProtocol
    /// T of the image protocol (ignored by the video protocol).
    public var steps: Int
    public var layers: [String]
    public var chunkFrames: Int
    /// How movie frames are normalised for the network (``FramePreprocessing``): what its
    /// checkpoint records (``LoadedModel/inputNormalization``); nil keeps the earlier rule
    /// (``FramePreprocessing/statistics(channels:)``). Used by the callers that preprocess frames.
    public var inputNormalization: InputNormalization?
    /// Bytes the network's activations may take while a chunk runs (``bytesPerFrame(of:)`` times
    /// the frames of a chunk): chunks shrink to fit (results do not depend on them), and a run
    /// whose single frame would not fit is refused before anything is allocated. Default:
    /// ``MemoryEstimate/defaultLimit``, half of the machine's physical memory.
    public var memoryLimit: Int

    public init(featureProtocol: FeatureProtocol, steps: Int = 4, layers: [String], chunkFrames: Int = 16,
                memoryLimit: Int = MemoryEstimate.defaultLimit) {
        precondition(steps > 0 && chunkFrames > 0 && memoryLimit > 0, "FeatureExtraction: steps, chunk and memory limit must be positive")
        self.featureProtocol = featureProtocol
        self.steps = steps
        self.layers = layers
        self.chunkFrames = chunkFrames
        self.memoryLimit = memoryLimit
    }

    /// Estimated bytes one frame of a chunk needs while `model` runs: its samples (1 in the video
    /// protocol, T in the image protocol) × the largest activation
    /// (``RecordableNetwork/largestActivationPerSample``) × 4 bytes × 4 (a layer's input, its
    /// output and the kernels' scratch are alive together), plus the recorded layers' outputs.
    /// Peak RSS of `cortex features` (chunks of 16) against it: sew-resnet18-w8 at 1024², video,
    /// 0.62 / 0.83 GB; spike-driven-transformer-2-32 at 256², image, 2.02 / 2.45 GB.
    public func bytesPerFrame<N: RecordableNetwork>(of model: N) -> Int {
        let samples = featureProtocol == .video ? 1 : steps
        let shapes = model.layerUnitShapes
        let recorded = layers.reduce(0) { sum, name in
            let units = (shapes[name] ?? []).reduce(1) { $0.multipliedClamped($1) }
            let (total, overflow) = sum.addingReportingOverflow(units)
            return overflow ? .max : total
        }
        let working = model.largestActivationPerSample.multipliedClamped(16)
        let (perSample, overflow) = working.addingReportingOverflow(recorded.multipliedClamped(4))
        return overflow ? .max : perSample.multipliedClamped(samples)
    }

    /// The frames per chunk a run of `model` uses: ``chunkFrames``, fewer when that many would
    /// exceed ``memoryLimit`` (at least 1).
    public func effectiveChunkFrames<N: RecordableNetwork>(for model: N) -> Int {
        max(1, min(chunkFrames, memoryLimit / max(1, bytesPerFrame(of: model))))
    }

    /// Runs the movie through `model` in inference mode.
    ///
    /// - Parameters:
    ///   - frames: preprocessed frames for a range, `[n, C, H, W]`.
    ///   - progress: frames done so far, after each chunk.
    ///   - sink: each layer's outputs for a chunk: frame range, per-frame unit shape (`[C, H, W]`
    ///     or `[F]`), and `n × units` values (units flattened row-major). Layers arrive in
    ///     `layers` order within a chunk; chunks arrive in frame order.
    public func run<N: RecordableNetwork>(model: inout N, frameCount: Int,
                    frames: (Range<Int>) throws -> NDArray<Float>,
                    progress: ((Int) -> Void)? = nil,
                    sink: (_ layer: String, _ frames: Range<Int>, _ unitShape: [Int], _ values: [Float]) throws -> Void) throws {
        var none = NoMonitor()
        try run(model: &model, frameCount: frameCount, frames: frames, monitor: &none, progress: progress, sink: sink)
    }

    /// The same, with `monitor` watching every chunk (e.g. a ``FiringRateMonitor`` and a
    /// ``SynapticOperationMonitor`` for the energy of the whole movie). Video protocol: events are
    /// numbered by movie frame (one step per frame, batch 1). Image protocol: every frame is a
    /// sample of the batch and steps run 0..<T for each chunk.
    public func run<N: RecordableNetwork, M: LayerMonitor>(model: inout N, frameCount: Int,
                                     frames: (Range<Int>) throws -> NDArray<Float>,
                                     monitor: inout M,
                                     progress: ((Int) -> Void)? = nil,
                                     sink: (_ layer: String, _ frames: Range<Int>, _ unitShape: [Int], _ values: [Float]) throws -> Void) throws {
        let unknown = layers.filter { !model.layerNames.contains($0) }
        precondition(unknown.isEmpty, "FeatureExtraction: unknown layers \(unknown)")
        let recording = Set(layers)
        let needed = bytesPerFrame(of: model)
        guard needed <= memoryLimit else {
            throw FeatureExtractionError.frameExceedsMemory(input: model.inputShape, needed: needed, limit: memoryLimit)
        }
        let chunk = effectiveChunkFrames(for: model)
        var state = model.initialState()
        var start = 0
        while start < frameCount {
            let range = start..<min(frameCount, start + chunk)
            let input = try frames(range)
            let n = range.count
            let perFrame = Array(input.shape.dropFirst())
            precondition(input.shape.first == n, "FeatureExtraction: frames(\(range)) returned \(input.shape)")
            let x: Tensor<Float>
            switch featureProtocol {
            case .video:
                x = Tensor(shape: [n, 1] + perFrame, scalars: input.scalars)
            case .image:
                state = model.initialState()
                let one = input.scalars
                var repeated: [Float] = []
                repeated.reserveCapacity(one.count * steps)
                for _ in 0..<steps { repeated += one }
                x = Tensor(shape: [steps, n] + perFrame, scalars: repeated)
            }
            let firstStep = featureProtocol == .video ? range.lowerBound : 0
            let recorded = model.forward(x, state: &state, mode: .inference, recording: recording, monitor: &monitor,
                                         firstStep: firstStep).recorded
            for name in layers {
                let output = recorded[name]!                        // [T, B, …]
                let unitShape = Array(output.shape.dropFirst(2))
                let units = unitShape.reduce(1, *)
                switch featureProtocol {
                case .video:                                        // [n, 1, …]: frames are steps
                    try sink(name, range, unitShape, output.scalars)
                case .image:                                        // [T, n, …]: mean over T
                    var mean = [Float](repeating: 0, count: n * units)
                    let scale = 1 / Float(steps)
                    output.scalars.withUnsafeBufferPointer { values in
                        mean.withUnsafeMutableBufferPointer { sum in
                            // Steps added in order per element (as before), then scaled: on raw
                            // pointers so the loops vectorise.
                            for t in 0..<steps {
                                let base = t * n * units
                                for i in 0..<(n * units) { sum[i] += values[base + i] }
                            }
                            for i in 0..<(n * units) { sum[i] *= scale }
                        }
                    }
                    try sink(name, range, unitShape, mean)
                }
            }
            start = range.upperBound
            progress?(start)
        }
    }
}
