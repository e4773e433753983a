import CortexModels
import Foundation

extension BatchRunner {
    /// The spec's interventions on a checkpoint model: the network loaded and set up as for its
    /// unaltered run (``streamedLayers(_:run:plan:brain:)``), re-run on each altered movie.
    func interventions(_ options: InterventionOptions, run: BatchModel.CheckpointRun, plan: ComparisonPlan,
                       brain: BrainResponses, unaltered: CompareResult.Model, layers: StreamedLayers) throws -> [InterventionResult] {
        let loaded = try ModelLoader.loadAnyFamily(.checkpoint(spec.resolve(run.checkpoint)), registryName: run.registryName)
        var network = loaded.network
        var extraction = FeatureExtraction(featureProtocol: run.featureProtocol ?? loaded.recordedProtocol ?? .video, steps: run.steps,
                                           layers: run.layers ?? network.defaultFeatureLayers)
        extraction.inputNormalization = loaded.inputNormalization
        return try plan.interventions(options, network: &network, unaltered: unaltered, layers: layers,
                                      movie: try MovieInput(contentsOf: spec.resolve(run.movie)), extraction: extraction,
                                      against: brain)
    }
}
