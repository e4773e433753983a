import CortexEngine
import CortexNumerics
import Testing
@testable import CortexModels

@Suite("Network monitors")
struct MonitorNetworkTests {
    /// Collects every event of the chosen signals, by layer, as a list of steps.
    struct Collector: LayerMonitor {
        var signals: Set<MonitorSignal>
        /// By signal, then layer: the events in arrival order.
        var events: [MonitorSignal: [String: [(step: Int, value: Tensor<Float>)]]] = [:]
        var synapses: [String: SynapticLayer] = [:]
        func wants(_ layer: String, _ signal: MonitorSignal) -> Bool { signals.contains(signal) }
        mutating func observe(_ event: MonitorEvent) {
            events[event.signal, default: [:]][event.layer, default: []].append((event.step, event.value))
            if let s = event.synapse { synapses[event.layer] = s }
        }
    }

    static func maxDifference(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count)
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    @Test("streamed per-step outputs equal the returned [T, B, …] recordings; logits are unchanged", arguments: Architecture.allCases)
    func streamEqualsRecording(_ architecture: Architecture) {
        var model = TinyModels.model(architecture)
        let x = TinyModels.input(steps: 4)
        var plainState = NetworkState()
        let plain = model.forward(x, state: &plainState, mode: .inference, recording: Set(model.layerNames))
        var monitor = Collector(signals: [.output, .membranePotential])
        var state = NetworkState()
        let monitored = model.forward(x, state: &state, mode: .inference, monitor: &monitor, firstStep: 7)
        #expect(monitored.logits.scalars == plain.logits.scalars)
        for name in model.layerNames {
            let events = monitor.events[.output]?[name] ?? []
            #expect(events.map(\.step) == [7, 8, 9, 10], "\(name)")
            let streamed = events.flatMap { $0.value.scalars }
            #expect(Self.maxDifference(streamed, plain.recorded[name]!.scalars) == 0, "\(name)")
        }
        // every neuron also streams its potential; the last equals the state, and fired neurons sit at V_reset = 0
        let neurons = Array(plainState.neurons.keys)
        #expect(neurons.count > 10)
        for name in neurons {
            let expected = 4
            #expect(monitor.events[.output]![name]!.count == expected, "\(name): spikes per step")
            #expect(monitor.events[.membranePotential]![name]!.count == expected)
        }
        var membranes = Collector(signals: [.membranePotential])
        var again = NetworkState()
        _ = model.forward(x, state: &again, mode: .inference, monitor: &membranes)
        for name in neurons {
            let v = membranes.events[.membranePotential]![name]!
            #expect(v.last!.value.scalars == plainState.neurons[name]!.membrane.scalars, "\(name)")
        }
        let sn1Spikes = plain.recorded["sn1"]!
        for t in 0..<4 {
            for (s, v) in zip(sn1Spikes.step(t).scalars, membranes.events[.membranePotential]!["sn1"]![t].value.scalars) {
                #expect(s == 0 ? v < 1 : v == 0)
            }
        }
    }

    @Test("firing-rate monitor equals the mean of each recorded layer", arguments: Architecture.allCases)
    func firingRates(_ architecture: Architecture) {
        var model = TinyModels.model(architecture)
        let x = TinyModels.input(steps: 5)
        var monitor = FiringRateMonitor()
        var state = NetworkState()
        let recorded = model.forward(x, state: &state, mode: .inference, recording: Set(model.layerNames), monitor: &monitor).recorded
        for name in model.layerNames {
            let values = recorded[name]!.scalars
            let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
            #expect(abs(monitor.rate(of: name)! - mean) < 1e-9, "\(name)")
        }
        #expect(monitor.rate(of: "sn1")! > 0 && monitor.rate(of: "sn1")! < 1)
        #expect(Array(monitor.order.prefix(2)) == ["sn1", "maxpool"])
    }

