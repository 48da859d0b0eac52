import Foundation
internal import CProcessSpawn

/// One worker process seen from the scanner: started in its own process group, fed one request
/// at a time, killed (the whole group, SIGKILL) when it overruns, and always reaped.
/// Confined to the thread that started it.
final class WorkerProcess {
    /// How one request ended.
    enum Outcome {
        /// The worker answered with this line (without its newline).
        case answered(Data)
        /// The deadline passed first.
        case timedOut
        /// The worker closed its output (it exited or was killed) before answering.
        case ended
    }

    let pid: pid_t
    private var toChild: Int32
    private var fromChild: Int32
    private var errors: Int32
    private var pending: [UInt8] = []
    private var reaped = false
    /// The wait status, once reaped.
    private var waitStatus: Int32 = 0
    /// What the worker wrote on stderr during the current request, bounded.
    private(set) var stderr = BoundedLines(keep: 8, maxLength: 300)

    private init(pid: pid_t, toChild: Int32, fromChild: Int32, errors: Int32) {
        self.pid = pid
        self.toChild = toChild
        self.fromChild = fromChild
        self.errors = errors
    }

    deinit {
        if !reaped { kill() }
        closeAll()
    }

    /// Starts `isolation.workerExecutable` with its arguments plus `--max-memory` and
    /// `--parent-pid`.
    static func start(_ isolation: IsolationOptions) throws(DocumentError) -> WorkerProcess {
        var arguments = [isolation.workerExecutable] + isolation.arguments
        if let maxMemory = isolation.maxMemory { arguments += ["--max-memory", String(maxMemory)] }
        arguments += ["--parent-pid", String(getpid())]
        var environment = ProcessInfo.processInfo.environment
        // glibc reserves 64 MiB of address space per thread arena; the cap is on address space.
        if environment["MALLOC_ARENA_MAX"] == nil { environment["MALLOC_ARENA_MAX"] = "2" }
        // A crash must end the worker with its signal, not in Swift's interactive backtracer.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        var toChild: Int32 = -1, fromChild: Int32 = -1, errors: Int32 = -1
        let status = tagscan_worker_spawn(isolation.workerExecutable, argv, envp, &pid, &toChild, &fromChild, &errors)
        guard status == 0 else {
            throw DocumentError(.crashed, "cannot start the worker \(isolation.workerExecutable): \(String(cString: strerror(status)))")
        }
        return WorkerProcess(pid: pid, toChild: toChild, fromChild: fromChild, errors: errors)
    }

