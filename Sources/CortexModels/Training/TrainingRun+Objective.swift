import CortexEngine

extension TrainingRun {
    /// One SGD/AdamW step on a batch. The loss is cross-entropy of the logits averaged over time,
    /// plus λ·L_TCL for the contrastive losses (``TrainingLoss``) and β·CKA-SR on every k-th
    /// step (``TrainingRegularizer``); the projection head trains with the network.
    /// - Returns: the batch loss and the number of correct predictions.
    mutating func trainStep(_ prepared: PreparedBatch, learningRate: Double, step: Int) -> (Float, Int) {
        let graph = Graph<Float>()
        var parts = TrainableParts(network: model, head: projectionHead)
        parts.track(in: graph)
        var state = parts.network.initialState()
        let x = Tensor(shape: prepared.shape, scalars: prepared.values)
        var recording = Set<String>()
        let contrastive = options.loss?.contrastive
        if contrastive != nil, let layer = parts.network.embeddingLayer { recording.insert(layer) }
        var cka: (settings: CKASparsitySettings, groups: [[String]])?
        if case .ckaSparsity(let settings)? = options.regularizer, step % settings.every == 0 {
            cka = (settings, parts.network.blockGroups)
            for group in cka!.groups { recording.formUnion(group) }
        }
        let output = parts.network.forward(x, state: &state, mode: .training, recording: recording)
        let logits = output.logits.mean(alongAxis: 0)
        var loss = logits.crossEntropy(labels: prepared.labels)
        if let contrastive, let layer = parts.network.embeddingLayer, let head = parts.head, let e = output.recorded[layer] {
            let (steps, batch) = (e.shape[0], e.shape[1])
            let z = head(e.reshaped([steps * batch, -1]))
            let rowLabels = (0..<(steps * batch)).map { prepared.labels[$0 % batch] }
            loss = loss + z.supervisedContrastiveLoss(labels: rowLabels, temperature: Float(contrastive.temperature))
                * Float(contrastive.weight)
        }
        if let cka, let penalty = CKASparsity.penalty(output.recorded, groups: cka.groups, samples: cka.settings.samples) {
            loss = loss + penalty * Float(cka.settings.weight)
        }
        let hits = Self.correct(logits, prepared.labels)
        guard loss.scalar.isFinite else {
            parts.detach()
            (model, projectionHead) = (parts.network, parts.head)
            return (loss.scalar, hits)
        }
        graph.backward(from: loss)
        var gradients = parts.gradients(in: graph)
        masks?.masking(&gradients)
        if let clip = options.gradientClip { GradientClipping.clipGlobalNorm(&gradients, maxNorm: clip) }
        parts.detach()
        optimizer.step(&parts, gradients: gradients, learningRate: learningRate)
        masks?.apply(to: &parts.network)
        (model, projectionHead) = (parts.network, parts.head)
        return (loss.scalar, hits)
    }
}
