import ArgumentParser
import CortexKit
import Foundation

/// `cortex evaluate`: test loss and accuracy of a checkpoint on a task, at any number of time steps.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Test loss and accuracy of a trained checkpoint on the image or video task, at any T.",
        discussion: """
        Runs the first N test examples in inference mode; loss and accuracy are those of training \
        (cross-entropy and arg-max of the logits averaged over time). When the checkpoint sits in a \
        run folder (options.json beside it, or two levels up for epochs/epoch-000k/), that run's task, \
        T, seed (the motion task's examples depend on it), data paths and test examples are the \
        defaults, so the run's test accuracy is reproduced; flags override them. The accuracy the \
        checkpoint records it was trained to is shown beside the result.
        """)

    @Option(help: "The checkpoint (model.safetensors), or a run folder holding one.")
    var checkpoint: String

    @Option(help: "image, video or video-discontinuous. (default: the run's, else the task the checkpoint records)")
    var task: TaskChoice?

    @Option(name: .customLong("T"), help: "Time steps per example. (default: the run's, else 4)")
    var steps: Int?

    @Option(help: "Test examples evaluated (the first ones of the split). (default: the run's, else 256)")
    var testExamples: Int?

    @Option(help: "Examples per batch (results do not depend on it).")
    var batch: Int = 32

    @Option(help: "Seed of the motion task's examples. (default: the run's, else 0)")
    var seed: UInt64?

    @Option(help: "Movie for the video task. (default: the run's, else datasets/demo-movie.npy)")
    var movie: String?

    @Option(help: "Folder of the Fashion-MNIST .gz files. (default: the run's, else \(FashionMNIST.defaultDirectory.path))")
    var fashionMnist: String?

    @Flag(help: "Print the result as one JSON object.")
    var json = false

    /// The JSON output (keys snake_case).
    struct Output: Encodable {
        var checkpoint: String
        var model: String
        var family: String
        var task: TaskChoice
        var steps: Int
        var examples: Int
        var loss: JSONNumber
        var accuracy: JSONNumber
        var trainedAccuracy: JSONNumber?
        var trainedSteps: Int?
    }

    func validate() throws {
        if let steps, steps < 1 { throw ValidationError("--T must be positive") }
        if let testExamples, testExamples < 1 { throw ValidationError("--test-examples must be positive") }
        if batch < 1 { throw ValidationError("--batch must be positive") }
    }

    func run() throws {
        var url = URL(fileURLWithPath: checkpoint)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            url = url.appendingPathComponent("model.safetensors")
        }
        guard FileManager.default.fileExists(atPath: url.path) else { throw CommandLineFailure("\(url.path): no such checkpoint file") }
        let run = RunFolder.options(besides: url)
        let recorded: LoadedNetwork
        do {
            recorded = try ModelLoader.loadAnyFamily(.checkpoint(url))
        } catch {
            throw CommandLineFailure(ModelLoading.message(error))
        }
        guard let choice = task ?? run?.task ?? recorded.task else {
            throw CommandLineFailure("\(url.path) records no task and sits in no run folder; give --task")
        }
        let steps = self.steps ?? run?.steps ?? 4
        let examples = testExamples ?? run?.testExamples ?? 256
        let data = try CommandLineFailure.wrapping {
            try TrainingData.task(choice, seed: seed ?? run?.seed ?? 0, trainExamples: 0, testExamples: examples,
                                  moviePath: movie ?? run?.moviePath ?? "datasets/demo-movie.npy",
                                  fashionMNISTPath: fashionMnist ?? run?.fashionMNISTPath ?? FashionMNIST.defaultDirectory.path)
        }
        guard data.count(.test) > 0 else { throw CommandLineFailure("the \(choice.rawValue) task has no test examples") }
        let progress = ProgressDisplay(label: "evaluating")
        var network = recorded.network
        let result = TaskEvaluation.evaluate(&network, task: data, steps: steps, examples: examples, batchSize: batch) { done, all in
            progress.show(ProgressUpdate(completed: done, total: all, message: "\(done)/\(all) examples"))
        }
        progress.close()
        if json {
            try CommandLineJSON.print(Output(checkpoint: url.path, model: recorded.name, family: network.familyName, task: choice,
                                             steps: result.steps, examples: result.examples, loss: JSONNumber(result.loss),
                                             accuracy: JSONNumber(result.accuracy),
                                             trainedAccuracy: recorded.testAccuracy.map(JSONNumber.init),
                                             trainedSteps: recorded.trainedSteps ?? run?.steps))
            return
        }
        var line = String(format: "%@ on %@ (T = %d, %d test examples): loss %.4f, accuracy %.1f %%", recorded.name,
                          choice.rawValue, result.steps, result.examples, result.loss, 100 * result.accuracy)
        if let trained = recorded.testAccuracy {
            let at = (recorded.trainedSteps ?? run?.steps).map { " at T = \($0)" } ?? ""
            line += String(format: " (trained to %.1f %%%@)", 100 * trained, at)
        }
        print(line)
    }
}
