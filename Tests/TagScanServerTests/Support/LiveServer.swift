import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Synchronization
import TagScanServer
import Testing

/// A real `tagscan serve` on 127.0.0.1 and an ephemeral port, started by a test and stopped by
/// it (SIGTERM, then waiting for it to exit), with what it logged. A process of its own, so its
/// worker processes are its children, never this test process's (whose own isolation tests
/// check that no worker of theirs is left behind).
struct LiveServer: Sendable {
    let port: Int
    let logs: LogCapture
    /// The server's process id.
    let pid: Int32

    var base: String { "http://127.0.0.1:\(port)" }

    /// Runs `body` against a server with `configure`'s settings (2 workers, a 256 MiB cap).
    static func with<T: Sendable>(
        _ configure: (inout ServerConfiguration) -> Void = { _ in }, _ body: @Sendable (LiveServer) async throws -> T
    ) async throws -> T {
        var configuration = ServerConfiguration(port: 0, workers: 2, workerExecutable: try ServerFixtures.workerExecutable)
        configuration.maxMemory = 256 << 20
        configure(&configuration)
        var arguments = [
            "--workers", String(configuration.workers), "--queue-size", String(configuration.queueSize),
            "--max-body", String(configuration.maxBodyBytes), "--request-timeout", String(configuration.requestTimeout),
            "--document-timeout", String(configuration.documentTimeout), "--max-memory", configuration.maxMemory.map(String.init) ?? "none",
            "--shutdown-timeout", "10", "--log-level", configuration.logLevel.rawValue,
        ]
        if configuration.inProcess { arguments.append("--in-process") }
        let process = try await ServeProcess.start(arguments, environment: configuration.token.map { ["TAGSCAN_SERVE_TOKEN": $0] } ?? [:])
        let server = LiveServer(port: process.port, logs: process.logs, pid: process.pid)
        do {
            let value = try await body(server)
            process.terminate()
            _ = try await process.waitForExit(within: .seconds(30))
            return value
        } catch {
            process.terminate()
            _ = try? await process.waitForExit(within: .seconds(30))
            throw error
        }
    }
}

struct ServerTestError: Error, CustomStringConvertible { var description: String }

/// The log lines a server wrote, each a JSON object.
final class LogCapture: Sendable {
    private let data = Mutex(Data())

    func append(_ line: Data) { data.withLock { $0.append(line) } }

    var text: String { data.withLock { String(decoding: $0, as: UTF8.self) } }

    var lines: [[String: String]] {
        text.split(separator: "\n").compactMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) }
    }
}

/// What one HTTP exchange answered.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    var contentType: String? { headers["content-type"] }

    /// The JSON object of an error answer.
    var problem: [String: String]? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        return object.mapValues { "\($0)" }
    }
}

/// Requests through AsyncHTTPClient, as a Swift client of the service would send them.
enum HTTP {
    static func send(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: Data? = nil, timeout: TimeAmount = .seconds(120)
    ) async throws -> HTTPAnswer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let collected = try await response.body.collect(upTo: 64 << 20)
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name.lowercased()] = header.value }
        return HTTPAnswer(status: Int(response.status.code), headers: fields, body: Data(collected.readableBytesView))
    }

    static func get(_ url: String, headers: [(String, String)] = []) async throws -> HTTPAnswer {
        try await send(.GET, url, headers: headers)
    }

    static func postPDF(_ url: String, _ data: Data, headers: [(String, String)] = []) async throws -> HTTPAnswer {
        try await send(.POST, url, headers: [("Content-Type", "application/pdf")] + headers, body: data)
    }

    static func postForm(_ url: String, _ form: MultipartBuilder, headers: [(String, String)] = []) async throws -> HTTPAnswer {
        try await send(.POST, url, headers: [("Content-Type", form.contentType)] + headers, body: form.body)
    }
}

/// A multipart/form-data body built part by part (a class, so the tests' server closures can
/// read a body built before them).
final class MultipartBuilder: Sendable {
    let boundary = "tagscan-test-\(UUID().uuidString)"
    private let data = Mutex(Data())

    var body: Data { data.withLock { $0 } }
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    func file(_ name: String, fileName: String, _ bytes: Data, type: String = "application/pdf") {
        data.withLock {
            $0.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\nContent-Type: \(type)\r\n\r\n".utf8))
            $0.append(bytes)
            $0.append(Data("\r\n".utf8))
        }
    }

    func field(_ name: String, _ text: String) {
        data.withLock { $0.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(text)\r\n".utf8)) }
    }

    /// The closing boundary; a body without it is truncated.
    func close() {
        data.withLock { $0.append(Data("--\(boundary)--\r\n".utf8)) }
    }
}
