// README.md's "Library use" examples, compiled (never run): an API change that breaks the README
// breaks the build. Keep in step with the README's ```swift blocks.
import CortexKit
import Foundation

private func readmeLibraryUse() throws {
    let x = NDArray<Float>(rows: 899, columns: 4096, repeating: 0)
    let g = LinearAlgebra.gram(x, of: .rows)
    let e = try LinearAlgebra.symmetricEigen(LinearAlgebra.gram(x.map(Double.init)))
    var rng = SplittableRandom(seed: 7)
    let noise = NDArray<Double>.normal(shape: [900, 50], using: &rng)
    let r = try Statistics.ranks(noise.column(0), ties: .average)
    let smooth = GaussianSmoothing.smooth(noise, along: .eachColumn, sigma: 2)
    try NPYFile.write(smooth, to: URL(fileURLWithPath: "smooth.npy"))
    let file = try HDF5File.open(URL(fileURLWithPath: "session.nwb"), mode: .readOnly)
    let spikes = try file.dataset("/units/spike_times").readRows(0..<1_000_000, as: Double.self)
    _ = (g, e, r, spikes)
}

private struct MeanActivityCorrelation: SimilarityMetric {
    var name: String { "mean-activity correlation" }
    func prepare(_ x: NDArray<Double>) throws -> [Double] { x.rowMeans() }
    func score(prepared a: [Double], _ b: [Double]) throws -> Double { try RDMComparison.pearson.compare(a, b) }
}

private func readmeRunner(specURL: URL, out: URL, movieURL: URL, responsesURL: URL) throws {
    let runner = BatchRunner(spec: try BatchSpec(contentsOf: specURL), outputDirectory: out, version: "v1",
                             extraMetrics: [MetricEntry(id: "mean-activity/v1", label: "mean-activity correlation",
                                                        metric: MeanActivityCorrelation())])
    try runner.run()
    let loaded = try ModelLoader.load(.random(seed: 7), registryName: "sew-resnet18-w8")
    var network = loaded.network
    let run = try Comparison.scores(network: &network, model: loaded.name, source: loaded.source.description,
                                    movie: try MovieInput(contentsOf: movieURL),
                                    extraction: FeatureExtraction(featureProtocol: .video, layers: network.defaultFeatureLayers),
                                    responses: try ResponseFile.read(from: responsesURL), metric: TSRSAMetric(),
                                    budget: MemoryBudget(parsing: "1G")!)
    _ = run.scores.best
    _ = (run.forwardSeconds, run.similaritySeconds)
}

private func readmeMonitors(model: inout SpikingResNet, x: Tensor<Float>) {
    var state = model.initialState()
    var monitor = MonitorPair(FiringRateMonitor(), SynapticOperationMonitor())
    _ = model.forward(x, state: &state, mode: .inference, monitor: &monitor)
    _ = monitor.first.rate(of: "layer1.0.sn1")
    _ = monitor.second.totalEnergy()
    let trace = CallbackMonitor(layers: ["sn1"], signals: [.membranePotential]) { event in
        print(event.step, event.value.shape)
    }
    _ = trace
}
