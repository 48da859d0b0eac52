import Foundation
import Synchronization
import TestSupport
import Testing

/// `tagscan serve` as a process: SIGTERM stops new connections, lets the request in flight
/// finish, and exits 0; past the shutdown deadline what is left is cancelled and it still exits 0.
@Suite(.serialized)
struct ShutdownTests {
    @Test func sigtermDrainsTheRequestInFlightAndExitsZero() async throws {
        // The bomb holds the worker until its 20 s document limit: a window wide enough for the
        // poll below to see the worker busy while the whole suite loads a two-core machine, and
        // still well short of the 60 s shutdown deadline, so the two cannot be confused.
        let server = try await ServeProcess.start(["--document-timeout", "20", "--shutdown-timeout", "60", "--workers", "1"])
        let bomb = try ServerFixtures.data("hostile/content-bomb.pdf")
        // Sent from a task of its own at once, not when the test's task next gives way.
        let inFlight = Task.detached(priority: .high) { try await HTTP.postPDF(server.base + "/v1/scan?file_name=bomb.pdf", bomb) }
        try await LimitsTests.waitForBusyWorker(LiveServer(port: server.port, logs: server.logs, pid: server.pid))
        // Timed from the signal: reaching a busy worker takes what the machine's load makes it.
        let signalled = ContinuousClock.now
        server.terminate()
        // New connections are refused once the listener is closed (while the request drains).
        var refused = false
        let closing = ContinuousClock.now + .seconds(15)
        while !refused && ContinuousClock.now < closing {
            refused = (try? RawHTTP(port: server.port)) == nil
            if !refused { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(refused, "the listener was still open 15 s after SIGTERM")
        let answer = try await inFlight.value
        #expect(answer.status == 200)
        let report = try JSONDecoder().decode(ScanReportProbe.self, from: answer.body)
        #expect(report.documents.map { $0.error?.code } == ["timeout"])
        let status = try await server.waitForExit(within: .seconds(40))
        #expect(status == 0, "stderr: \(server.stderr)")
        // The drain is the 20 s document limit, not the 60 s shutdown deadline.
        #expect(ContinuousClock.now - signalled < .seconds(50))
        #expect(server.stderr.contains("\"message\":\"stopped\""))
    }

    @Test func aPortInUseIsAFailureNotAShutdown() async throws {
        try await LiveServer.with { server in
            let second = try ServerFixtures.tagscan(["serve", "--port", String(server.port)], in: ServerFixtures.repositoryRoot)
            #expect(second.status == 1)
        }
    }

    @Test func pastTheShutdownDeadlineRequestsAreCancelledAndItStillExitsZero() async throws {
        let server = try await ServeProcess.start(["--document-timeout", "60", "--request-timeout", "120", "--shutdown-timeout", "1", "--workers", "1"])
        let bomb = try ServerFixtures.data("hostile/content-bomb.pdf")
        let inFlight = Task { try await HTTP.postPDF(server.base + "/v1/scan?file_name=bomb.pdf", bomb) }
        try await LimitsTests.waitForBusyWorker(LiveServer(port: server.port, logs: server.logs, pid: server.pid))
        let signalled = ContinuousClock.now
        server.terminate()
        let status = try await server.waitForExit(within: .seconds(20))
        #expect(status == 0, "stderr: \(server.stderr)")
        #expect(ContinuousClock.now - signalled < .seconds(15))
        // Whatever the client saw, it was not a scan that ran on after the deadline.
        if let answer = try? await inFlight.value { #expect(answer.status != 200) }
        // The worker of the cancelled scan went with the server.
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline, ProcessTable.entries().contains(where: { $0.parentPID == server.pid }) {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(!ProcessTable.entries().contains { $0.parentPID == server.pid && $0.arguments.contains("__worker") })
    }
}

/// `tagscan serve --port 0 …` started by a test; its port read from the "listening" log line.
final class ServeProcess: Sendable {
    private let process: Process
    private let errors: LogCapture
    /// What the server wrote on standard error: its JSON log lines.
    var logs: LogCapture { errors }
    let port: Int
    var pid: Int32 { process.processIdentifier }
    var base: String { "http://127.0.0.1:\(port)" }
    var stderr: String { errors.text }

    private init(process: Process, errors: LogCapture, port: Int) {
        self.process = process
        self.errors = errors
        self.port = port
    }

    /// Starts the server and waits (without holding a thread: the tests' concurrency pool has
    /// as few threads as the machine has cores) for its "listening" line.
    static func start(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> ServeProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ServerFixtures.workerExecutable)
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0"] + arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TAGSCAN_SERVE_") }.merging(extra) { $1 }
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        let errors = LogCapture()
        try process.run()
        let found = Mutex<Int?>(nil)
        let reader = Thread {
            let handle = err.fileHandleForReading
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                errors.append(chunk)
                for line in errors.text.split(separator: "\n") where line.contains("\"message\":\"listening\"") {
                    if let object = try? JSONDecoder().decode([String: String].self, from: Data(line.utf8)), let port = object["port"].flatMap({ Int($0) }) {
                        found.withLock { $0 = port }
                    }
                }
            }
        }
        reader.start()
        let deadline = ContinuousClock.now + .seconds(60)
        while found.withLock({ $0 }) == nil && ContinuousClock.now < deadline && process.isRunning {
            try await Task.sleep(for: .milliseconds(50))
        }
        guard let port = found.withLock({ $0 }) else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            throw ServerTestError(description: "tagscan serve did not say it was listening: \(errors.text)")
        }
        return ServeProcess(process: process, errors: errors, port: port)
    }

    func terminate() { kill(process.processIdentifier, SIGTERM) }

    func waitForExit(within limit: Duration) async throws -> Int32 {
        let deadline = ContinuousClock.now + limit
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                kill(process.processIdentifier, SIGKILL)
                throw ServerTestError(description: "tagscan serve did not exit within \(limit)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
