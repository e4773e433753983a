import CortexEngine
import CortexNumerics
import CortexSimilarity
import Foundation
import Testing
@testable import CortexModels

/// TCL/STCL and CKA-SR in training runs (issue 15); the losses themselves are checked against
/// PyTorch in CortexEngineTests (TrainingMethodLossTests).
@Suite("Training methods")
struct TrainingMethodsTests {
    static func options(_ loss: TrainingLoss? = nil, regularizer: TrainingRegularizer? = nil, epochs: Int = 2) -> TrainingOptions {
        var options = TrainingRunTests.options(epochs: epochs)
        options.loss = loss
        options.regularizer = regularizer
        return options
    }

    @Test("blocks are grouped by stage from the layer names, for both architectures")
    func blockGroups() {
        let sew = TinyModels.model(.sewResNet), lorafb = TinyModels.model(.loraFBSNet)
        #expect(sew.blockGroups == [["layer1.0", "layer1.1"], ["layer2.0", "layer2.1"], ["layer3.0", "layer3.1"], ["layer4.0", "layer4.1"]])
        #expect(lorafb.blockGroups.first == ["recurrent_layer1.sub_module.0", "recurrent_layer1.sub_module.1"])
        #expect(lorafb.blockGroups.count == 4)
        #expect(sew.embeddingLayer == "avgpool" && sew.embeddingFeatures == 32)
    }

    @Test("the CKA-SR penalty equals 2·Σ_{i<j} of the similarity module's debiased CKA on [n, T·F] responses")
    func ckaPenaltyMatchesSimilarityModule() throws {
        let (steps, batch, n) = (3, 10, 8)
        var rng = SplittableRandom(seed: 42)
        let shapes = [[2, 2, 2], [3, 1, 1], [2, 2, 1]]
        var recorded: [String: Tensor<Double>] = [:]
        let names = ["s.0", "s.1", "s.2"]
        for (name, shape) in zip(names, shapes) {
            recorded[name] = Tensor(shape: [steps, batch] + shape, generating: { _ in rng.standardNormal() })
        }
        let penalty = try #require(CKASparsity.penalty(recorded, groups: [names], samples: n)).scalar
        func matrix(_ t: Tensor<Double>) -> NDArray<Double> {        // [n, T·F], example-major
            let f = t.count / (steps * batch)
            var out = [Double]()
            for b in 0..<n { for s in 0..<steps { out += t.scalars[((s * batch + b) * f)..<((s * batch + b + 1) * f)] } }
            return NDArray(shape: [n, steps * f], scalars: out)
        }
        var expected = 0.0
        for i in 0..<3 { for j in (i + 1)..<3 {
            expected += 2 * (try CKA.score(matrix(recorded[names[i]]!), matrix(recorded[names[j]]!), estimator: .unbiased))
        } }
        #expect(abs(penalty - expected) < 1e-12, "\(penalty) vs \(expected)")
    }

    @Test("the CKA-SR penalty passes a finite-difference gradient check")
    func ckaPenaltyGradient() {
        var rng = SplittableRandom(seed: 3)
        let a = Tensor<Double>(shape: [2, 6, 3], generating: { _ in rng.standardNormal() })
        let b = Tensor<Double>(shape: [2, 6, 2], generating: { _ in rng.standardNormal() })
        let graph = Graph<Double>()
        let (la, lb) = (graph.leaf(a), graph.leaf(b))
        graph.backward(from: CKASparsity.penalty(["x.0": la, "x.1": lb], groups: [["x.0", "x.1"]], samples: 5)!)
        let analytic = graph.gradient(of: la)!.scalars
        let h = 1e-6
        var worst = 0.0
        for i in 0..<a.count {
            var plus = a.scalars, minus = a.scalars
            plus[i] += h
            minus[i] -= h
            func value(_ s: [Double]) -> Double {
                CKASparsity.penalty(["x.0": Tensor(shape: a.shape, scalars: s), "x.1": b], groups: [["x.0", "x.1"]], samples: 5)!.scalar
            }
            worst = max(worst, abs((value(plus) - value(minus)) / (2 * h) - analytic[i]))
        }
        #expect(worst < 1e-7)
        // examples beyond `samples` get no gradient
        #expect((5 * 3..<6 * 3).allSatisfy { analytic[$0] == 0 })
    }

