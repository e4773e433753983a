import CortexKit
import Foundation
import Synchronization

/// Shows `ProgressUpdate`s on stderr: a redrawn bar with rate and ETA on a terminal, plain lines
/// (every ~10 % or at most every 5 s) otherwise, so logs of batch runs stay readable.
final class ProgressDisplay: Sendable {
    private struct State {
        var lastDraw: ContinuousClock.Instant?
        var lastLinePercent = -1
        var drewBar = false
    }

    private let label: String
    private let isTerminal: Bool
    private let start = ContinuousClock.now
    private let state = Mutex(State())

    /// - Parameters:
    ///   - label: shown before the bar, e.g. "counting spikes".
    ///   - isTerminal: override TTY detection (tests); default: whether stderr is a terminal.
    init(label: String, isTerminal: Bool? = nil) {
        self.label = label
        self.isTerminal = isTerminal ?? (isatty(STDERR_FILENO) == 1)
    }

    /// The handler to pass to library calls.
    var handler: ProgressHandler { { [self] update in self.show(update) } }

    func show(_ update: ProgressUpdate) {
        let now = ContinuousClock.now
        let elapsed = Self.seconds(now - start)
        state.withLock { s in
            let finished = update.total.map { update.completed >= $0 } ?? false
            if isTerminal {
                if let last = s.lastDraw, !finished, Self.seconds(now - last) < 0.1 { return }
                s.lastDraw = now
                s.drewBar = true
                Self.write("\r\u{1B}[2K" + barLine(update, elapsed: elapsed) + (finished ? "\n" : ""))
                if finished { s.drewBar = false }
            } else {
                let percent = update.fraction.map { Int($0 * 100) } ?? -1
                let due = s.lastDraw.map { Self.seconds(now - $0) >= 5 } ?? true
                guard finished || percent / 10 > s.lastLinePercent / 10 || due else { return }
                s.lastLinePercent = percent
                s.lastDraw = now
                Self.write(plainLine(update, elapsed: elapsed) + "\n")
            }
        }
    }

    /// Ends an unfinished bar line (e.g. on error), so the next message starts on a fresh line.
    func close() {
        state.withLock { s in
            if s.drewBar { Self.write("\n"); s.drewBar = false }
        }
    }

    private func barLine(_ u: ProgressUpdate, elapsed: Double) -> String {
        let width = 28
        var line = label
        if let f = u.fraction, let total = u.total {
            let filled = Int(f * Double(width))
            line += " [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
            line += String(format: " %3d%% %d/%d", Int(f * 100), u.completed, total)
            if f > 0 && f < 1 { line += " ETA " + Self.clock(elapsed * (1 - f) / f) }
        } else {
            line += " \(u.completed)"
        }
        line += "  " + Self.clock(elapsed)
        if !u.message.isEmpty { line += "  " + TerminalText.clean(u.message) }
        return line
    }

    private func plainLine(_ u: ProgressUpdate, elapsed: Double) -> String {
        var line = "\(label): \(u.completed)"
        if let total = u.total { line += "/\(total)" }
        if let f = u.fraction { line += String(format: " (%d%%)", Int(f * 100)) }
        line += " after " + Self.clock(elapsed)
        if !u.message.isEmpty { line += " — " + TerminalText.clean(u.message) }
        return line
    }

    static func clock(_ seconds: Double) -> String {
        let s = max(0, Int(seconds.rounded()))
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                         : String(format: "%02d:%02d", s / 60, s % 60)
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
