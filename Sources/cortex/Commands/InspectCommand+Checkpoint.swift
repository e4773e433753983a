import CortexKit
import Foundation

extension InspectCommand {
    /// Whether `url` starts like a safetensors file: an 8-byte little-endian header length, then `{`.
    static func isSafetensors(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 9), head.count == 9 else { return false }
        let length = head.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        return head[8] == UInt8(ascii: "{") && length > 1 && length < 100_000_000
    }

    /// A checkpoint: what its metadata records (family, model, task, test accuracy, training
    /// method, pruning) and its tensors. A converted reference checkpoint without CortexKit's
    /// record lists its tensors only.
    static func describeCheckpoint(_ url: URL, path: String, json: Bool) throws {
        let file = try SafetensorsFile(contentsOf: url)
        let recordJSON = file.metadata["cortexkit.checkpoint"]
        let record = recordJSON.flatMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
        let masks = Set(((record?["pruning_masks"] as? [String: String]) ?? [:]).values)
        let parameters = file.tensors.filter { !masks.contains($0.key) }
        let count = parameters.values.reduce(0) { $0 + $1.shape.reduce(1, *) }
        struct Output: Encodable {
            var file: String; var kind = "safetensors checkpoint"; var tensors: Int; var parameters: Int
            var family: String?; var modelName: String?; var task: String?; var testAccuracy: Double?
            var trainedSteps: Int?; var testExamples: Int?; var prunedParameters: Int; var trainingMethod: String?
        }
        var method: String?
        if let m = record?["training_method"], let data = try? JSONSerialization.data(withJSONObject: m, options: [.sortedKeys]) {
            method = String(decoding: data, as: UTF8.self)
        }
        let output = Output(file: path, tensors: parameters.count, parameters: count,
                            family: record?["family"] as? String, modelName: record?["model_name"] as? String,
                            task: record?["task"] as? String, testAccuracy: record?["test_accuracy"] as? Double,
                            trainedSteps: record?["trained_steps"] as? Int, testExamples: record?["test_examples"] as? Int,
                            prunedParameters: masks.count, trainingMethod: method)
        if json { try CommandLineJSON.print(output, layout: .indented); return }
        print("file            \(TerminalText.clean(path)) (safetensors checkpoint)")
        print("tensors         \(parameters.count) (\(count) values)" + (masks.isEmpty ? "" : ", \(masks.count) pruned with masks"))
        guard record != nil else {
            let legacy = file.metadata["cortexkit.model_name"]
            print("record          " + (legacy.map { "legacy CortexKit checkpoint of \(TerminalText.clean($0)) (no training record)" }
                                        ?? "none (not written by CortexKit: load it with --model NAME and the overrides)"))
            return
        }
        print("family          \(TerminalText.clean(output.family ?? "(not stated)"))")
        print("model           \(TerminalText.clean(output.modelName ?? "(not stated)"))")
        var training = output.task.map { "\(TerminalText.clean($0)) task" } ?? "(no task recorded)"
        if let a = output.testAccuracy {
            training += String(format: ", %.1f %% test accuracy", 100 * a)
            if let n = output.testExamples { training += " on \(n) test examples" }
            if let t = output.trainedSteps { training += " at T = \(t)" }
        }
        print("training        \(training)")
        if let method { print("method          \(TerminalText.clean(method))") }
    }
}
