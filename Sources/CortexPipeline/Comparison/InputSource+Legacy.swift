import Foundation

/// Reading the provenance of results files written before ``InputSource``: they held one `path`
/// and one `sha256` string per input group, comma-joined for several sessions, and a model's
/// `sha256` could be prose (`random weights, seed 7`).
extension InputSource {
    /// The sources of an older results file's responses: `paths` and `digests` comma-joined in the
    /// same order (an NWB session for a `.nwb` path, else a response file).
    static func legacyResponses(paths: String, digests: String) -> [InputSource] {
        let pathList = paths.isEmpty ? [] : paths.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let digestList = digests.isEmpty ? [] : digests.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return pathList.enumerated().map { index, path in
            let digest = index < digestList.count && !digestList[index].isEmpty ? digestList[index] : nil
            return InputSource(path.lowercased().hasSuffix(".nwb") ? .nwbSession : .responseFile, path: path, sha256: digest)
        }
    }

    /// The source of an older results file's model: a checkpoint for `.safetensors` paths, random
    /// weights for the prose digest `random weights, seed N`, else a feature file.
    static func legacyModel(path: String, digest: String) -> InputSource {
        let prose = "random weights, seed "
        if digest.hasPrefix(prose), let seed = UInt64(digest.dropFirst(prose.count)) {
            return InputSource(.randomWeights(seed: seed), path: path, sha256: nil)
        }
        let kind: Kind = path.lowercased().hasSuffix(".safetensors") ? .checkpoint : .featureFile
        return InputSource(kind, path: path, sha256: digest.isEmpty ? nil : digest)
    }
}
