import CHDF5

/// Error-stack discipline shared by every call into libhdf5.
///
/// libhdf5 keeps one error stack per thread and, by default, prints it to stderr when a call fails.
/// The library must never print, and the thread-safe build prints "infinite loop closing library"
/// at process exit when an error is left on any thread's stack. So every public entry point runs
/// inside `guarded`, which silences auto-printing for the calling thread before the body and clears
/// the stack after it, and every failure is turned into a message with `takeErrorMessage()`.
extension HDF5Library {
    /// Runs `body` with HDF5's automatic error printing off for this thread; clears the thread's error
    /// stack before and after, whether `body` returns or throws.
    static func guarded<T, Failure: Error>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
        initialise()
        ck_h5_silence_and_clear()
        defer { ck_h5_silence_and_clear() }
        return try body()
    }

    /// Initialises libhdf5 without its exit-time clean-up (`H5dont_atexit`), once, before any other call.
    ///
    /// On a full disk, closing a written file fails inside libhdf5 1.10 after it has freed half of
    /// the file's state, and the identifier stays registered; the library's exit handler then closes
    /// it a second time and dereferences NULL (`cortex features -o` on a full disk printed the right
    /// error, then segfaulted). CortexKit closes every identifier itself, exactly once
    /// (`HDF5Handle`), and flushes written files before renaming them into place, so the exit
    /// handler has nothing left to do but crash — or print "infinite loop closing library".
    static func initialise() { _ = initialisation }

    private static let initialisation: Void = {
        _ = H5dont_atexit()  // must precede the library's initialisation, which registers the handler
        _ = H5open()
    }()

    /// The most specific message on this thread's error stack (e.g. "truncated file: eof = 1024, …"),
    /// then clears the stack. Returns a generic text when the stack is empty.
    static func takeErrorMessage() -> String {
        let collector = MessageCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        // Walking upward visits the innermost (most specific) error first.
        _ = H5Ewalk2(ck_h5e_default(), H5E_WALK_UPWARD, { _, entry, clientData in
            guard let entry, let clientData else { return 0 }
            let collector = Unmanaged<MessageCollector>.fromOpaque(clientData).takeUnretainedValue()
            if let text = entry.pointee.desc { collector.messages.append(String(cString: text)) }
            return 0
        }, context)
        ck_h5_silence_and_clear()
        let messages = collector.messages.filter { !$0.isEmpty }
        return messages.first ?? "unknown HDF5 error"
    }
}

/// Accumulates error-stack descriptions during `H5Ewalk2` (used on one thread only).
private final class MessageCollector {
    var messages: [String] = []
}
