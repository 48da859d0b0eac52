import Foundation
import TestSupport
import Testing

/// Runs the built `tagscan` binary the way a user or CI job does and captures what it printed.
enum CommandRunner {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutData: Data
    }

    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `tagscan` built next to this test bundle (whatever scratch path or configuration).
    static var binary: URL {
        get throws { try TagScanBinary.url }
    }

    /// Runs `tagscan arguments…` (or `executable`) in the repository root (or `directory`) with
    /// `stdin` as standard input.
    static func run(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:], executable: URL? = nil, directory: URL? = nil
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = try executable ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Drain both pipes concurrently so a large report cannot fill one and block the child.
        let errData = Locked(Data())
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.isSet { Thread.sleep(forTimeInterval: 0.01) }
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData.value, as: UTF8.self), stdoutData: outData)
    }
}

extension CommandRunner {
    /// ``run(_:stdin:environment:)`` on a thread of its own, for async tests: waiting for the
    /// child on the cooperative pool would hold one of its few threads (two on a 2-core
    /// machine) for seconds and starve the other tests running alongside.
    static func runDetached(_ arguments: [String], environment: [String: String] = [:]) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try run(arguments, environment: environment) })
            }.start()
        }
    }
}

final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    private var wasSet = false
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    var isSet: Bool { lock.withLock { wasSet } }
    func set(_ value: Value) {
        lock.withLock {
            stored = value; wasSet = true
        }
    }
}
