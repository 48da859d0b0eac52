import Foundation
import Metrics
import Prometheus
import TagScanKit

/// What `/metrics` shows, through swift-metrics onto a registry of this server's own (never the
/// process-wide bootstrap, so several servers in one process, as in the tests, stay apart).
final class ServiceMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    /// The registry's swift-metrics factory; ``TagScanServer/bootstrapMetrics()`` makes it the
    /// process's backend.
    let factory: PrometheusMetricsFactory
    private let documents: Metrics.Counter
    private let pages: Metrics.Counter
    private let queueDepth: Metrics.Gauge
    private let busyWorkers: Metrics.Gauge

    init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Scans of one page take milliseconds; hostile documents run to the document timeout.
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
        ]
        self.factory = factory
        documents = Metrics.Counter(label: "tagscan_documents_scanned_total", factory: factory)
        pages = Metrics.Counter(label: "tagscan_pages_scanned_total", factory: factory)
        queueDepth = Metrics.Gauge(label: "tagscan_queue_depth", factory: factory)
        busyWorkers = Metrics.Gauge(label: "tagscan_workers_busy", factory: factory)
        queueDepth.record(0)
        busyWorkers.record(0)
    }

    /// One answered request.
    func request(route: String, method: String, status: Int, seconds: Double) {
        let dimensions = [("route", route), ("method", method), ("status", String(status))]
        Metrics.Counter(label: "tagscan_http_requests_total", dimensions: dimensions, factory: factory).increment()
        Metrics.Timer(label: "tagscan_http_request_duration_seconds", dimensions: [("route", route)], factory: factory)
            .recordNanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// The documents of one scan: counts, and each failure by its stable error code. A document
    /// that timed out, ran out of memory or crashed cost its worker process, which was replaced.
    func scanned(_ results: [DocumentResult], seconds: Double, route: String) {
        documents.increment(by: results.count)
        pages.increment(by: results.reduce(0) { $0 + $1.pageCount })
        Metrics.Timer(label: "tagscan_scan_duration_seconds", dimensions: [("route", route)], factory: factory)
            .recordNanoseconds(Int64((seconds * 1e9).rounded()))
        for result in results {
            guard let error = result.error else { continue }
            Metrics.Counter(label: "tagscan_document_errors_total", dimensions: [("code", error.code.rawValue)], factory: factory).increment()
            if [.timeout, .tooLarge, .crashed].contains(error.code) {
                Metrics.Counter(label: "tagscan_worker_restarts_total", factory: factory).increment()
            }
        }
    }

    /// A request refused because the queue was full.
    func rejected() {
        Metrics.Counter(label: "tagscan_requests_rejected_total", factory: factory).increment()
    }

    func queue(depth: Int) { queueDepth.record(depth) }
    func workers(busy: Int) { busyWorkers.record(busy) }

    /// The Prometheus text exposition.
    func exposition() -> [UInt8] {
        // Counters that have not happened yet still appear, at 0, so dashboards and alerts see them.
        _ = Metrics.Counter(label: "tagscan_worker_restarts_total", factory: factory)
        _ = Metrics.Counter(label: "tagscan_requests_rejected_total", factory: factory)
        return registry.emitToBuffer()
    }
}
