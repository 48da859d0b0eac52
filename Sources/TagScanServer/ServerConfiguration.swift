public import Foundation
public import Logging
public import TagScanKit

/// How `tagscan serve` runs: where it listens, its limits, and how documents are scanned.
/// Every field has a flag and a `TAGSCAN_SERVE_*` environment variable (the CLI reads both).
public struct ServerConfiguration: Sendable, Hashable {
    /// Address to bind; loopback by default, so a replica is reachable from elsewhere only when
    /// asked for.
    public var host: String
    /// Port to bind; 0 picks a free one (the tests use this).
    public var port: Int
    /// Largest request body in bytes; a larger one gets 413 before it is read in full.
    public var maxBodyBytes: Int
    /// Requests scanned at once, each in its own worker process.
    public var workers: Int
    /// Requests that may wait for a worker; one more gets 429.
    public var queueSize: Int
    /// Seconds a request may take from arrival to answer, waiting included; past it, 503.
    public var requestTimeout: Double
    /// Seconds one document may take in its worker; past it the document gets `timeout`.
    public var documentTimeout: Double
    /// Address-space cap of each worker process in bytes; nil for none.
    public var maxMemory: Int?
    /// Seconds in-flight requests get to finish after SIGTERM before they are cancelled.
    public var shutdownTimeout: Double
    /// The bearer token requests must carry; nil leaves the service open.
    public var token: String?
    /// The executable whose `__worker` subcommand scans documents (the `tagscan` binary).
    public var workerExecutable: String
    /// Scan in the server process instead of worker processes: no time or memory limit, so only
    /// for trusted documents (benchmarks of the HTTP layer).
    public var inProcess: Bool
    public var logLevel: Logger.Level

    public init(
        host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 50 << 20, workers: Int = ScanOptions.defaultJobs,
        queueSize: Int = 64, requestTimeout: Double = 60, documentTimeout: Double = IsolationOptions.defaultTimeout,
        maxMemory: Int? = IsolationOptions.defaultMaxMemory, shutdownTimeout: Double = 30, token: String? = nil,
        workerExecutable: String, inProcess: Bool = false, logLevel: Logger.Level = .info
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.workers = max(1, workers)
        self.queueSize = max(0, queueSize)
        self.requestTimeout = requestTimeout
        self.documentTimeout = documentTimeout
        self.maxMemory = maxMemory
        self.shutdownTimeout = shutdownTimeout
        self.token = token
        self.workerExecutable = workerExecutable
        self.inProcess = inProcess
        self.logLevel = logLevel
    }

    /// The scan options of one request: one worker process per request (concurrency comes from
    /// serving several requests at once), isolated unless `inProcess`.
    func scanOptions(_ config: TagScanConfig?) -> ScanOptions {
        var options = ScanOptions(jobs: 1)
        if !inProcess {
            options.isolation = IsolationOptions(workerExecutable: workerExecutable, timeout: documentTimeout, maxMemory: maxMemory)
        }
        return config?.applied(to: options) ?? options
    }
}
