import Yams

/// The spec keys of the temporal interventions (``InterventionOptions``), at the top level:
///
/// ```yaml
/// intervention: shuffle:8            # or a list: [shuffle:8, front:300, clips:100x5]
/// intervention-repeats: 5            # default 1
/// intervention-layers: best          # best | all (default all)
/// ```
///
/// They apply to the spec's checkpoint models (a feature file cannot watch the movie again).
extension BatchSpec {
    /// The keys read here.
    static let interventionKeys: Set<String> = ["intervention", "intervention-repeats", "intervention-layers"]

    /// Reads the intervention keys of the top-level mapping; nil when `intervention` is absent.
    static func interventions(_ top: [String: Node], models: [Model], reader: SpecReader, file: String) throws -> InterventionOptions? {
        guard let node = top["intervention"] else {
            if let stray = ["intervention-repeats", "intervention-layers"].first(where: { top[$0] != nil }) {
                throw PipelineError.invalidSpec(file: file, line: top[stray]!.mark?.line, key: stray,
                                                reason: "only used with intervention: (e.g. intervention: shuffle:8)")
            }
            return nil
        }
        let spellings: [String]
        if case .sequence = node { spellings = try reader.strings(node, key: "intervention") } else {
            spellings = [try reader.string(node, key: "intervention")]
        }
        let interventions = try spellings.map { text -> Intervention in
            do throws(InterventionError) { return try Intervention(parsing: text) } catch {
                throw PipelineError.invalidSpec(file: file, line: node.mark?.line, key: "intervention", reason: error.description)
            }
        }
        guard !interventions.isEmpty else {
            throw PipelineError.invalidSpec(file: file, line: node.mark?.line, key: "intervention", reason: "the list is empty")
        }
        guard models.contains(where: { if case .checkpoint = $0.source { return true } else { return false } }) else {
            throw PipelineError.invalidSpec(file: file, line: node.mark?.line, key: "intervention",
                                            reason: "interventions re-run a network on the movie: add a checkpoint model")
        }
        var repeats = 1
        if let r = top["intervention-repeats"] {
            repeats = try reader.integer(r, key: "intervention-repeats", minimum: 1)
            guard repeats <= InterventionOptions.maximumRepeats else {
                throw PipelineError.invalidSpec(file: file, line: r.mark?.line, key: "intervention-repeats",
                                                reason: "expected at most \(InterventionOptions.maximumRepeats), got \(repeats)")
            }
        }
        let layers = try top["intervention-layers"].map {
            try reader.choice($0, key: "intervention-layers", as: InterventionOptions.Layers.self)
        } ?? .all
        return InterventionOptions(interventions: interventions, repeats: repeats, layers: layers)
    }
}
