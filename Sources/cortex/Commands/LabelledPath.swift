import ArgumentParser
import Foundation

/// A model given on the command line as `PATH` or `NAME=PATH`: the label travels with its path,
/// so repeated options of different kinds (`--features`, `--checkpoint`) can never pair a name
/// with the wrong model. An argument that is an existing file is always a path (a file may have
/// `=` in its name); a label contains no `/`.
struct LabelledPath: Hashable {
    var label: String?
    var path: String

    init(argument: String) {
        if !FileManager.default.fileExists(atPath: argument), let equals = argument.firstIndex(of: "="),
           equals != argument.startIndex, !argument[..<equals].contains("/") {
            label = String(argument[..<equals])
            path = String(argument[argument.index(after: equals)...])
        } else {
            label = nil
            path = argument
        }
    }

    /// Two models with the same label are an error: their results could not be told apart.
    static func checkUnique(_ labels: [String]) throws {
        var seen = Set<String>()
        for label in labels where !seen.insert(label).inserted {
            throw CommandLineFailure("two models are labelled '\(label)'; label them apart with NAME=PATH, e.g. --features \(label)-2=FILE")
        }
    }
}
