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
