import Foundation

/// Checks an output path before any work starts: it must not be one of the command's inputs
/// (the same file by device and inode, or by resolved path when it does not exist yet), and its
/// folder must exist and be writable — so `cortex responses X.nwb -o X.nwb` or `features -o`
/// pointed at the checkpoint fails at once, naming both, instead of replacing an input after
/// minutes of work.
///
/// ```swift
/// try OutputGuard.check(output: outURL, inputs: [sessionURL, movieURL])
/// ```
public enum OutputGuard {
    /// Why an output cannot be written.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// The output is one of the inputs.
        case outputIsInput(output: String, input: String)
        /// The output's folder does not exist or cannot be written.
        case notWritable(output: String, reason: String)

        public var description: String {
            switch self {
            case let .outputIsInput(output, input):
                return "\(output): the output would overwrite the input \(input); choose another output path"
            case let .notWritable(output, reason):
                return "\(output): cannot write here (\(reason))"
            }
        }
    }

    /// Checks `output` (a file, or with `isDirectory` a folder to be created or filled) against `inputs`.
    public static func check(output: URL, inputs: [URL], isDirectory: Bool = false) throws(Problem) {
        let out = output.standardizedFileURL.resolvingSymlinksInPath()
        let outID = identity(of: out)
        for input in inputs {
            let resolved = input.standardizedFileURL.resolvingSymlinksInPath()
            let same = (outID != nil && outID == identity(of: resolved)) || resolved.path == out.path
            // A folder output must not contain an input as the folder itself either.
            if same { throw .outputIsInput(output: output.path, input: input.path) }
        }
        var folderThere: ObjCBool = false
        if isDirectory, FileManager.default.fileExists(atPath: out.path, isDirectory: &folderThere) {
            guard folderThere.boolValue else { throw .notWritable(output: output.path, reason: "a file, not a folder, is there") }
            guard access(out.path, W_OK) == 0 else { throw .notWritable(output: output.path, reason: "the folder is not writable") }
            return
        }
        var folder = out.deletingLastPathComponent()
        if isDirectory {       // created with intermediate folders: the nearest existing ancestor must be writable
            while !FileManager.default.fileExists(atPath: folder.path) && folder.path != "/" { folder = folder.deletingLastPathComponent() }
        }
        var directory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &directory), directory.boolValue else {
            throw .notWritable(output: output.path, reason: "no folder \(folder.path)")
        }
        guard access(folder.path, W_OK) == 0 else {
            throw .notWritable(output: output.path, reason: "the folder \(folder.path) is not writable")
        }
        var existing: ObjCBool = false
        if FileManager.default.fileExists(atPath: out.path, isDirectory: &existing), existing.boolValue, !isDirectory {
            throw .notWritable(output: output.path, reason: "a folder is there")
        }
    }

    /// Device and inode of an existing file.
    static func identity(of url: URL) -> [UInt64]? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }
}
