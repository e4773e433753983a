import CortexKit
import Foundation

/// A problem with the arguments a caller passed through the C ABI (an unknown option, a wrong
/// type, a shape that does not fit), described in one line naming the argument.
struct CABIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }

    /// One line for any error: CortexKit's errors describe themselves (file, dataset path,
    /// expected and found), as the `cortex` command prints them.
    static func message(for error: any Error) -> String {
        if let described = error as? any CustomStringConvertible { return described.description }
        return String(describing: error)
    }
}
