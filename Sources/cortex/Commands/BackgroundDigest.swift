import CortexKit
import Dispatch
import Foundation

/// The SHA-256 of an input file, computed on another thread while the command reads the same file
/// for its work (`cortex responses` hashes each 1 GB session for the output's provenance: a quarter
/// of the CPU samples when done after the counting). ``value()`` waits for it.
final class BackgroundDigest: @unchecked Sendable {
    private let group = DispatchGroup()
    // Written once on the worker before `leave()`, read after `wait()`: the group orders the two.
    private var result: Result<String, any Error> = .success("")

    init(ofFile url: URL) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = Result { try SHA256.hexDigest(ofFile: url) }
            group.leave()
        }
    }

    /// The hex digest (as `SHA256.hexDigest(ofFile:)`), or its error.
    func value() throws -> String {
        group.wait()
        return try result.get()
    }
}