    @Test("SOP monitor: stem and fc count dense MACs, spiking convolutions count Σ of an all-ones convolution of their input",
          arguments: Architecture.allCases)
    func synapticOperations(_ architecture: Architecture) {
        var model = TinyModels.model(architecture)
        let (steps, batch) = (3, 2)
        let x = TinyModels.input(steps: steps, batch: batch)
        var both = MonitorPair(SynapticOperationMonitor(), Collector(signals: [.synapticInput]))
        var state = NetworkState()
        _ = model.forward(x, state: &state, mode: .inference, monitor: &both)
        let sops = both.first
        let c = model.configuration
        // stem: 7×7/2, 1 → 4 channels, 32×32 → 16×16, analog input
        #expect(sops.counts["conv1"]!.multiplyAccumulates == Double(steps * batch * 4 * 16 * 16 * 1 * 49))
        #expect(sops.counts["conv1"]!.synapticOperations == 0)
        #expect(sops.counts["fc"]!.multiplyAccumulates == Double(steps * batch * c.stageWidths[3] * c.classes))
        #expect(sops.order.first == "conv1" && sops.order.last == "fc")
        var spiking = 0
        for (name, count) in sops.counts where count.layer.input == .spikes {
            let reference = both.second.events[.synapticInput]![name]!.reduce(0.0) { $0 + onesConvolutionSum($1.value, count.layer) }
            #expect(count.synapticOperations == reference, "\(name)")
            #expect(count.synapticOperations <= 2 * count.denseMACs, "\(name)")   // ADD inputs are at most 2
            spiking += 1
        }
        #expect(spiking == (architecture == .sewResNet ? 19 : 19 + 7))
        #expect(sops.totalSynapticOperations > 0)
        let energy = 0.9 * sops.totalSynapticOperations + 4.6 * sops.totalMultiplyAccumulates
        #expect(abs(sops.totalEnergy() - energy) <= 1e-9 * energy)
    }

    @Test("feature extraction with monitors: each layer's firing rate is the mean of its feature matrix", arguments: FeatureProtocol.allCases)
    func extractionRates(_ featureProtocol: FeatureProtocol) throws {
        var model = TinyModels.model(.sewResNet)
        let movie = FeatureExtractionTests.movie(frames: 5, seed: 4)
        let preprocessing = FramePreprocessing(configuration: model.configuration)
        let extraction = FeatureExtraction(featureProtocol: featureProtocol, steps: 3, layers: model.defaultFeatureLayers, chunkFrames: 2)
        var monitor = MonitorPair(FiringRateMonitor(), SynapticOperationMonitor())
        var sums: [String: (Double, Int)] = [:]
        var steps: [Int] = []
        var stepMonitor = MonitorPair(monitor, CallbackMonitor(layers: ["sn1"]) { steps.append($0.step) })
        try extraction.run(model: &model, frameCount: 5, frames: { preprocessing.frames(movie, $0) }, monitor: &stepMonitor) { layer, _, _, values in
            sums[layer, default: (0, 0)].0 += values.reduce(0.0) { $0 + Double($1) }
            sums[layer, default: (0, 0)].1 += values.count
        }
        monitor = stepMonitor.first
        for name in model.defaultFeatureLayers {
            let (sum, count) = sums[name]!
            #expect(abs(monitor.first.rate(of: name)! - sum / Double(count)) < 1e-6, "\(name)")
        }
        // video: one step per frame numbered by frame; image: T = 3 steps per chunk of frames
        #expect(steps == (featureProtocol == .video ? [0, 1, 2, 3, 4] : [0, 1, 2, 0, 1, 2, 0, 1, 2]))
        let stem = monitor.second.counts["conv1"]!
        #expect(stem.sampleSteps == (featureProtocol == .video ? 5 : 15))
    }
}

/// Σ of an all-ones convolution of `x` (the engine tests' reference count).
func onesConvolutionSum(_ x: Tensor<Float>, _ layer: SynapticLayer) -> Double {
    switch layer.connectivity {
    case .convolution(let w):
        let weight = Tensor<Float>(shape: [layer.outChannels, layer.inChannels / w.groups, w.kernel[0], w.kernel[1]], repeating: 1)
        return x.conv2d(weight: weight, stride: (w.stride[0], w.stride[1]), padding: (w.padding[0], w.padding[1]),
                        dilation: (w.dilation[0], w.dilation[1]), groups: w.groups).scalars.reduce(0) { $0 + Double($1) }
    case .transposedConvolution(let w):
        let weight = Tensor<Float>(shape: [layer.inChannels, layer.outChannels / w.groups, w.kernel[0], w.kernel[1]], repeating: 1)
        return x.convTranspose2d(weight: weight, stride: (w.stride[0], w.stride[1]), padding: (w.padding[0], w.padding[1]),
                                 outputPadding: (w.outputPadding[0], w.outputPadding[1]), dilation: (w.dilation[0], w.dilation[1]),
                                 groups: w.groups).scalars.reduce(0) { $0 + Double($1) }
    case .fullyConnected:
        return x.scalars.reduce(0) { $0 + Double($1) } * Double(layer.outChannels)
    case .activationProduct:
        return x.scalars.reduce(0) { $0 + Double($1) }     // the counted non-zero terms
    }
}
