import CortexEngine

/// The layers the training methods read, found from ``RecordableNetwork/layerNames`` alone, so a
/// new family needs nothing more to train with TCL/STCL or CKA-SR.
extension RecordableNetwork {
    /// The stages' blocks: recordable layers named `<stage>.<index>` (`layer2.0`, `layer2.1`,
    /// `recurrent_layer2.sub_module.1`, `blocks.3`), grouped by `<stage>`, in network order;
    /// only groups of two or more (a pair is needed for CKA-SR).
    public var blockGroups: [[String]] {
        var order: [String] = []
        var groups: [String: [String]] = [:]
        for name in layerNames {
            guard let dot = name.lastIndex(of: "."), Int(name[name.index(after: dot)...]) != nil else { continue }
            let stage = String(name[..<dot])
            if groups[stage] == nil { order.append(stage) }
            groups[stage, default: []].append(name)
        }
        return order.compactMap { groups[$0]!.count >= 2 ? groups[$0] : nil }
    }

    /// The layer the contrastive losses embed: the last of ``defaultFeatureLayers`` (the input
    /// of the classifier, e.g. `avgpool`).
    public var embeddingLayer: String? { defaultFeatureLayers.last }

    /// Features per time step of ``embeddingLayer``.
    public var embeddingFeatures: Int? {
        embeddingLayer.flatMap { layerUnitShapes[$0] }.map { $0.reduce(1, *) }
    }
}