    /// Sends `request` (one line) and waits for one line back until `deadline`
    /// (``tagscan_monotonic_ms()`` milliseconds).
    func exchange(_ request: Data, deadline: Int64) -> Outcome {
        stderr = BoundedLines(keep: stderr.keep, maxLength: stderr.maxLength)
        let sent = request.withUnsafeBytes { tagscan_worker_send(toChild, $0.baseAddress, $0.count, deadline) }
        if sent == ETIMEDOUT { return .timedOut }
        if sent != 0 { return .ended }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let line = Data(pending[..<newline])
                pending.removeSubrange(...newline)
                return .answered(line)
            }
            let left = deadline - tagscan_monotonic_ms()
            if left <= 0 { return .timedOut }
            var fds = [pollfd(fd: fromChild, events: Int16(POLLIN), revents: 0), pollfd(fd: errors, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, fds[1].fd >= 0 ? 2 : 1, Int32(min(left, 60_000)))
            if ready < 0 {
                if errno == EINTR { continue }
                return .ended
            }
            if fds[1].fd >= 0, fds[1].revents != 0 { drainErrors(into: &buffer) }
            if fds[0].revents != 0 {
                let count = read(fromChild, &buffer, buffer.count)
                if count > 0 {
                    pending += buffer[..<count]
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    return .ended
                }
            }
        }
    }

    /// Reads what is waiting on stderr (closing it at end of file).
    private func drainErrors(into buffer: inout [UInt8]) {
        guard errors >= 0 else { return }
        let count = read(errors, &buffer, buffer.count)
        if count > 0 {
            stderr.append(buffer[..<count])
        } else if count == 0 {
            close(errors)
            errors = -1
        }
    }

    /// Reads stderr to its end for at most `milliseconds` (a dead worker's last words).
    func collectErrors(for milliseconds: Int64) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let deadline = tagscan_monotonic_ms() + milliseconds
        while errors >= 0 {
            let left = deadline - tagscan_monotonic_ms()
            if left <= 0 { break }
            var fd = pollfd(fd: errors, events: Int16(POLLIN), revents: 0)
            if poll(&fd, 1, Int32(left)) <= 0 { break }
            drainErrors(into: &buffer)
        }
        stderr.flush()
    }

    /// Whether the worker has exited (reaped here if so), without waiting.
    var hasExited: Bool {
        if reaped { return true }
        var status: Int32 = 0
        let done = waitpid(pid, &status, WNOHANG)
        guard done == pid || (done < 0 && errno == ECHILD) else { return false }
        reaped = true
        waitStatus = status
        closeAll()
        return true
    }

    /// SIGKILL to the worker's process group and to the worker.
    func kill() {
        guard !reaped else { return }
        tagscan_worker_kill(pid)
    }

    /// Waits for the worker to exit and returns its wait status. Kills it if it has not exited
    /// within `grace` milliseconds.
    @discardableResult
    func reap(grace: Int64 = 2_000) -> Int32 {
        if reaped { return waitStatus }
        var status: Int32 = 0
        let deadline = tagscan_monotonic_ms() + grace
        while !reaped {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid || (done < 0 && errno == ECHILD) {
                reaped = true
                break
            }
            if done < 0 && errno == EINTR { continue }
            if tagscan_monotonic_ms() >= deadline {
                kill()
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                reaped = true
                break
            }
            usleep(2_000)
        }
        closeAll()
        waitStatus = status
        return status
    }

    /// Closes the worker's stdin (it exits when it sees the end) and reaps it; returns its wait
    /// status.
    @discardableResult
    func shutdown() -> Int32 {
        if toChild >= 0 {
            close(toChild)
            toChild = -1
        }
        return reap()
    }

    private func closeAll() {
        for fd in [toChild, fromChild, errors] where fd >= 0 { close(fd) }
        toChild = -1
        fromChild = -1
        errors = -1
    }
}

/// The first `keep` lines of a byte stream (each cut to `maxLength` bytes), the last line, a
/// count of all, and whether any line says an allocation failed.
struct BoundedLines {
    let keep: Int
    let maxLength: Int
    private(set) var lines: [String] = []
    private(set) var last: String?
    private(set) var count = 0
    /// A line matched what allocation failures print: operator new's handler in the worker
    /// ("out of memory"), libstdc++'s terminate ("std::bad_alloc"), poppler's gmalloc ("Out of
    /// memory"), GLib ("failed to allocate") or the Swift runtime ("Could not allocate memory").
    private(set) var reportsOutOfMemory = false
    private var partial: [UInt8] = []

    static let outOfMemoryMarkers = ["out of memory", "bad_alloc", "could not allocate", "failed to allocate", "cannot allocate memory"]

    init(keep: Int, maxLength: Int) {
        self.keep = keep
        self.maxLength = maxLength
    }

    mutating func append(_ bytes: ArraySlice<UInt8>) {
        for byte in bytes {
            if byte == 0x0A {
                finishLine()
            } else if partial.count < maxLength {
                partial.append(byte)
            }
        }
    }

    /// Ends a last line that has no newline.
    mutating func flush() {
        if !partial.isEmpty { finishLine() }
    }

    private mutating func finishLine() {
        defer { partial.removeAll(keepingCapacity: true) }
        let line = String(decoding: partial, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty else { return }
        count += 1
        last = line
        if lines.count < keep { lines.append(line) }
        if !reportsOutOfMemory {
            let lowered = line.lowercased()
            reportsOutOfMemory = Self.outOfMemoryMarkers.contains { lowered.contains($0) }
        }
    }
}
