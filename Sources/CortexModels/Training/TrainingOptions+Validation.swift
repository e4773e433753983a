import Foundation

extension TrainingOptions {
    /// An option outside the range a run can use; names the options.json key.
    public struct InvalidValue: Error, Sendable, Hashable, CustomStringConvertible {
        /// The options.json key (snake_case; nested keys dotted: `augmentation.maxShift`).
        public var key: String
        /// The value found, as written.
        public var found: String
        /// The allowed range, in words.
        public var allowed: String

        public var description: String { "'\(key)' is \(found); allowed: \(allowed)" }
    }

    /// Checks every value a run depends on (``TrainingRun`` and options.json decoding call it).
    /// - Throws: ``InvalidValue``, the first problem found.
    public func validate() throws(InvalidValue) {
        func check(_ ok: Bool, _ key: String, _ found: some CustomStringConvertible, _ allowed: String) throws(InvalidValue) {
            if !ok { throw InvalidValue(key: key, found: found.description, allowed: allowed) }
        }
        try check(!modelName.isEmpty, "model_name", "empty", "a non-empty name")
        try check(epochs >= 1, "epochs", epochs, "1 or more")
        try check(batchSize >= 1, "batch_size", batchSize, "1 or more")
        try check(steps >= 1, "steps", steps, "1 or more")
        try check(trainExamples >= batchSize, "train_examples", trainExamples, "at least batch_size (\(batchSize))")
        try check(testExamples >= 0, "test_examples", testExamples, "0 or more")
        try check(learningRate.isFinite && learningRate > 0, "learning_rate", learningRate, "a finite number > 0")
        try check(weightDecay.isFinite && weightDecay >= 0, "weight_decay", weightDecay, "a finite number ≥ 0")
        if let gradientClip {
            try check(gradientClip.isFinite && gradientClip > 0, "gradient_clip", gradientClip, "a finite number > 0, or absent")
        }
        if let augmentation {
            try check(augmentation.maxShift >= 0, "augmentation.maxShift", augmentation.maxShift, "0 or more")
        }
        if let bad = keptEpochs.first(where: { $0 < 0 }) {
            try check(false, "kept_epochs", bad, "epoch numbers ≥ 0 (0 is the initialisation)")
        }
        if let settings = loss?.contrastive {
            try check(settings.weight.isFinite && settings.weight >= 0, "loss.weight", settings.weight, "a finite number ≥ 0")
            try check(settings.temperature.isFinite && settings.temperature > 0, "loss.temperature", settings.temperature,
                      "a finite number > 0")
            try check(settings.projectionDimension >= 1, "loss.projection_dimension", settings.projectionDimension, "1 or more")
        }
        if loss?.usesTwoViews == true {
            try check(!(augmentation?.isNone ?? true), "augmentation", "none",
                      "a flip or shift for stcl's two views (--augment-shift, --augment-flip)")
        }
        if case .ckaSparsity(let settings)? = regularizer {
            try check(settings.weight.isFinite && settings.weight >= 0, "regularizer.weight", settings.weight, "a finite number ≥ 0")
            try check(settings.every >= 1, "regularizer.every", settings.every, "1 or more")
            try check(settings.samples >= 4 && settings.samples <= batchSize, "regularizer.samples", settings.samples,
                      "4 (the unbiased HSIC's minimum) to batch_size (\(batchSize))")
            if let transformer {
                // CKA-SR pairs the outputs of blocks block.0, block.1, …: one block leaves no pair.
                try check(transformer.blocks >= 2, "transformer.blocks", transformer.blocks, "2 or more for the cka-sr regularizer")
            }
        }
        if let pruning {
            try check(pruning.fraction > 0 && pruning.fraction < 1, "pruning.fraction", pruning.fraction, "between 0 and 1 (exclusive)")
            try check(pruning.rounds >= 1, "pruning.rounds", pruning.rounds, "1 or more")
            try check(pruning.rewindEpoch >= 0 && pruning.rewindEpoch <= epochs, "pruning.rewind_epoch", pruning.rewindEpoch,
                      "0 to epochs (\(epochs))")
            if let eps = pruning.earlyBird {
                try check(eps.isFinite && eps > 0 && eps < 1, "pruning.early_bird", eps, "a fraction between 0 and 1")
            }
            if let t = pruning.earlyTimeSteps { try check(t >= 1, "pruning.early_time_steps", t, "1 or more") }
        }
        try check(configuration.classes == 10, "configuration.classes", configuration.classes, "10 (both tasks have ten classes)")
        try check(configuration.inputHeight >= 8 && configuration.inputWidth >= 8, "configuration.input_height",
                  "\(configuration.inputHeight)x\(configuration.inputWidth)", "8 or more pixels each side")
        if configuration.isRecurrent {
            try check(configuration.inputHeight % 32 == 0 && configuration.inputWidth % 32 == 0, "configuration.input_height",
                      "\(configuration.inputHeight)x\(configuration.inputWidth)", "multiples of 32 for LoRaFB-SNet")
        }
    }

    /// The options.json keys whose values differ between `self` and `other`, each as
    /// `key (other's value → self's value)`, nested keys dotted (`configuration.base_width`).
    /// Empty when the two would write the same options.json.
    public func differences(from other: TrainingOptions) -> [String] {
        let mine = Self.leaves(of: self), theirs = Self.leaves(of: other)
        return Set(mine.keys).union(theirs.keys).sorted().compactMap { key in
            let (a, b) = (theirs[key] ?? "absent", mine[key] ?? "absent")
            return a == b ? nil : "\(key) (\(a) → \(b))"
        }
    }

    /// Every leaf of the options' JSON: dotted key → the value as JSON text.
    private static func leaves(of options: TrainingOptions) -> [String: String] {
        // Encoding plain Codable values of finite numbers does not fail (validated options).
        guard let data = try? JSONEncoder().encode(options),
              let object = try? JSONSerialization.jsonObject(with: data) else { return [:] }
        var out: [String: String] = [:]
        func visit(_ value: Any, _ path: String) {
            if let dictionary = value as? [String: Any] {
                for (key, child) in dictionary { visit(child, path.isEmpty ? key : "\(path).\(key)") }
            } else {
                let text = (try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys]))
                    .map { String(decoding: $0, as: UTF8.self) } ?? "?"
                out[path] = String(text.dropFirst().dropLast())
            }
        }
        visit(object, "")
        return out
    }
}
