/// A failure writing report files; every case names the path involved.
public enum ReportWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A system call failed; `code` is `errno`.
    case io(path: String, operation: String, code: Int32, message: String)
    /// The output directory could not be created.
    case directoryCreation(path: String, message: String)

    public var description: String {
        switch self {
        case .io(let path, let operation, let code, let message):
            return "\(path): \(operation) failed: \(message) (errno \(code))"
        case .directoryCreation(let path, let message):
            return "\(path): cannot create report directory: \(message)"
        }
    }
}
