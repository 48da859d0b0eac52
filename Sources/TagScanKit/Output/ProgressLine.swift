import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One line on a terminal, redrawn in place, that says how far a long run has got: documents
/// done of the total, pages per second, errors so far and the time left.
///
/// Quick runs never show it: it first appears once the run has gone on for `delay`, and it is
/// erased when the run ends, so what stays on the terminal is what the command itself printed.
/// It is meant for standard error, and only when that is a terminal (``standardErrorIsTerminal``);
/// the report on standard output is the same with or without it.
public final class ProgressLine: Sendable {
    private struct State {
        var done = 0
        var pages = 0
        var errors = 0
        var shown = false
        var finished = false
    }

    private let total: Int
    private let delay: Duration
    private let interval: Duration
    private let write: @Sendable (String) -> Void
    private let start = ContinuousClock.now
    private let state = Mutex(State())

    /// Whether standard error is a terminal, where a line redrawn in place makes sense.
    public static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Starts timing a run of `total` documents; nothing is drawn before `delay` has passed.
    public init(
        total: Int, delay: Duration = .seconds(2), interval: Duration = .milliseconds(250),
        write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.total = total
        self.delay = delay
        self.interval = interval
        self.write = write
        let thread = Thread { [self] in self.tick() }
        thread.name = "tagscan progress"
        thread.start()
    }

    /// Counts a finished document.
    public func finished(_ document: DocumentResult) {
        state.withLock { state in
            state.done += 1
            state.pages += document.pageCount
            if document.status == .error { state.errors += 1 }
        }
    }

    /// Stops redrawing and erases the line if it was drawn. Call once the run is over, before
    /// anything else is written to the terminal.
    public func finish() {
        // Drawn and erased under the lock, so a redraw cannot land after the erase.
        state.withLock { state in
            if !state.finished && state.shown { write("\r\u{1B}[K") }
            state.finished = true
            state.shown = false
        }
    }

    /// The line for the counts so far, `elapsed` into the run.
    public static func text(done: Int, total: Int, pages: Int, errors: Int, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var parts = ["\(done)/\(total) documents"]
        parts.append(seconds > 0 ? "\(Int((Double(pages) / seconds).rounded())) pages/s" : "0 pages/s")
        parts.append("\(errors) error\(errors == 1 ? "" : "s")")
        if done > 0 && done < total {
            let left = seconds / Double(done) * Double(total - done)
            parts.append("about \(format(left)) left")
        } else if done == 0 {
            parts.append("time left unknown")
        }
        return "tagscan: " + parts.joined(separator: ", ")
    }

    static func format(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }

    private func tick() {
        let pause = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        while true {
            Thread.sleep(forTimeInterval: pause)
            let elapsed = ContinuousClock.now - start
            let over = state.withLock { state -> Bool in
                if state.finished { return true }
                guard elapsed >= delay else { return false }
                state.shown = true
                write("\r\u{1B}[K" + Self.text(done: state.done, total: total, pages: state.pages, errors: state.errors, elapsed: elapsed))
                return false
            }
            if over { return }
        }
    }
}
