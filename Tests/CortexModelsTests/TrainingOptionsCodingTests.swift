import CortexModels
import Foundation
import Testing

/// options.json of a training run: snake_case keys, and files with the camelCase keys of older
/// versions still load.
@Suite struct TrainingOptionsCodingTests {
    static let renamed = ["model_name": "modelName", "batch_size": "batchSize", "learning_rate": "learningRate",
                          "weight_decay": "weightDecay", "gradient_clip": "gradientClip", "train_examples": "trainExamples",
                          "test_examples": "testExamples", "movie_path": "moviePath", "fashion_mnist_path": "fashionMNISTPath"]

    @Test("options.json top-level keys are snake_case and the options read back equal")
    func snakeCase() throws {
        let options = TrainingRunTests.options(epochs: 2)
        let data = try JSONEncoder().encode(options)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys).isSuperset(of: Self.renamed.keys))
        #expect(object.keys.allSatisfy { $0.allSatisfy { $0.isLowercase || $0 == "_" } }, "\(object.keys.sorted())")
        #expect(try JSONDecoder().decode(TrainingOptions.self, from: data) == options)
    }

    @Test("an options.json with the older camelCase keys reads to the same options")
    func oldKeys() throws {
        var options = TrainingRunTests.options(epochs: 2)
        options.gradientClip = 2.5
        var object = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(options)) as? [String: Any])
        for (new, old) in Self.renamed { object[old] = object.removeValue(forKey: new) }
        let old = try JSONSerialization.data(withJSONObject: object)
        #expect(!String(decoding: old, as: UTF8.self).contains("batch_size"))
        #expect(try JSONDecoder().decode(TrainingOptions.self, from: old) == options)
    }
}

/// options.json values out of range are refused when read, naming the file, the key and the range.
@Suite struct TrainingOptionsValidationTests {
    /// A stored options.json with one value replaced (`path` dotted for nested keys).
    static func optionsJSON(_ path: String, _ value: Any) throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(TrainingRunTests.options(epochs: 2)))
                                  as? [String: Any])
        let keys = path.split(separator: ".").map(String.init)
        if keys.count == 2 {
            var inner = object[keys[0]] as? [String: Any] ?? [:]
            inner[keys[1]] = value
            object[keys[0]] = inner
        } else {
            object[path] = value
        }
        return try JSONSerialization.data(withJSONObject: object)
    }

    /// Key, bad value (JSON text), the allowed range the error gives.
    static let bad: [(String, String, String)] = [
        ("batch_size", "0", "1 or more"), ("epochs", "0", "1 or more"), ("steps", "-3", "1 or more"),
        ("train_examples", "4", "at least batch_size (8)"), ("test_examples", "-1", "0 or more"),
        ("learning_rate", "-0.1", "a finite number > 0"), ("weight_decay", "-1", "a finite number ≥ 0"),
        ("gradient_clip", "0", "a finite number > 0, or absent"), ("kept_epochs", "[0, -2]", "epoch numbers ≥ 0 (0 is the initialisation)"),
        ("augmentation.maxShift", "-2", "0 or more"), ("configuration.classes", "7", "10 (both tasks have ten classes)"),
    ]

    @Test("a stored options.json with a value out of range is a typed error naming file, key and allowed range",
          arguments: 0..<bad.count)
    func outOfRange(_ index: Int) throws {
        let (key, text, allowed) = Self.bad[index]
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
        let dir = TrainingRunTests.temporaryFolder()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var data = try Self.optionsJSON(key, value)
        if key.hasPrefix("augmentation") {
            data = try Self.optionsJSON("augmentation", ["horizontalFlip": false, "maxShift": value])
        }
        try data.write(to: dir.appendingPathComponent("options.json"))
        do {
            _ = try TrainingRun<SpikingResNet>.storedOptions(in: dir)
            Issue.record("\(key) = \(value) was accepted")
        } catch {
            guard case .invalidOptions(let file, let invalid) = error else {
                Issue.record("expected invalidOptions, got \(error)")
                return
            }
            #expect(file == dir.appendingPathComponent("options.json").path)
            #expect(invalid.key == key && invalid.allowed == allowed)
            #expect(error.description.hasPrefix(file + ": '\(key)' is "))
        }
    }

    @Test("an options.json that is not options names the file and the missing key")
    func unreadable() throws {
        let dir = TrainingRunTests.temporaryFolder()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var object = try #require(try JSONSerialization.jsonObject(with: try Self.optionsJSON("seed", 1)) as? [String: Any])
        object["epochs"] = nil
        try JSONSerialization.data(withJSONObject: object).write(to: dir.appendingPathComponent("options.json"))
        #expect(throws: TrainingError.unreadableFile(file: dir.appendingPathComponent("options.json").path, reason: "missing key 'epochs'")) {
            _ = try TrainingRun<SpikingResNet>.storedOptions(in: dir)
        }
    }

    @Test("differences name the keys that differ, nested keys dotted")
    func differences() {
        let stored = TrainingRunTests.options(epochs: 2)
        var given = stored
        #expect(given.differences(from: stored).isEmpty)
        given.epochs = 5
        given.configuration.baseWidth = 8
        #expect(given.differences(from: stored) == ["configuration.base_width (4 → 8)", "epochs (2 → 5)"])
    }
}
