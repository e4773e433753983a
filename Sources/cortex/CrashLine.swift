import Foundation

/// One readable line instead of a crash dump when the process dies of a bad memory access
/// (SIGSEGV, SIGBUS). The known cause is libhdf5 1.10 (Debian 12) crashing inside one C call on a
/// damaged HDF5/NWB file (Fuzz/README.md lists the inputs); CortexKit's own guards sit before the
/// reads it controls, but it cannot validate what libhdf5 dereferences. The other cause is an input
/// file truncated by another process while `cortex` has it memory-mapped (`.npy` layers, NWB spike
/// times): the kernel raises SIGBUS on the missing pages. The line names the command
/// line (so the file is named), and the exit status is 70 (EX_SOFTWARE), not a signal.
///
/// `CORTEX_BACKTRACE=1` leaves the signals to Swift's backtracer (for debugging CortexKit itself).
enum CrashLine {
    /// The message, built once before anything runs: a signal handler may only call
    /// async-signal-safe functions (`write`, `_exit`), so it cannot format text.
    nonisolated(unsafe) private static var message: UnsafeMutableBufferPointer<UInt8>?

    static func install(arguments: [String]) {
        guard ProcessInfo.processInfo.environment["CORTEX_BACKTRACE"] != "1" else { return }
        let command = (["cortex"] + arguments.dropFirst().map { TerminalText.clean($0) }).joined(separator: " ")
        let text = "cortex: error: the process stopped on a bad memory access while running `\(command)`; "
            + "if an input is a damaged HDF5/NWB file, libhdf5 1.10 can crash on it (check it with h5dump); "
            + "an input file cut short while cortex reads it (memory-mapped .npy files and NWB spike times) "
            + "stops it the same way; otherwise please report it (CORTEX_BACKTRACE=1 shows a backtrace)\n"
        let bytes = Array(text.utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = buffer.initialize(from: bytes)
        message = buffer
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            if let m = CrashLine.message { _ = write(STDERR_FILENO, m.baseAddress, m.count) }
            _exit(70)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        for signal in [SIGSEGV, SIGBUS] { sigaction(signal, &action, nil) }
    }
}