    @Test("loss and regulariser round-trip through options.json; older files read as cross-entropy without one")
    func optionsCoding() throws {
        var options = Self.options(.spatioTemporalContrastive(ContrastiveLossSettings(weight: 0.25, temperature: 0.07, projectionDimension: 16)),
                                   regularizer: .ckaSparsity(CKASparsitySettings(weight: 1e-3, every: 2, samples: 4)))
        options.augmentation = Augmentation(horizontalFlip: true)
        let data = try JSONEncoder().encode(options)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"kind\":\"stcl\"") && text.contains("\"kind\":\"cka-sr\"") && text.contains("\"projection_dimension\":16"))
        #expect(try JSONDecoder().decode(TrainingOptions.self, from: data) == options)
        let plain = try JSONEncoder().encode(Self.options())
        #expect(!String(decoding: plain, as: UTF8.self).contains("loss"))
        #expect(try JSONDecoder().decode(TrainingOptions.self, from: plain).loss == nil)
    }

    @Test("out-of-range settings are refused with the options.json key")
    func validation() {
        var options = Self.options(.spatioTemporalContrastive(ContrastiveLossSettings()))
        #expect(throws: TrainingOptions.InvalidValue.self) { try options.validate() }      // stcl without augmentation
        options.augmentation = Augmentation(maxShift: 2)
        #expect(throws: Never.self) { try options.validate() }
        options.loss = .temporalContrastive(ContrastiveLossSettings(temperature: 0))
        #expect { try options.validate() } throws: { ($0 as? TrainingOptions.InvalidValue)?.key == "loss.temperature" }
        options.loss = nil
        options.regularizer = .ckaSparsity(CKASparsitySettings(samples: 3))
        #expect { try options.validate() } throws: { ($0 as? TrainingOptions.InvalidValue)?.key == "regularizer.samples" }
    }

    @Test("TCL, STCL and CKA-SR runs train, and resume bit-identically after an interruption", arguments: [
        TrainingLossKind.tcl, .stcl, .ce,
    ])
    func methodRunsResume(_ kind: TrainingLossKind) throws {
        var options = Self.options(TrainingLoss(kind: kind, settings: ContrastiveLossSettings(projectionDimension: 8)),
                                   regularizer: kind == .ce ? .ckaSparsity(CKASparsitySettings(weight: 0.1, every: 1, samples: 4)) : nil)
        if kind == .ce { options.loss = nil }
        if kind == .stcl { options.augmentation = Augmentation(maxShift: 3) }
        let whole = TrainingRunTests.temporaryFolder(), split = TrainingRunTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: whole); try? FileManager.default.removeItem(at: split) }
        var a = try TrainingRun(directory: whole, options: options, task: TrainingRunTests.task)
        var losses: [Double] = []
        #expect(try a.train { losses.append($0.loss) })
        #expect(losses.allSatisfy { $0.isFinite })
        #expect((a.projectionHead != nil) == (kind != .ce))
        var b = try TrainingRun(directory: split, options: options, task: TrainingRunTests.task)
        #expect(try b.train(stopAfterBatches: 3) == false)
        var resumed = try TrainingRun(resuming: split, task: TrainingRunTests.task)
        #expect(try resumed.train())
        #expect(try TrainingRunTests.files(whole) == (try TrainingRunTests.files(split)))
        // the checkpoint records the method and the T of its accuracy, and loads as a plain network
        let file = try SafetensorsFile(contentsOf: whole.appendingPathComponent("model.safetensors"))
        let recorded = try #require(try CheckpointMetadata<ModelConfiguration>.read(from: file.metadata))
        #expect(recorded.trainedSteps == options.steps && recorded.testExamples == options.testExamples)
        #expect(recorded.trainingMethod == TrainingMethodRecord(options))
        #expect(file.tensors.keys.allSatisfy { !$0.hasPrefix("projection_head") })
        let state = try SafetensorsFile(contentsOf: whole.appendingPathComponent("epochs/epoch-0002/training-state.safetensors"))
        #expect(state.tensors.keys.contains("projection_head.weight") == (kind != .ce))
    }

    @Test("a TCL term changes the update; weight 0 gives the cross-entropy run's weights")
    func contrastiveTermMatters() throws {
        func weights(_ loss: TrainingLoss?) throws -> [String: SafetensorsFile.Entry] {
            let dir = TrainingRunTests.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            var run = try TrainingRun(directory: dir, options: Self.options(loss, epochs: 1), task: TrainingRunTests.task)
            try run.train()
            return try SafetensorsFile(contentsOf: dir.appendingPathComponent("model.safetensors")).tensors
        }
        let plain = try weights(nil)
        #expect(try weights(.temporalContrastive(ContrastiveLossSettings(weight: 0))) == plain)
        #expect(try weights(.temporalContrastive(ContrastiveLossSettings(weight: 1))) != plain)
    }

    @Test("evaluation at the run's T reproduces the run's test metrics; other T run too")
    func evaluationAtAnyT() throws {
        let dir = TrainingRunTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var run = try TrainingRun(directory: dir, options: Self.options(epochs: 1), task: TrainingRunTests.task)
        try run.train()
        var network = run.model
        let same = TaskEvaluation.evaluate(&network, task: TrainingRunTests.task, steps: run.options.steps, examples: 8, batchSize: 3)
        #expect(same.accuracy == run.testAccuracy && same.examples == 8)
        let csv = try String(contentsOf: dir.appendingPathComponent("metrics.csv"), encoding: .utf8)
        let loss = Double(csv.split(separator: "\n").last!.split(separator: ",")[5])!
        #expect(abs(same.loss - loss) < 1e-5)
        let one = TaskEvaluation.evaluate(&network, task: TrainingRunTests.task, steps: 1, examples: 100, batchSize: 4)
        #expect(one.steps == 1 && one.examples == 8 && one.loss.isFinite)
    }
}
