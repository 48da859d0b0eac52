import Foundation
import Logging
import Metrics

/// What a scan tells its host: debug lines on the ``Scanner/logger`` the host passed (a library
/// logs nothing on its own and nothing above debug), and counts on swift-metrics when the host
/// bootstrapped a backend. Without a backend nothing is created, so an unobserved scan pays one
/// check per call.
///
/// The metrics, all prefixed `tagscankit_`:
/// - `documents_scanned_total` (counter, dimension `status`: ok or error);
/// - `pages_scanned_total` (counter);
/// - `document_errors_total` (counter, dimension `code`: the stable error codes, a fixed set);
/// - `document_duration_seconds` (timer): a scan call's wall time shared equally among its
///   documents, so exact for one-document scans (a service's requests) and a mean for batches.
struct ScanInstruments: Sendable {
    static let documentsLabel = "tagscankit_documents_scanned_total"
    static let pagesLabel = "tagscankit_pages_scanned_total"
    static let errorsLabel = "tagscankit_document_errors_total"
    static let durationLabel = "tagscankit_document_duration_seconds"

    let logger: Logger?
    /// Whether a metrics backend was bootstrapped when the scan began.
    let measures: Bool
    let started: ContinuousClock.Instant

    init(logger: Logger?, documents: Int, options: ScanOptions) {
        self.logger = logger
        measures = !(MetricsSystem.factory is NOOPMetricsHandler)
        started = .now
        logger?.debug(
            "scan started",
            metadata: [
                "documents": .stringConvertible(documents), "jobs": .stringConvertible(options.jobs),
                "isolated": .stringConvertible(options.isolation != nil), "extraction": .string("\(options.extraction)"),
            ])
    }

    /// `onDocument` with a debug line per document first; untouched when nothing logs them.
    func wrapping(_ onDocument: (@Sendable (Int, DocumentResult) -> Void)?) -> (@Sendable (Int, DocumentResult) -> Void)? {
        guard let logger, logger.logLevel <= .debug else { return onDocument }
        return { [self] index, result in
            finished(index, result)
            onDocument?(index, result)
        }
    }

    /// One document's result (no text of the document: counts and codes only).
    func finished(_ index: Int, _ result: DocumentResult) {
        guard let logger, logger.logLevel <= .debug else { return }
        var metadata: Logger.Metadata = [
            "index": .stringConvertible(index), "status": .string(result.status.rawValue), "pages": .stringConvertible(result.pageCount),
            "anchors": .stringConvertible(result.anchors.count), "diagnostics": .stringConvertible(result.diagnostics.count),
        ]
        if let error = result.error { metadata["error_code"] = .string(error.code.rawValue) }
        logger.debug("document scanned", metadata: metadata)
    }

    /// The whole scan's results: the metrics, and a closing debug line.
    func ended(_ results: [DocumentResult]) {
        let elapsed = ContinuousClock.now - started
        logger?.debug(
            "scan ended",
            metadata: [
                "documents": .stringConvertible(results.count), "pages": .stringConvertible(results.reduce(0) { $0 + $1.pageCount }),
                "errors": .stringConvertible(results.filter { $0.status == .error }.count),
                "duration_ms": .stringConvertible(Int((elapsed / .milliseconds(1)).rounded())),
            ])
        guard measures, !results.isEmpty else { return }
        let share = elapsed / results.count
        let nanoseconds = share.components.seconds * 1_000_000_000 + share.components.attoseconds / 1_000_000_000
        let ok = Metrics.Counter(label: Self.documentsLabel, dimensions: [("status", "ok")])
        let failed = Metrics.Counter(label: Self.documentsLabel, dimensions: [("status", "error")])
        let pages = Metrics.Counter(label: Self.pagesLabel)
        let duration = Metrics.Timer(label: Self.durationLabel)
        for result in results {
            (result.status == .ok ? ok : failed).increment()
            pages.increment(by: result.pageCount)
            duration.recordNanoseconds(nanoseconds)
            if let error = result.error {
                Metrics.Counter(label: Self.errorsLabel, dimensions: [("code", error.code.rawValue)]).increment()
            }
        }
    }
}
