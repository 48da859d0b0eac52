import ArgumentParser
import Foundation
import Logging
import TagScanKit
import TagScanServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve scans, lint and previews over HTTP (POST /v1/scan, /v1/lint, /v1/preview; GET /healthz, /readyz, /metrics, /openapi.yaml).",
        discussion: """
            Every option may also come from its TAGSCAN_SERVE_* environment variable (the flag wins). \
            Set TAGSCAN_SERVE_TOKEN to require Authorization: Bearer <token> on /v1/ (the token is never logged). \
            SIGTERM or SIGINT stops accepting connections and lets in-flight requests finish within --shutdown-timeout, then exits 0.
            """
    )

    @Option(help: "Address to listen on (TAGSCAN_SERVE_HOST; default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on, 0 for any free one (TAGSCAN_SERVE_PORT; default 8080).")
    var port: Int?

    @Option(help: ArgumentHelp("Requests scanned at once, each in a worker process (TAGSCAN_SERVE_WORKERS; default: the machine's cores).", valueName: "count"))
    var workers: Int?

    @Option(help: ArgumentHelp("Requests that may wait for a worker; one more gets 429 (TAGSCAN_SERVE_QUEUE_SIZE; default 64).", valueName: "count"))
    var queueSize: Int?

    @Option(help: ArgumentHelp("Largest request body, e.g. 50M (TAGSCAN_SERVE_MAX_BODY; default 50M); larger ones get 413.", valueName: "size"))
    var maxBody: String?

    @Option(help: ArgumentHelp("Seconds a request may take, waiting included; past it 503 (TAGSCAN_SERVE_REQUEST_TIMEOUT; default 60).", valueName: "seconds"))
    var requestTimeout: Double?

    @Option(
        help: ArgumentHelp(
            "Seconds one document may take in its worker; past it the document gets timeout (TAGSCAN_SERVE_DOCUMENT_TIMEOUT; default 30).", valueName: "seconds"
        ))
    var documentTimeout: Double?

    @Option(help: ArgumentHelp("Address-space cap of each worker process, e.g. 1G, none (TAGSCAN_SERVE_MAX_MEMORY; default 1G).", valueName: "size"))
    var maxMemory: String?

    @Option(help: ArgumentHelp("Seconds in-flight requests get after SIGTERM (TAGSCAN_SERVE_SHUTDOWN_TIMEOUT; default 30).", valueName: "seconds"))
    var shutdownTimeout: Double?

    @Option(help: ArgumentHelp("trace, debug, info, notice, warning, error or critical (TAGSCAN_SERVE_LOG_LEVEL; default info).", valueName: "level"))
    var logLevel: String?

    @Flag(help: "Scan in the server process, with no time or memory limit: trusted documents only (TAGSCAN_SERVE_IN_PROCESS=1).")
    var inProcess = false

    /// The options resolved against the environment and the defaults.
    func serverConfiguration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ServerConfiguration {
        func env(_ name: String) -> String? {
            guard let value = environment["TAGSCAN_SERVE_" + name], !value.isEmpty else { return nil }
            return value
        }
        func number<T: LosslessStringConvertible>(_ flag: T?, _ name: String, _ label: String) throws -> T? {
            if let flag { return flag }
            guard let text = env(name) else { return nil }
            guard let value = T(text) else { throw ValidationError("TAGSCAN_SERVE_\(name) must be a number (\(label)), not \"\(text)\"") }
            return value
        }
        func size(_ flag: String?, _ name: String, _ option: String) throws -> ByteCount? {
            guard let text = flag ?? env(name) else { return nil }
            guard let value = ByteCount(argument: text) else {
                throw ValidationError("\(option) (or TAGSCAN_SERVE_\(name)) must be a size such as 512M or 2G, not \"\(text)\"")
            }
            return value
        }
        var configuration = ServerConfiguration(workerExecutable: WorkerExecutable.path)
        configuration.host = host ?? env("HOST") ?? configuration.host
        configuration.port = try number(port, "PORT", "a port") ?? configuration.port
        configuration.workers = try number(workers, "WORKERS", "a count") ?? configuration.workers
        configuration.queueSize = try number(queueSize, "QUEUE_SIZE", "a count") ?? configuration.queueSize
        if let body = try size(maxBody, "MAX_BODY", "--max-body") {
            guard let bytes = body.bytes else { throw ValidationError("--max-body needs a size; a service without a body limit is not offered") }
            configuration.maxBodyBytes = bytes
        }
        configuration.requestTimeout = try number(requestTimeout, "REQUEST_TIMEOUT", "seconds") ?? configuration.requestTimeout
        configuration.documentTimeout = try number(documentTimeout, "DOCUMENT_TIMEOUT", "seconds") ?? configuration.documentTimeout
        if let memory = try size(maxMemory, "MAX_MEMORY", "--max-memory") { configuration.maxMemory = memory.bytes }
        configuration.shutdownTimeout = try number(shutdownTimeout, "SHUTDOWN_TIMEOUT", "seconds") ?? configuration.shutdownTimeout
        configuration.token = env("TOKEN")
        configuration.inProcess = inProcess || env("IN_PROCESS") == "1" || env("IN_PROCESS") == "true"
        if let level = logLevel ?? env("LOG_LEVEL") {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw ValidationError("the log level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(level)\"")
            }
            configuration.logLevel = parsed
        }
        guard (0...65535).contains(configuration.port) else { throw ValidationError("the port must be between 0 and 65535") }
        guard configuration.workers >= 1 else { throw ValidationError("--workers must be at least 1") }
        guard configuration.queueSize >= 0 else { throw ValidationError("--queue-size must be 0 or more") }
        guard configuration.requestTimeout > 0, configuration.documentTimeout > 0, configuration.shutdownTimeout >= 0 else {
            throw ValidationError("timeouts must be more than 0 seconds")
        }
        return configuration
    }

    func validate() throws {
        _ = try serverConfiguration()
    }

    func run() async throws {
        let configuration = try serverConfiguration()
        // One JSON object a line on standard error: what log collectors in front of containers read.
        LoggingSystem.bootstrap { label in JSONLineLogHandler(label: label) }
        let server = TagScanServer(configuration: configuration)
        // The scanner's own counts and timings (tagscankit_*) join the server's on /metrics.
        server.bootstrapMetrics()
        try await server.run()
    }
}
