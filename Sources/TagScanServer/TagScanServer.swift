public import Foundation
import Hummingbird
import Metrics
public import Logging
import NIOCore
public import ServiceLifecycle
public import UnixSignals
import Synchronization
import TagScanKit

/// `tagscan serve`: the scanner and the linter behind HTTP, on Hummingbird 2. Stateless, so it
/// scales out by running more replicas behind a load balancer.
///
/// ```swift
/// let server = TagScanServer(configuration: ServerConfiguration(port: 8080, workerExecutable: "/usr/local/bin/tagscan"))
/// try await server.run()  // until SIGTERM or SIGINT; in-flight requests are drained first
/// ```
public struct TagScanServer: Sendable {
    public let configuration: ServerConfiguration
    let logger: Logger
    let state: ServerState

    public init(configuration: ServerConfiguration, logger: Logger? = nil) {
        self.configuration = configuration
        var logger = logger ?? Logger(label: "tagscan.serve")
        logger.logLevel = configuration.logLevel
        self.logger = logger
        state = ServerState(configuration: configuration)
    }

    /// Makes this server's `/metrics` the process's swift-metrics backend, so that what the
    /// libraries report (TagScanKit's documents, pages, durations and errors, as
    /// `tagscankit_*`) shows there beside the server's own. At most once per process (swift-metrics
    /// allows one bootstrap); a host with several servers leaves it to one of them.
    public func bootstrapMetrics() {
        MetricsSystem.bootstrap(state.metrics.factory)
    }

    /// Serves until one of `gracefulShutdownSignals` arrives or the calling task is cancelled.
    /// On the signal the server stops accepting connections and lets in-flight requests finish
    /// for up to ``ServerConfiguration/shutdownTimeout`` seconds, then cancels them (their
    /// worker processes are killed) and returns.
    ///
    /// - Parameter onRunning: called with the bound port once connections are accepted.
    public func run(
        gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint], onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let router = Router(context: ServiceRequestContext.self)
        router.middlewares.add(ServiceMiddleware(state: state, logger: logger))
        ServiceEndpoints(state: state, configuration: configuration, logger: logger).register(on: router)
        let logger = self.logger
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: "tagscan"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.info("listening", metadata: ["host": .string(channel.localAddress?.ipAddress ?? "?"), "port": .stringConvertible(port)])
                await onRunning(port)
            },
            logger: logger
        )
        var group = ServiceGroupConfiguration(
            services: [
                .init(service: app),
                // Added last so that it hears of the shutdown first: /readyz fails from then on.
                .init(service: ShutdownWatch(state: state), successTerminationBehavior: .ignore),
            ],
            gracefulShutdownSignals: gracefulShutdownSignals, logger: logger)
        group.maximumGracefulShutdownDuration = .milliseconds(Int64((configuration.shutdownTimeout * 1000).rounded()))
        do {
            try await ServiceGroup(configuration: group).run()
        } catch {
            state.workers.shutdown()
            // Past the drain deadline the group cancels what is left: that is the shutdown asked
            // for, not a failure of the server.
            guard state.isShuttingDown else { throw error }
            logger.warning("requests still running at the shutdown deadline were cancelled", metadata: ["error": "\(error)"])
        }
        state.workers.shutdown()
        logger.info("stopped")
    }
}

/// What the requests of one server share.
final class ServerState: Sendable {
    let slots: WorkerSlots
    /// Worker processes kept between requests: starting one costs more than scanning a short
    /// template.
    let workers: WorkerPool
    let metrics: ServiceMetrics
    let token: BearerToken?
    private let shuttingDown = Atomic<Bool>(false)
    private let busy = Atomic<Int>(0)

    init(configuration: ServerConfiguration) {
        let metrics = ServiceMetrics()
        self.metrics = metrics
        workers = WorkerPool(capacity: configuration.workers)
        slots = WorkerSlots(capacity: configuration.workers, queueSize: configuration.queueSize) { metrics.queue(depth: $0) }
        token = configuration.token.flatMap { $0.isEmpty ? nil : BearerToken($0) }
    }

    var isShuttingDown: Bool { shuttingDown.load(ordering: .relaxed) }
    func beginShutdown() { shuttingDown.store(true, ordering: .relaxed) }

    /// Runs `body` in a worker slot, keeping the busy-workers gauge.
    func inSlot<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await slots.run {
            metrics.workers(busy: busy.wrappingAdd(1, ordering: .relaxed).newValue)
            defer { metrics.workers(busy: busy.wrappingSubtract(1, ordering: .relaxed).newValue) }
            return try await body()
        }
    }
}

/// Marks the server as shutting down as soon as graceful shutdown begins.
struct ShutdownWatch: Service {
    let state: ServerState

    func run() async throws {
        // Cancellation (a service that failed, such as a port already in use) is not a shutdown
        // that was asked for, and must not pass for one.
        do {
            try await gracefulShutdown()
            state.beginShutdown()
        } catch {}
    }
}
